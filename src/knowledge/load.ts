// loadKnowledge: read knowledge/*.yaml, knowledge/questions/*.jsonl and the seed documents they name,
// validate everything and return one immutable snapshot, or every error found (never the first only).
import { createHash } from 'node:crypto';
import { readdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { formatPath } from './errors.js';
import { buildFacts } from './facts/index.js';
import type {
  DocumentMeta,
  FaqEntry,
  KnowledgeError,
  KnowledgeSnapshot,
  LoadResult,
  Municipality,
  ParsedDocument,
  QuestionSet,
  RouteTable,
  SynonymGroup,
} from './model.js';
import { foldMunicipalityName } from './municipalities.js';
import { normalizeText } from './normalize.js';
import { parseDocument } from './parse/index.js';
import {
  DocumentsFileSchema,
  FaqFileSchema,
  MunicipalitiesFileSchema,
  QuestionSetItemSchema,
  RouteTableSchema,
  SynonymsFileSchema,
} from './schemas.js';
import { readYaml, type YamlFile } from './yaml-file.js';

export interface LoadOptions {
  root: string;
  knowledgeDir?: string; // relative to root; default "knowledge"
  seedsDir?: string; // relative to root; a document `file` without a folder is looked up here; default "seeds"
}

interface Inputs {
  errors: KnowledgeError[];
  files: Map<string, Buffer>; // shown path → bytes, for the hash
  sources: Map<string, string>; // document id → seed text, for the facts read from cover and colophon
  /** How a file is named in errors and in snapshot.files: relative to the root when inside it, else absolute. */
  show(abs: string): string;
}

export async function loadKnowledge({
  root,
  knowledgeDir = 'knowledge',
  seedsDir = 'seeds',
}: LoadOptions): Promise<LoadResult> {
  const base = path.resolve(root);
  const show = (abs: string) => {
    const r = path.relative(base, abs);
    return toPosix(r && !r.startsWith('..') && !path.isAbsolute(r) ? r : abs);
  };
  const inputs: Inputs = { errors: [], files: new Map(), sources: new Map(), show };
  const kDir = path.resolve(base, knowledgeDir);
  const sDir = path.resolve(base, seedsDir);
  const rel = (name: string) => show(path.join(kDir, name));
  const [mFile, dFile, sFile, fFile, rFile] = await Promise.all([
    readYamlInput(path.join(kDir, 'municipalities.yaml'), MunicipalitiesFileSchema, inputs),
    readYamlInput(path.join(kDir, 'documents.yaml'), DocumentsFileSchema, inputs),
    readYamlInput(path.join(kDir, 'synonyms.yaml'), SynonymsFileSchema, inputs),
    readYamlInput(path.join(kDir, 'faq.yaml'), FaqFileSchema, inputs),
    readYamlInput(path.join(kDir, 'routes.yaml'), RouteTableSchema, inputs),
  ]);

  const municipalities = mFile ? checkMunicipalities(mFile, rel('municipalities.yaml'), inputs.errors) : [];
  const known = new Set(municipalities.map((m) => m.id));
  const documents = dFile
    ? await loadDocuments(
        dFile,
        rel('documents.yaml'),
        { seedsDir: sDir, knowledgeDir: kDir, known: mFile ? known : null },
        inputs,
      )
    : [];
  const faq = fFile ? checkFaq(fFile, rel('faq.yaml'), dFile ? documents : null, inputs.errors) : [];
  const questionSets = await loadQuestionSets(path.join(kDir, 'questions'), inputs);
  if (rFile && dFile) checkRouteSources(rFile, rel('routes.yaml'), documents, inputs.errors);
  if (mFile) {
    const refs = { known, errors: inputs.errors };
    if (fFile) checkKnownMunicipalities(fFile, rel('faq.yaml'), refs);
    if (rFile) checkKnownMunicipalities(rFile, rel('routes.yaml'), refs);
    checkQuestionSetMunicipalities(questionSets, refs);
  }

  if (inputs.errors.length > 0 || !mFile || !dFile || !sFile || !fFile || !rFile) {
    return { ok: false, errors: inputs.errors };
  }
  shareGlossaryAliases(documents);
  const routes = rFile.value as RouteTable;
  const synonyms = sFile.value.groups satisfies SynonymGroup[];
  const facts = buildFacts({ municipalities, documents, sources: inputs.sources, routes, synonyms });
  const files = [...inputs.files.keys()].sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update('\0').update(inputs.files.get(f)!).update('\0');
  const snapshot: KnowledgeSnapshot = {
    municipalities,
    documents,
    passages: documents.flatMap((d) => d.passages),
    glossary: documents.flatMap((d) => d.glossary),
    faq,
    synonyms,
    routes,
    questionSets,
    facts,
    hash: hash.digest('hex'),
    loadedAt: new Date().toISOString(),
    files,
  };
  return { ok: true, snapshot: deepFreeze(snapshot) };
}

async function readInput(abs: string, inputs: Inputs): Promise<Buffer | undefined> {
  const file = inputs.show(abs);
  try {
    const bytes = await readFile(abs);
    inputs.files.set(file, bytes);
    return bytes;
  } catch (err) {
    inputs.errors.push({ file, message: describeReadError(err) });
    return undefined;
  }
}

async function readYamlInput<T>(abs: string, schema: z.ZodType<T>, inputs: Inputs): Promise<YamlFile<T> | undefined> {
  const file = inputs.show(abs);
  const bytes = await readInput(abs, inputs);
  if (!bytes) return undefined;
  const text = decodeUtf8(bytes);
  if (text === undefined) {
    inputs.errors.push({ file, message: 'not valid UTF-8 (save the file as UTF-8)' });
    return undefined;
  }
  const result = readYaml(file, text, schema);
  if (!result.ok) {
    inputs.errors.push(...result.errors);
    return undefined;
  }
  return result.file;
}

function checkMunicipalities(
  f: YamlFile<z.infer<typeof MunicipalitiesFileSchema>>,
  file: string,
  errors: KnowledgeError[],
): Municipality[] {
  const list = f.value.municipalities;
  pushDuplicates(
    list.map((m) => m.id),
    (i, id) => ({
      file,
      line: f.lineOf(['municipalities', i, 'id']),
      field: `municipalities[${i}].id`,
      message: `duplicate id "${id}"`,
    }),
    errors,
  );
  // A name two municipalities share would make a question's municipality a coin toss.
  const owner = new Map<string, string>();
  list.forEach((m, i) => {
    [m.name, m.shortName, ...m.aliases].forEach((name, j) => {
      const key = foldMunicipalityName(name);
      const first = owner.get(key);
      if (first !== undefined && first !== m.id) {
        const at = j === 0 ? ['name'] : j === 1 ? ['shortName'] : ['aliases', j - 2];
        errors.push({
          file,
          line: f.lineOf(['municipalities', i, ...at]),
          field: formatPath(['municipalities', i, ...at]),
          message: `name "${name}" already names municipality "${first}"`,
        });
      }
      if (first === undefined) owner.set(key, m.id);
    });
  });
  return list;
}

async function loadDocuments(
  f: YamlFile<z.infer<typeof DocumentsFileSchema>>,
  file: string,
  ctx: { seedsDir: string; knowledgeDir: string; known: Set<string> | null },
  inputs: Inputs,
): Promise<ParsedDocument[]> {
  const list = f.value.documents;
  const errors = inputs.errors;
  pushDuplicates(
    list.map((d) => d.id),
    (i, id) => ({
      file,
      line: f.lineOf(['documents', i, 'id']),
      field: `documents[${i}].id`,
      message: `duplicate id "${id}"`,
    }),
    errors,
  );
  const parsed = await Promise.all(
    list.map(async (meta, i): Promise<ParsedDocument | undefined> => {
      const at = (key: string) => ({ file, line: f.lineOf(['documents', i, key]), field: `documents[${i}].${key}` });
      if (ctx.known && !ctx.known.has(meta.municipality)) {
        errors.push({ ...at('municipality'), message: `unknown municipality "${meta.municipality}"` });
      }
      const seed = await resolveSeed(meta.file, ctx);
      if (!seed.ok) {
        errors.push({ ...at('file'), message: seed.message });
        return undefined;
      }
      const seedPath = inputs.show(seed.abs);
      let bytes: Buffer;
      try {
        bytes = await readFile(seed.abs);
      } catch (err) {
        errors.push({ ...at('file'), message: `${describeReadError(err)}: "${seedPath}"` });
        return undefined;
      }
      inputs.files.set(seedPath, bytes);
      const text = decodeUtf8(bytes);
      if (text === undefined) {
        errors.push({ file: seedPath, message: `not valid UTF-8 (referenced by ${file} documents[${i}])` });
        return undefined;
      }
      const docMeta: DocumentMeta = { ...meta, file: seedPath };
      inputs.sources.set(meta.id, text);
      try {
        return parseDocument(text, docMeta);
      } catch (e) {
        errors.push({ file: seedPath, message: `cannot parse the document: ${(e as Error).message}` });
        return undefined;
      }
    }),
  );
  return parsed.filter((d): d is ParsedDocument => d !== undefined);
}

function checkFaq(
  f: YamlFile<z.infer<typeof FaqFileSchema>>,
  file: string,
  documents: ParsedDocument[] | null,
  errors: KnowledgeError[],
): FaqEntry[] {
  const list = f.value.faq;
  pushDuplicates(
    list.map((e) => e.id),
    (i, id) => ({ file, line: f.lineOf(['faq', i, 'id']), field: `faq[${i}].id`, message: `duplicate id "${id}"` }),
    errors,
  );
  if (documents) {
    list.forEach((entry, i) => {
      const doc = documents.find((d) => d.meta.id === entry.source.document);
      const at = (key: string) => ({
        file,
        line: f.lineOf(['faq', i, 'source', key]),
        field: `faq[${i}].source.${key}`,
      });
      if (!doc) {
        errors.push({ ...at('document'), message: `unknown document "${entry.source.document}"` });
        return;
      }
      if (!doc.sections.some((s) => sectionMatches(s.headingPath, entry.source.section))) {
        errors.push({ ...at('section'), message: `no section "${entry.source.section}" in document "${doc.meta.id}"` });
      }
    });
  }
  return list;
}

// Route sources must name a real document and one of its headings (as FAQ sources do): the route answer
// cites them to residents.
function checkRouteSources(
  f: YamlFile<z.infer<typeof RouteTableSchema>>,
  file: string,
  documents: ParsedDocument[],
  errors: KnowledgeError[],
): void {
  for (const [m, channels] of Object.entries(f.value.municipalities)) {
    for (const [c, info] of Object.entries(channels ?? {})) {
      const source = info?.source;
      if (!source) continue;
      const doc = documents.find((d) => d.meta.id === source.document);
      const at = (key: string) => ['municipalities', m, c, 'source', key];
      if (!doc) {
        errors.push({
          file,
          line: f.lineOf(at('document')),
          field: formatPath(at('document')),
          message: `unknown document "${source.document}"`,
        });
      } else if (!doc.sections.some((s) => sectionMatches(s.headingPath, source.section))) {
        errors.push({
          file,
          line: f.lineOf(at('section')),
          field: formatPath(at('section')),
          message: `no section "${source.section}" in document "${doc.meta.id}"`,
        });
      }
    }
  }
}

// Every municipality id named in faq.yaml or routes.yaml must be one of municipalities.yaml's.
function checkKnownMunicipalities(
  f: YamlFile<z.infer<typeof FaqFileSchema>> | YamlFile<z.infer<typeof RouteTableSchema>>,
  file: string,
  { known, errors }: { known: Set<string>; errors: KnowledgeError[] },
): void {
  const refs: { path: (string | number)[]; id: string }[] =
    'faq' in f.value
      ? f.value.faq.flatMap((e, i) =>
          e.municipality ? [{ path: ['faq', i, 'municipality'], id: e.municipality }] : [],
        )
      : Object.keys(f.value.municipalities).map((id) => ({ path: ['municipalities', id], id }));
  for (const { path: p, id } of refs) {
    if (!known.has(id)) {
      errors.push({ file, line: f.lineOf(p), field: formatPath(p), message: `unknown municipality "${id}"` });
    }
  }
}

function checkQuestionSetMunicipalities(
  sets: QuestionSet[],
  { known, errors }: { known: Set<string>; errors: KnowledgeError[] },
): void {
  for (const set of sets) {
    set.items.forEach((item) => {
      for (const id of [item.m, ...(item.src ?? [])]) {
        if (id && !known.has(id)) {
          errors.push({ file: set.file, field: `id ${item.id}`, message: `unknown municipality "${id}"` });
        }
      }
    });
  }
}

/** A FAQ source names a section by its heading or by the tail of its heading path ("A › B"). */
export function sectionMatches(headingPath: readonly string[], ref: string): boolean {
  const want = ref.split('›').map((s) => normalizeText(s));
  const tail = headingPath.slice(-want.length).map((s) => normalizeText(s));
  return want.length === tail.length && want.every((w, i) => tail[i] === w);
}

async function loadQuestionSets(dir: string, inputs: Inputs): Promise<QuestionSet[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.jsonl')).sort();
  } catch {
    return []; // question sets are optional
  }
  const sets: QuestionSet[] = [];
  for (const name of names) {
    const file = inputs.show(path.join(dir, name));
    const bytes = await readInput(path.join(dir, name), inputs);
    if (!bytes) continue;
    const text = decodeUtf8(bytes);
    if (text === undefined) {
      inputs.errors.push({ file, message: 'not valid UTF-8' });
      continue;
    }
    const items: QuestionSet['items'] = [];
    const seen = new Map<string, number>();
    text.split('\n').forEach((raw, idx) => {
      const line = idx + 1;
      if (raw.trim() === '') return;
      let json: unknown;
      try {
        json = JSON.parse(raw);
      } catch (err) {
        inputs.errors.push({ file, line, message: `JSON syntax error: ${(err as Error).message}` });
        return;
      }
      const r = QuestionSetItemSchema.safeParse(json);
      if (!r.success) {
        for (const issue of r.error.issues) {
          const field = formatPath(issue.path);
          inputs.errors.push({ file, line, ...(field ? { field } : {}), message: issue.message });
        }
        return;
      }
      const first = seen.get(r.data.id);
      if (first !== undefined) {
        inputs.errors.push({
          file,
          line,
          field: 'id',
          message: `duplicate id "${r.data.id}" (first on line ${first})`,
        });
        return;
      }
      seen.set(r.data.id, line);
      items.push(r.data);
    });
    sets.push({ file, items });
  }
  return sets;
}

