// The command line: `npm run ask -- "質問" [--municipality koganei]` prints a cited answer;
// `npm run --silent ask -- --jsonl` reads {"id","question","municipality"?} lines on stdin and writes one
// answer JSON line per question on stdout (nothing else on stdout; logs and errors go to stderr). Lines
// sharing a "session" are one conversation, in order (context kept in memory for the run).
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { z } from 'zod';
import type { Answer } from './answer/index.js';
import { createConversation, publicAnswer } from './answer/index.js';
import { loadKnowledgePaths, loadSessionTtl } from './config.js';
import {
  createMunicipalityDetector,
  KnowledgeLoadError,
  type MunicipalityDetector,
  type MunicipalityId,
} from './knowledge/index.js';
import { loadRuntime } from './runtime.js';
import { createMemoryStore } from './state/index.js';

const LineSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  question: z.string(),
  municipality: z.string().nullish(),
  session: z
    .union([z.string().max(200), z.number()])
    .transform(String)
    .nullish(),
});

// An id, a name typed alone, or (as before) a text naming one municipality.
function resolveMunicipality(value: string | null | undefined, detector: MunicipalityDetector): MunicipalityId | null {
  if (!value) return null;
  return (detector.resolve(value) ?? detector.find(value)[0])?.id ?? null;
}

function printHuman(a: Answer): void {
  const out = [`[${a.kind}] (confidence ${a.confidence.toFixed(2)})`, a.text];
  if (a.route) out.push(`channels: ${a.route.channels.join(', ')}`);
  for (const s of a.sources.slice(0, 3)) out.push(`出典: ${s.document} › ${s.section}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

async function main(): Promise<void> {
  const program = new Command()
    .name('ask')
    .description('Ask Madoguchi a question from the command line')
    .argument('[question...]', 'the question (Japanese)')
    .option('-m, --municipality <id>', 'municipality id or name (from knowledge/municipalities.yaml)')
    .option(
      '--jsonl',
      'read JSON lines {"id","question","municipality"?,"session"?} on stdin, write answers as JSON lines',
    )
    .option('--debug', 'include the debug panel (intent, terms, hits) in the output')
    .option('--root <dir>', 'project root holding knowledge/ and seeds/', process.cwd())
    .showHelpAfterError();
  program.parse();
  const opts = program.opts<{ municipality?: string; jsonl?: boolean; debug?: boolean; root: string }>();
  const words = program.args;
  if (!opts.jsonl && words.length === 0) program.error('ask: give a question, or --jsonl to read questions on stdin');

  // KNOWLEDGE_DIR and SEEDS_DIR as the server reads them
  const runtime = await loadRuntime(loadKnowledgePaths(process.env, opts.root));
  const all = createMunicipalityDetector(runtime.snapshot.municipalities);
  const fixed = resolveMunicipality(opts.municipality, all);
  if (opts.municipality && !fixed) program.error(`ask: unknown municipality "${opts.municipality}"`);

  if (!opts.jsonl) {
    const a = runtime.engine.answer(words.join(' '), { municipality: fixed, debug: opts.debug });
    if (opts.debug) process.stdout.write(`${JSON.stringify(a, null, 2)}\n`);
    else printHuman(a);
    return;
  }
  // One run is one process: the sessions' context lives in memory, with the server's lifetime.
  const sessions = createMemoryStore();
  const conversation = createConversation({ sessions, ttlSeconds: loadSessionTtl(process.env) });
  const rl = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of rl) {
    n++;
    if (!line.trim()) continue;
    let parsed: z.infer<typeof LineSchema> | null = null;
    try {
      const r = LineSchema.safeParse(JSON.parse(line));
      if (r.success) parsed = r.data;
      else process.stderr.write(`ask: line ${n}: ${r.error.issues[0]?.message ?? 'invalid'}\n`);
    } catch {
      process.stderr.write(`ask: line ${n}: not JSON\n`);
    }
    if (!parsed) continue;
    const municipality = resolveMunicipality(parsed.municipality, all) ?? fixed;
    const a = await conversation.ask(runtime.engine, parsed.question, {
      municipality,
      debug: opts.debug,
      session: parsed.session ? `cli:${parsed.session}` : null,
    });
    process.stdout.write(`${JSON.stringify({ id: parsed.id, ...(opts.debug ? a : publicAnswer(a)) })}\n`);
  }
  await sessions.close();
}

main().catch((e: unknown) => {
  if (e instanceof KnowledgeLoadError) process.stderr.write(`${e.message}\n`);
  else process.stderr.write(`ask: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
