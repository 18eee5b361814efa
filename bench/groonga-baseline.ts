// Groonga's bigram search as a baseline row for `npm run bench`: a temporary database (a table with the plain
// path's texts, a TokenBigram + NormalizerAuto lexicon), loaded once, then one persistent `groonga` process
// queried through stdin/stdout. Each answer reports Groonga's own elapsed time (the header of its response) and
// the wall time the bench waited for it.
import { type ChildProcessByStdio, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { KnowledgeSnapshot } from '../src/knowledge/index.js';
import { sourceText } from '../src/search/index.js';
import { bigramTerms, comparableTokens, GROONGA_TABLE, selectCommand } from './groonga-query.js';

export interface GroongaDoc {
  _key: string;
  text: string;
  municipality: string;
}

/** The texts the plain MiniSearch path indexes (buildBaselineIndex: passages, glossary, FAQ; sourceText). */
export function groongaDocs(snapshot: KnowledgeSnapshot): GroongaDoc[] {
  const doc = (key: string, text: string, municipality: string | null | undefined) => ({
    _key: key,
    text,
    municipality: municipality ?? '',
  });
  return [
    ...snapshot.passages.map((p) =>
      doc(`passage:${p.id}`, sourceText({ type: 'passage', passage: p }), p.municipality),
    ),
    ...snapshot.glossary.map((g) =>
      doc(`glossary:${g.id}`, sourceText({ type: 'glossary', glossary: g }), g.municipality),
    ),
    ...snapshot.faq.map((f) => doc(`faq:${f.id}`, sourceText({ type: 'faq', faq: f }), f.municipality)),
  ];
}

const SCHEMA = [
  `table_create ${GROONGA_TABLE} TABLE_HASH_KEY ShortText`,
  `column_create ${GROONGA_TABLE} text COLUMN_SCALAR Text`,
  `column_create ${GROONGA_TABLE} municipality COLUMN_SCALAR ShortText`,
  'table_create Bigrams TABLE_PAT_KEY ShortText --default_tokenizer TokenBigram --normalizer NormalizerAuto',
  `column_create Bigrams docs_text COLUMN_INDEX|WITH_POSITION ${GROONGA_TABLE} text`,
  // Groonga remembers select results by command; the questions are distinct, but the warm-up repeats some.
  'cache_limit --max 0',
];

interface Response {
  elapsedMs: number; // Groonga's own, from the response header [rc, start, elapsed]
  body: unknown;
}

export interface GroongaSearch {
  hits: string[]; // record keys, best first
  elapsedMs: number; // Groonga's own time for the select (0 when the question has no term)
  wallMs: number; // building the command, the round trip through the pipe, parsing the answer
}

export interface GroongaBaseline {
  version: string;
  search(question: string, municipality?: string): Promise<GroongaSearch>;
  /** Questions whose terms differ from Groonga's own tokens of them (bigramTerms vs `tokenize`). */
  tokenMismatches(questions: string[]): Promise<string[]>;
  close(): void;
}

/** One groonga process; commands go one a line on stdin, each answer is one line on stdout. */
function connect(child: ChildProcessByStdio<Writable, Readable, null>) {
  const waiting: { resolve: (r: Response) => void; reject: (e: Error) => void; what: string }[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    const w = waiting.shift();
    if (!w) return;
    const [header, body] = JSON.parse(line) as [[number, number, number, string?], unknown];
    if (header[0] !== 0)
      w.reject(new Error(`bench: groonga refused ${w.what.slice(0, 80)}: ${header[3] ?? header[0]}`));
    else w.resolve({ elapsedMs: header[2] * 1000, body });
  });
  child.on('exit', (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`bench: groonga exited (${code}) during ${w.what}`));
  });
  return (command: string, what = command) =>
    new Promise<Response>((resolve, reject) => {
      waiting.push({ resolve, reject, what });
      child.stdin.write(`${command}\n`);
    });
}

/** Starts the baseline, or says why it cannot (no groonga binary). */
export async function startGroongaBaseline(
  docs: GroongaDoc[],
  bin = process.env.GROONGA ?? 'groonga',
): Promise<GroongaBaseline | { skipped: string }> {
  const probe = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    const why = probe.error ? probe.error.message : `exit ${probe.status}`;
    return {
      skipped: `\`${bin}\` not runnable (${why}); install Debian's groonga-bin or set GROONGA=/path/to/groonga`,
    };
  }
  const version = probe.stdout.split('\n')[0]?.split(' [')[0] ?? 'groonga';
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-groonga-'));
  const child = spawn(bin, ['-n', join(dir, 'db')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const cleanup = () => {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', cleanup);
  const command = connect(child);
  for (const c of SCHEMA) await command(c);
  const loaded = await command(`load --table ${GROONGA_TABLE}\n${JSON.stringify(docs)}`, 'load');
  if (loaded.body !== docs.length) throw new Error(`bench: groonga loaded ${loaded.body} of ${docs.length} records`);

  return {
    version,
    async search(question, municipality) {
      const t = performance.now();
      const select = selectCommand(question, municipality);
      if (!select) return { hits: [], elapsedMs: 0, wallMs: performance.now() - t };
      const r = await command(select);
      const [[, , ...rows]] = r.body as [[unknown, unknown, ...[string, number][]]];
      return { hits: rows.map((row) => row[0]), elapsedMs: r.elapsedMs, wallMs: performance.now() - t };
    },
    async tokenMismatches(questions) {
      const out: string[] = [];
      for (const q of questions) {
        const params = new URLSearchParams({ tokenizer: 'TokenBigram', normalizer: 'NormalizerAuto', mode: 'GET' });
        params.set('string', q);
        const r = await command(`/d/tokenize?${params.toString().replace(/\+/g, '%20')}`);
        const theirs = comparableTokens((r.body as { value: string }[]).map((t) => t.value));
        if (theirs.join('\u0000') !== bigramTerms(q).join('\u0000')) out.push(q);
      }
      return out;
    },
    close() {
      process.removeListener('exit', cleanup);
      child.stdin.end();
      cleanup();
    },
  };
}
