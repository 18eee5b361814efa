// PDF → pages of seed text through poppler (Debian's poppler-utils: pdfinfo, pdftotext). Chosen over
// pdfjs-dist after measuring both on a Japanese PDF (README, "Importing a document").
import { execFile } from 'node:child_process';
import { ImportError } from './errors.js';
import { layoutPage, parseBboxXhtml } from './layout.js';

export interface PdfPages {
  pages: string[]; // seed text of each page ('' when the page has no text layer)
  scanOnly: number[]; // 1-based numbers of the pages without any text
  encrypted: boolean; // encrypted, but text copying allowed (reported)
  tool: string; // "pdftotext (poppler 22.12.0)"
}

const TIMEOUT_MS = 120_000;
const MAX_OUTPUT = 512 * 1024 * 1024;

interface Run {
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(
      cmd,
      args,
      { timeout: TIMEOUT_MS, maxBuffer: MAX_OUTPUT, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } },
      (error, stdout, stderr) => {
        if (error) {
          const e = error as NodeJS.ErrnoException & { killed?: boolean };
          if (e.code === 'ENOENT') {
            reject(new ImportError(`${cmd} not found: install Debian's poppler-utils (apt-get install poppler-utils)`));
            return;
          }
          reject(Object.assign(new Error(firstLine(stderr) || e.message), { stderr, killed: e.killed }));
          return;
        }
        resolve({ stdout, stderr });
      },
    );
  });
}

function firstLine(s: string): string {
  return (
    s
      .split('\n')
      .map((l) => l.trim())
      .find(Boolean) ?? ''
  );
}

/** pdfinfo's view of the file: refuses what is not a PDF, needs a password or forbids copying its text. */
async function inspect(file: string): Promise<{ pages: number; encrypted: boolean; tool: string }> {
  let info: Run;
  try {
    info = await run('pdfinfo', [file]);
  } catch (err) {
    if (err instanceof ImportError) throw err;
    const message = (err as Error).message;
    if (/password/i.test(message)) {
      throw new ImportError('encrypted PDF: it needs a password to open; import an unprotected copy');
    }
    throw new ImportError(`not a readable PDF: ${message.replace(/^Syntax Error[^:]*:\s*/i, '')}`);
  }
  const field = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(info.stdout)?.[1]?.trim() ?? '';
  const encryptedField = field('Encrypted');
  const encrypted = encryptedField.startsWith('yes');
  if (encrypted && /copy:no/.test(encryptedField)) {
    throw new ImportError('encrypted PDF: its owner does not allow copying its text; ask for an unprotected copy');
  }
  const pages = Number.parseInt(field('Pages'), 10);
  if (!Number.isFinite(pages) || pages < 1) throw new ImportError('not a readable PDF: no pages');
  const version = await run('pdftotext', ['-v'])
    .then((r) => /pdftotext version ([\d.]+)/.exec(r.stdout + r.stderr)?.[1])
    .catch(() => undefined);
  return { pages, encrypted, tool: `pdftotext (poppler ${version ?? '?'})` };
}

export async function extractPdf(file: string): Promise<PdfPages> {
  const { pages: count, encrypted, tool } = await inspect(file);
  let xhtml: string;
  try {
    xhtml = (await run('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', file, '-'])).stdout;
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError(`cannot extract the text: ${(err as Error).message}`);
  }
  const parsed = parseBboxXhtml(xhtml);
  const pages = Array.from({ length: Math.max(count, parsed.length) }, (_, i) => {
    const p = parsed[i];
    return p ? layoutPage(p).join('\n').trim() : '';
  });
  const scanOnly = pages.flatMap((t, i) => (t === '' ? [i + 1] : []));
  return { pages, scanOnly, encrypted, tool };
}