// One document spells out 「ガバメントクラウド | Gov-Cloud」, another only defines the term: the same
// term gets the union of the aliases, so a question in English finds every municipality's entry.
function shareGlossaryAliases(documents: ParsedDocument[]): void {
  const byTerm = new Map<string, Set<string>>();
  for (const g of documents.flatMap((d) => d.glossary)) {
    const set = byTerm.get(g.term) ?? new Set<string>();
    for (const a of g.aliases) set.add(a);
    byTerm.set(g.term, set);
  }
  for (const g of documents.flatMap((d) => d.glossary)) g.aliases = [...(byTerm.get(g.term) ?? [])];
}

function pushDuplicates(
  ids: string[],
  make: (index: number, id: string) => KnowledgeError,
  errors: KnowledgeError[],
): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) errors.push(make(i, id));
    seen.add(id);
  });
}

type SeedResolution = { ok: true; abs: string } | { ok: false; message: string };

const inside = (dir: string, p: string) => p.startsWith(`${dir}${path.sep}`);

/**
 * A document's `file:` is relative to SEEDS_DIR and must stay there: after symlinks are followed it lies
 * inside SEEDS_DIR, names no dot-file or dot-folder on the way, and is no file of the knowledge folder.
 * What a document holds is shown to residents, so `.env`, `.git/config` or a link out are refused.
 */
