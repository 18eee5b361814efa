// knowledge:import — a PDF or UTF-8 text file becomes a seed under SEEDS_DIR and an entry of
// documents.yaml, parsed by the same parser the server uses, with a report of what was found and what
// could not be read. Everything is checked before anything is written; after writing, the knowledge is
// loaded again and any error the import introduced restores both files as they were.
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatKnowledgeError } from '../errors.js';
import { loadKnowledge } from '../load.js';
import type { DocumentMeta, Municipality, ParsedDocument } from '../model.js';
import { parseDocument } from '../parse/index.js';
import { MunicipalitiesFileSchema } from '../schemas.js';
import { readYaml } from '../yaml-file.js';
import { type DocumentChanges, diffDocuments } from './diff.js';
import { findEntry, upsertDocumentEntry } from './documents-yaml.js';
import { ImportError } from './errors.js';
import { findMojibake, lookAtMunicipality, type MojibakeReport } from './inspect.js';
import { extractPdf } from './pdf.js';
import { SECTION_PATH_SEPARATOR } from './report-format.js';

/** Larger files are refused: policy PDFs run to a few tens of MB; beyond this it is likely the wrong file. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

export interface ImportOptions {
  file: string; // the PDF or .txt to import
  municipality: string;
  document: string; // document id
  title: string;
  issued?: string | undefined;
  publisher?: string | undefined;
  contact?: string | undefined;
  force?: boolean | undefined; // import even when the text looks like another municipality's
  paths: { root: string; knowledgeDir: string; seedsDir: string }; // absolute
}

export interface ImportReport {
  action: 'added' | 'updated';
  seedFile: string; // as shown (relative to the root when inside it)
  documentsFile: string;
  source: { kind: 'pdf' | 'text'; pages?: number; tool?: string; encrypted?: boolean };
  parsed: ParsedDocument;
  scanOnly: number[];
  mojibake: MojibakeReport;
  municipality: { name: string; own: number; other: { name: string; count: number } | null };
  changes: DocumentChanges | null; // on re-import
  textChanged: boolean;
  otherErrors: string[]; // errors the knowledge had before this import (not caused by it)
}

const DOCUMENT_ID = /^[a-z0-9][a-z0-9-]*$/;

async function readOptional(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

async function writeAtomic(file: string, data: string | Buffer): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  await writeFile(tmp, data);
  await rename(tmp, file);
}

async function restore(file: string, previous: Buffer | null): Promise<void> {
  if (previous === null) await rm(file, { force: true });
  else await writeAtomic(file, previous);
}

function decodeUtf8(bytes: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

async function sniff(file: string): Promise<{ kind: 'pdf' | 'text'; size: number }> {
  let size: number;
  try {
    const s = await stat(file);
    if (!s.isFile()) throw new ImportError(`not a file: ${file}`);
    size = s.size;
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError(
      `cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`,
    );
  }
  if (size > MAX_IMPORT_BYTES) {
    throw new ImportError(
      `file too large: ${(size / 1024 / 1024).toFixed(0)} MB (at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB): ${path.basename(file)}`,
    );
  }
  if (size === 0) throw new ImportError(`empty file: ${path.basename(file)}`);
  const head = Buffer.alloc(1024);
  const fh = await open(file, 'r');
  try {
    await fh.read(head, 0, head.length, 0);
  } finally {
    await fh.close();
  }
  if (head.subarray(0, 1024).includes(Buffer.from('%PDF-'))) return { kind: 'pdf', size };
  if (/\.pdf$/i.test(file)) throw new ImportError(`not a PDF (no %PDF- header): ${path.basename(file)}`);
  if (!/\.(txt|text|md)$/i.test(file)) {
    throw new ImportError(`not a PDF or a UTF-8 text file (.txt): ${path.basename(file)}`);
  }
  return { kind: 'text', size };
}

async function municipalitiesOf(knowledgeDir: string, show: (p: string) => string): Promise<Municipality[]> {
  const file = path.join(knowledgeDir, 'municipalities.yaml');
  const bytes = await readOptional(file);
  if (!bytes) throw new ImportError(`${show(file)}: file not found (KNOWLEDGE_DIR is ${knowledgeDir})`);
  const result = readYaml(show(file), bytes.toString('utf8'), MunicipalitiesFileSchema);
  if (!result.ok) {
    throw new ImportError(
      `${formatKnowledgeError(result.errors[0]!)} (fix municipalities.yaml first: npm run knowledge:check)`,
    );
  }
  return result.file.value.municipalities;
}

// Kangxi radicals (⽅ for 方) come out of fonts whose Unicode map points at the radical block; no policy
// text means them. NFKC maps them back to the ordinary kanji.
const RADICALS = /[\u2E80-\u2EFF\u2F00-\u2FDF]/g;

/** Seed text as written: LF line ends, no BOM, radicals mapped, a final newline. */
function seedText(text: string): string {
  const t = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(RADICALS, (c) => c.normalize('NFKC'));
  return t.endsWith('\n') ? t : `${t}\n`;
}

