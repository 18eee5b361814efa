// What a session's context costs the engine: two served engines of one snapshot answer the webhook bench's
// distinct questions in turn (which goes first alternating per question), one as the messages of USERS users in
// conversation (each with its user's last turns, as the webhook bench's 20,000 users carry after their first
// message), the other each message on its own. CPU time of this thread around engine.answer only, split by
// whether the conversation's engine read the message as a follow-up (and so answered another question).
//   node --max-old-space-size=768 --import tsx bench/context-ab.ts [root]   (USERS=500 N=2000 WARM=300)
import type { AskOptions, SessionContext } from '../src/answer/index.js';
import { appendTurn } from '../src/answer/session.js';
import { loadKnowledge } from '../src/knowledge/index.js';
import { createServingRuntimeBuilder } from '../src/serving-runtime.js';
import { generateQuestions } from './questions.js';

const root = process.argv[2] ?? new URL('..', import.meta.url).pathname;
const USERS = Number(process.env.USERS ?? 500);
const N = Number(process.env.N ?? 2000);
const WARM = Number(process.env.WARM ?? 300);
const loaded = await loadKnowledge({ root });
if (!loaded.ok) throw new Error('context-ab: the knowledge does not load');
const build = createServingRuntimeBuilder({ cacheDir: null, answerCache: 0 });
const alone = (await build(loaded.snapshot)).engine;
const talk = (await build(loaded.snapshot)).engine;
// the webhook bench's questions, in its order (bench/webhook-requests.ts: distinctQuestions)
const qs = [...new Set(generateQuestions(loaded.snapshot).map((q) => q.q))];
const contexts = new Map<number, SessionContext>();
const cpu = () => {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
};
// [CPU in the conversation, CPU alone, messages] by what the conversation made of the message
const split = { 'read as a follow-up': [0, 0, 0], 'its own question': [0, 0, 0] };
for (let i = 0; i < WARM + N; i++) {
  const q = qs[i % qs.length]!;
  const context = contexts.get(i % USERS);
  let followUp = false;
  const runs: [number, () => void][] = [
    [1, () => alone.answer(q, { municipality: null, strict: false })],
    [
      0,
      () => {
        const o: AskOptions = { municipality: null, strict: false, ...(context?.turns.length ? { context } : {}) };
        const a = talk.answer(q, o);
        followUp = Boolean(a.resolvedQuestion);
        contexts.set(i % USERS, appendTurn(context ?? null, a.turn, i));
      },
    ],
  ];
  if (i % 2) runs.reverse();
  const took = [0, 0];
  for (const [k, run] of runs) {
    const t = cpu();
    run();
    took[k] = cpu() - t;
  }
  if (i < WARM) continue;
  const s = split[followUp ? 'read as a follow-up' : 'its own question'];
  s[0]! += took[0]!;
  s[1]! += took[1]!;
  s[2]! += 1;
}
const total = Object.values(split).reduce((a, s) => [a[0]! + s[0]!, a[1]! + s[1]!], [0, 0]);
console.log(
  `${N} questions (CPU of this thread): in a conversation of ${USERS} users ${(total[0]! / N).toFixed(3)} ms/q, ` +
    `alone ${(total[1]! / N).toFixed(3)} ms/q = ${(total[0]! / total[1]!).toFixed(3)}×`,
);
for (const [k, [c, a, n]] of Object.entries(split))
  console.log(
    `  ${k}: ${n} messages, in the conversation ${(c! / n!).toFixed(3)} ms, alone ${(a! / n!).toFixed(3)} ms`,
  );
