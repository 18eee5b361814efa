// PDF text extraction, measured: poppler's pdftotext (what knowledge:import uses) against pdfjs-dist with
// its CMaps, on any PDF. `npx tsx bench/pdf-extract.ts FILE.pdf` (pdfjs-dist is not a dependency: add it
// for the comparison with `npm install --no-save pdfjs-dist`). Prints time, memory and what came out.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';

const file = process.argv[2];
if (!file) throw new Error('usage: tsx bench/pdf-extract.ts FILE.pdf');
const run = promisify(execFile);

function describe(name: string, text: string, ms: number, memory: string): void {
  const count = (re: RegExp) => (text.match(re) ?? []).length;
  const kanji = count(/[\u4E00-\u9FFF]/g);
  const radicals = count(/[\u2E80-\u2EFF\u2F00-\u2FDF]/g);
  process.stdout.write(
    `${name.padEnd(12)} ${String(Math.round(ms)).padStart(6)} ms  ${memory.padStart(10)}  kanji ${kanji}  radicals ${radicals}  U+FFFD ${count(/\uFFFD/g)}  chars ${text.length}\n`,
  );
}

const t0 = performance.now();
const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { maxBuffer: 1 << 30 });
describe('pdftotext', stdout, performance.now() - t0, 'own process');

// The slice of pdfjs-dist used here (it is not a dependency, so its types are not either).
interface PdfJs {
  getDocument(o: object): {
    promise: Promise<{
      numPages: number;
      getPage(n: number): Promise<{ getTextContent(): Promise<{ items: object[] }> }>;
    }>;
  };
}
const PDFJS = 'pdfjs-dist/legacy/build/pdf.mjs';
let pdfjs: PdfJs | null = null;
try {
  pdfjs = (await import(PDFJS)) as PdfJs;
} catch {
  process.stdout.write('pdfjs-dist  not installed (npm install --no-save pdfjs-dist)\n');
}
if (pdfjs) {
  const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const before = process.memoryUsage().rss;
  const t1 = performance.now();
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(readFileSync(file)),
    cMapUrl: `${root}/cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${root}/standard_fonts/`,
    verbosity: 0,
  }).promise;
  let text = '';
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    text += `${content.items.map((i) => ('str' in i ? String(i.str) : '')).join('')}\n`;
  }
  describe('pdfjs-dist', text, performance.now() - t1, `+${Math.round((process.memoryUsage().rss - before) / 1e6)} MB`);
}