async function resolveSeed(file: string, ctx: { seedsDir: string; knowledgeDir: string }): Promise<SeedResolution> {
  const relativeHint = `(file: is relative to SEEDS_DIR, ${ctx.seedsDir})`;
  if (path.isAbsolute(file) || /^[a-zA-Z]:[\\/]/.test(file)) {
    return { ok: false, message: `must be a path relative to SEEDS_DIR, not an absolute path: "${file}"` };
  }
  const parts = file.split(/[\\/]+/).filter(Boolean);
  if (parts.some((p) => p.startsWith('.'))) {
    return { ok: false, message: `must not name a dot-file, a dot-folder or "..": "${file}" ${relativeHint}` };
  }
  const abs = path.resolve(ctx.seedsDir, ...parts);
  let real: string;
  let realSeeds: string;
  try {
    realSeeds = await realpath(ctx.seedsDir);
  } catch (err) {
    return { ok: false, message: `SEEDS_DIR ${describeReadError(err)}: "${ctx.seedsDir}"` };
  }
  try {
    real = await realpath(abs);
  } catch (err) {
    const hint =
      parts[0] === path.basename(ctx.seedsDir) && parts.length > 1 ? `; write "${parts.slice(1).join('/')}"` : '';
    return { ok: false, message: `${describeReadError(err)}: "${file}" ${relativeHint}${hint}` };
  }
  if (!inside(realSeeds, real)) {
    return { ok: false, message: `resolves outside SEEDS_DIR (a symbolic link?): "${file}" → ${real}` };
  }
  if (
    path
      .relative(realSeeds, real)
      .split(path.sep)
      .some((p) => p.startsWith('.'))
  ) {
    return { ok: false, message: `resolves to a dot-file or dot-folder inside SEEDS_DIR: "${file}"` };
  }
  const realKnowledge = await realpath(ctx.knowledgeDir).catch(() => path.resolve(ctx.knowledgeDir));
  if (real === realKnowledge || inside(realKnowledge, real)) {
    return { ok: false, message: `must not be a file of the knowledge folder: "${file}"` };
  }
  return { ok: true, abs: real };
}

function decodeUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function describeReadError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EISDIR') return 'is a directory, expected a file';
  if (code === 'EACCES') return 'permission denied';
  return `cannot read file (${code ?? 'unknown error'})`;
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
