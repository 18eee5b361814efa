// One conversation with the real engine through a memory store: the turns in order as one session, every answer.
import { createConversation } from '../../src/answer/index.js';
import type { Answer, AnswerEngine } from '../../src/answer/types.js';
import { createMemoryStore } from '../../src/state/index.js';

export async function converseWith(
  engine: AnswerEngine,
  municipality: string | null,
  turns: readonly string[],
): Promise<Answer[]> {
  const store = createMemoryStore();
  const conversation = createConversation({ sessions: store, ttlSeconds: 60 });
  const out: Answer[] = [];
  for (const q of turns) out.push(await conversation.ask(engine, q, { municipality, session: 's' }));
  await store.close();
  return out;
}
