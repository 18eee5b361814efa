// What staff learn from: every answer is counted for the analytics panel, and every fallback, "not
// stated" or low-confidence answer goes to the unanswered log, from LINE, the API and the console alike.
// Fire and forget: a slow or absent store never holds a resident's reply.
import type { Answer } from '../answer/index.js';
import { type StateStore, safeTopic } from '../state/index.js';

export type AnswerChannel = 'line' | 'api' | 'console';

export interface InsightsOptions {
  state: Pick<StateStore, 'recordUnanswered' | 'recordAnswerStat'>;
  minConfidence: number; // answers below it are logged as unanswered ('low-confidence')
  onError?: (err: unknown) => void;
}

export interface AnswerInsights {
  observe(question: string, answer: Answer, channel: AnswerChannel): Promise<void>;
  // why this answer goes to the unanswered log, or null when it does not
  unansweredReason(answer: Answer): string | null;
}

const NEVER_UNANSWERED = new Set<Answer['kind']>(['greeting', 'clarify', 'route']);

export function createAnswerInsights(options: InsightsOptions): AnswerInsights {
  const { state } = options;
  function unansweredReason(answer: Answer): string | null {
    if (answer.kind === 'fallback') return answer.reason ?? 'fallback';
    if (NEVER_UNANSWERED.has(answer.kind)) return null;
    if (answer.reason) return answer.reason; // e.g. 'not-stated': answered only that the documents do not say
    if (answer.confidence < options.minConfidence) return 'low-confidence';
    return null;
  }
  return {
    unansweredReason,
    async observe(question, answer, channel) {
      const reason = unansweredReason(answer);
      const topic = safeTopic(answer.frame?.topic, question); // never a word the mask removed
      const work: Promise<void>[] = [
        state.recordAnswerStat({ municipality: answer.municipality, kind: answer.kind, topic, unanswered: !!reason }),
      ];
      if (reason) {
        work.push(
          state.recordUnanswered(question, answer.municipality, {
            attribute: answer.frame?.attribute ?? answer.debug?.intent ?? null,
            topic,
            reason,
            channel,
          }),
        );
      }
      const results = await Promise.allSettled(work);
      for (const r of results) if (r.status === 'rejected') options.onError?.(r.reason);
    },
  };
}
