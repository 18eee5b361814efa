// Speed work must not change answers: this writes the full answer JSON (suggestions, frame and turn included)
// of every question set and the bench generator's questions, one line each, for a before/after diff:
//   npx tsx bench/answer-dump.ts > /tmp/after.jsonl   (run it in both checkouts, then `cmp` or `diff`)
// `--sets-only` leaves the generator's questions out; `--root DIR` answers with another checkout's knowledge;
// `--part i/n` writes only the i-th of n parts (0-based; the sets in part 0), for parts run side by side.
// Each question set is asked as the eval scripts ask it (conversations in order, one session each), through
// the runtime the CLI and the server build (the lexicon-aware analyzer, the cached static texts).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createConversation } from '../src/answer/index.js';
import type { MunicipalityId } from '../src/knowledge/index.js';
import { loadRuntime } from '../src/runtime.js';
import { createMemoryStore } from '../src/state/index.js';
import { generateQuestions } from './questions.js';

const args = process.argv.slice(2);
const at = args.indexOf('--root');
const root = resolve(at >= 0 ? args[at + 1]! : resolve(import.meta.dirname, '..'));
const setsOnly = args.includes('--sets-only');
const part = args.includes('--part') ? args[args.indexOf('--part') + 1]!.split('/').map(Number) : [0, 1];

interface Ask {
  id: string;
  question: string;
  municipality: string | null;
  session: string | null;
}
const rows = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: string; q?: string; m?: string; turns?: { q: string }[] });

const files = [
  join(root, '../shared/eval/dev.jsonl'),
  join(root, '../shared/eval/dev-2.jsonl'),
  join(root, '../shared/eval/dev-conversations.jsonl'),
  ...readdirSync(join(root, 'knowledge/questions'))
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => join(root, 'knowledge/questions', f)),
  ...readdirSync(join(root, 'knowledge/questions/conversations'))
    .filter((f) => f.endsWith('.jsonl'))
    .sort()
    .map((f) => join(root, 'knowledge/questions/conversations', f)),
];
const asks: Ask[] = [];
for (const file of files) {
  const set = file.split('/').pop()!;
  for (const r of rows(file)) {
    if (r.turns) {
      r.turns.forEach((t, i) => {
        asks.push({ id: `${set}:${r.id}#${i}`, question: t.q, municipality: r.m ?? null, session: `${set}:${r.id}` });
      });
    } else if (r.q !== undefined) {
      asks.push({ id: `${set}:${r.id}`, question: r.q, municipality: r.m ?? null, session: null });
    }
  }
}

const runtime = await loadRuntime({ root, cacheDir: null });
if (!setsOnly) {
  generateQuestions(runtime.snapshot).forEach((q, i) => {
    asks.push({ id: `generated:${i}`, question: q.q, municipality: q.municipality ?? null, session: null });
  });
}
const [at0, of] = [part[0]!, part[1]!];
const sets = asks.filter((a) => !a.id.startsWith('generated:')).length;
const mine = asks.filter((_, i) =>
  i < sets ? at0 === 0 : Math.floor(((i - sets) * of) / (asks.length - sets)) === at0,
);
const conversation = createConversation({ sessions: createMemoryStore(), ttlSeconds: 3600 });
const out: string[] = [];
for (const a of mine) {
  const answer = await conversation.ask(runtime.engine, a.question, {
    municipality: a.municipality as MunicipalityId | null,
    session: a.session,
  });
  out.push(JSON.stringify({ id: a.id, question: a.question, ...answer }));
  if (out.length >= 1000) {
    process.stdout.write(`${out.join('\n')}\n`);
    out.length = 0;
  }
}
if (out.length) process.stdout.write(`${out.join('\n')}\n`);
process.stderr.write(`answer-dump: ${mine.length} of ${asks.length} questions\n`);
process.exit(0);