export async function importDocument(options: ImportOptions): Promise<ImportReport> {
  const { paths } = options;
  const show = (abs: string) => {
    const r = path.relative(paths.root, abs);
    return (r && !r.startsWith('..') && !path.isAbsolute(r) ? r : abs).split(path.sep).join('/');
  };
  if (!DOCUMENT_ID.test(options.document)) {
    throw new ImportError(`--document: expected a lower-case id such as "mitaka-dx", got "${options.document}"`);
  }
  if (!options.title.trim()) throw new ImportError('--title: must not be empty');

  // 1. Everything that can be checked without writing.
  const municipalities = await municipalitiesOf(paths.knowledgeDir, show);
  const municipality = municipalities.find((m) => m.id === options.municipality);
  if (!municipality) {
    throw new ImportError(
      `--municipality: unknown "${options.municipality}"; known: ${municipalities.map((m) => m.id).join(', ')} (add it to ${show(path.join(paths.knowledgeDir, 'municipalities.yaml'))} first)`,
    );
  }
  const input = await sniff(options.file);
  let text: string;
  let scanOnly: number[] = [];
  let source: ImportReport['source'];
  if (input.kind === 'pdf') {
    const pdf = await extractPdf(options.file);
    scanOnly = pdf.scanOnly;
    if (scanOnly.length === pdf.pages.length) {
      throw new ImportError(`no page has a text layer (scan only, needs OCR): ${path.basename(options.file)}`);
    }
    text = seedText(pdf.pages.join('\n\n'));
    source = { kind: 'pdf', pages: pdf.pages.length, tool: pdf.tool, encrypted: pdf.encrypted };
  } else {
    const decoded = decodeUtf8(await readFile(options.file));
    if (decoded === null) {
      throw new ImportError(`not UTF-8 text: ${path.basename(options.file)} (save it as UTF-8, or import the PDF)`);
    }
    if (decoded.includes('\u0000'))
      throw new ImportError(`not a text file (it holds NUL bytes): ${path.basename(options.file)}`);
    text = seedText(decoded);
    source = { kind: 'text' };
  }
  if (text.trim() === '') throw new ImportError(`no text in ${path.basename(options.file)}`);

  const look = lookAtMunicipality(text, municipality, municipalities);
  if (look.looksLikeOther && look.other && !options.force) {
    throw new ImportError(
      `looks like ${look.other.municipality.name}'s document (${look.other.municipality.name} named on ${look.other.count} lines, ${municipality.name} on ${look.own}); check --municipality, or add --force`,
    );
  }

  const documentsFile = path.join(paths.knowledgeDir, 'documents.yaml');
  const documentsBefore = await readOptional(documentsFile);
  const previousEntry = findEntry(documentsBefore?.toString('utf8') ?? null, options.document);
  if (previousEntry && previousEntry.municipality !== options.municipality) {
    throw new ImportError(
      `document "${options.document}" belongs to "${String(previousEntry.municipality)}", not "${options.municipality}"; choose another --document id`,
    );
  }
  const previousFile = typeof previousEntry?.file === 'string' ? previousEntry.file : null;
  const fileName =
    previousFile && !previousFile.split(/[\\/]/).some((p) => p.startsWith('.'))
      ? previousFile
      : `${options.document}.txt`;
  const seedPath = path.resolve(paths.seedsDir, fileName);
  if (!seedPath.startsWith(`${path.resolve(paths.seedsDir)}${path.sep}`)) {
    throw new ImportError(`documents.yaml names a file outside SEEDS_DIR for "${options.document}": "${fileName}"`);
  }
  const seedBefore = await readOptional(seedPath);
  if (seedBefore && !previousEntry) {
    throw new ImportError(
      `${show(seedPath)} exists but no document entry names it; move it away or choose another --document id`,
    );
  }

  const issued = options.issued ?? (previousEntry ? undefined : findIssued(text));
  if (!issued && !previousEntry)
    throw new ImportError('--issued: not found on the first page; give it (e.g. --issued 令和7年4月)');
  const publisher = options.publisher ?? (previousEntry ? undefined : municipality.name);
  const meta: DocumentMeta = {
    id: options.document,
    municipality: municipality.id,
    title: options.title.trim(),
    issued: issued ?? String(previousEntry?.issued ?? ''),
    publisher: publisher ?? String(previousEntry?.publisher ?? municipality.name),
    ...(options.contact ? { contact: options.contact } : {}),
    file: show(seedPath),
  };
  const parsed = parseDocument(text, meta);
  const before = seedBefore ? decodeUtf8(seedBefore) : null;
  const changes = before !== null ? diffDocuments(parseDocument(before, meta), parsed) : null;
  const upsert = upsertDocumentEntry(documentsBefore?.toString('utf8') ?? null, {
    id: options.document,
    municipality: municipality.id,
    title: meta.title,
    issued,
    publisher,
    contact: options.contact,
    file: path.relative(path.resolve(paths.seedsDir), seedPath).split(path.sep).join('/'),
  });

  // 2. Write, then load the whole knowledge as the server will; roll back anything this import broke.
  const load = () => loadKnowledge(paths);
  const errorsBefore = await load().then((r) => (r.ok ? [] : r.errors));
  const key = (e: { file: string; message: string }) => `${e.file}\u0000${e.message}`;
  const known = new Set(errorsBefore.map(key));
  await mkdir(path.dirname(seedPath), { recursive: true });
  await writeAtomic(seedPath, text);
  try {
    await writeAtomic(documentsFile, upsert.text);
  } catch (err) {
    await restore(seedPath, seedBefore);
    throw err;
  }
  const after = await load().catch((err: Error) => ({
    ok: false as const,
    errors: [{ file: '(load)', message: err.message }],
  }));
  // Errors about this document (its seed, its entry, a FAQ or route citing it). Others were there before
  // or only come to light now that documents.yaml is valid (a first import into an empty folder).
  const concerns = (e: { file: string; message: string }) =>
    e.file === show(seedPath) || e.file === show(documentsFile) || e.message.includes(`"${options.document}"`);
  const introduced = after.ok ? [] : after.errors.filter((e) => !known.has(key(e)) && concerns(e));
  if (introduced.length > 0) {
    await restore(documentsFile, documentsBefore);
    await restore(seedPath, seedBefore);
    throw new ImportError(
      `the import would break the knowledge, nothing changed: ${formatKnowledgeError(introduced[0]!)}`,
    );
  }
  return {
    action: upsert.action,
    seedFile: show(seedPath),
    documentsFile: show(documentsFile),
    source,
    parsed,
    scanOnly,
    mojibake: findMojibake(text),
    municipality: {
      name: municipality.name,
      own: look.own,
      other: look.other ? { name: look.other.municipality.name, count: look.other.count } : null,
    },
    changes,
    textChanged: before !== text,
    otherErrors: after.ok ? [] : after.errors.map(formatKnowledgeError),
  };
}

// 「令和7年4月」「令和6年3月策定」 near the top: the date a policy was issued, as it prints it.
function findIssued(text: string): string | undefined {
  const head = text.split('\n').slice(0, 40).join('\n');
  return /(?:令和|平成)\s*[0-9０-９元]{1,2}\s*年\s*[0-9０-９]{1,2}\s*月(?:策定|改訂|改定)?/
    .exec(head)?.[0]
    ?.replace(/\s+/g, '');
}

export function formatImportReport(r: ImportReport): string[] {
  const d = r.parsed;
  const tableRows = d.passages.filter((p) => p.kind === 'table-row').length;
  const empty = d.glossary.filter((g) => g.definition === '');
  const src =
    r.source.kind === 'pdf'
      ? `PDF, ${r.source.pages} page(s), text by ${r.source.tool}${r.source.encrypted ? ', encrypted (copying allowed)' : ''}`
      : 'UTF-8 text';
  const out = [
    `knowledge:import: ${r.action} ${d.meta.id} (${r.municipality.name}) from ${src}`,
    `  wrote ${r.seedFile}${r.textChanged ? '' : ' (text unchanged)'} and ${r.documentsFile}`,
    `  found: ${d.sections.length} sections, ${d.passages.length} passages, ${tableRows} table rows, ${d.glossary.length} glossary entries, ${empty.length} empty definitions`,
  ];
  for (const s of d.sections.slice(0, 30))
    out.push(`    section: ${s.headingPath.join(SECTION_PATH_SEPARATOR)} (line ${s.line})`);
  if (d.sections.length > 30) out.push(`    … and ${d.sections.length - 30} more sections`);
  for (const g of empty) out.push(`  empty definition: ${g.term} (line ${g.line})`);
  const unread: string[] = [];
  if (r.scanOnly.length) unread.push(`page(s) ${r.scanOnly.join(', ')}: scan only, needs OCR (no text layer)`);
  if (r.mojibake.lines.length) {
    unread.push(
      `mojibake on ${r.mojibake.lines.length} line(s), first on line ${r.mojibake.lines[0]}: 「${r.mojibake.sample}」`,
    );
  }
  const other = r.municipality.other;
  if (other && other.count > r.municipality.own) {
    unread.push(
      `names ${other.name} on ${other.count} line(s), ${r.municipality.name} on ${r.municipality.own}: check it is ${r.municipality.name}'s document`,
    );
  }
  if (unread.length === 0) out.push('  could not read: nothing (every page has text, no mojibake)');
  for (const u of unread) out.push(`  could not read: ${u}`);
  if (r.changes) {
    const c = r.changes;
    out.push(
      `  changes since the last import: passages ${c.passagesBefore} → ${c.passagesAfter}, ${c.sectionsAdded.length} section(s) added, ${c.sectionsRemoved.length} removed, ${c.figuresChanged.length} figure(s) changed, table rows +${c.rowsAdded} −${c.rowsRemoved}`,
    );
    for (const s of c.sectionsAdded) out.push(`    section added: ${s}`);
    for (const s of c.sectionsRemoved) out.push(`    section removed: ${s}`);
    for (const f of c.figuresChanged) out.push(`    figure changed: ${f.row}: ${f.before} → ${f.after}`);
  }
  if (r.otherErrors.length) {
    out.push(
      `  note: the knowledge has ${r.otherErrors.length} error(s) this import did not cause; run npm run knowledge:check`,
    );
  } else {
    out.push('  knowledge: OK. Reload the server to serve it: POST /admin/reload, or Reload in the console.');
  }
  return out;
}
