// A conversation around the engine: the session's context is read from the state store before a message
// is answered and written back after it, so a follow-up (「それはいつから？」「小金井市は？」) is read against
// the last turns. Every adapter (CLI, HTTP API, LINE, console) asks through this.
// The store is any object with these three methods (the state room's StateStore is one); a store that
// fails costs the thread, never the answer.
import { appendTurn, isResetMessage, parseContext, type SessionContext } from './follow-up.js';
import type { Answer, AskOptions } from './types.js';

export interface SessionStore {
  getSession(key: string): Promise<string | null>;
  setSession(key: string, value: string, ttlSeconds: number): Promise<void>;
  clearSession(key: string): Promise<void>;
}

export interface ConversationDeps {
  sessions: SessionStore;
  ttlSeconds: number;
  now?: () => number;
  onStoreError?: (err: unknown) => void; // logged by the caller; no session key is passed (it may be a user id)
}

export interface ConverseOptions extends Omit<AskOptions, 'context'> {
  // The conversation this message belongs to (LINE: derived from the user; API and CLI: the caller's
  // "session"). Absent: the message is answered on its own and nothing is kept.
  session?: string | null;
}

/** The engine, or one answering elsewhere (the server's answer worker): an answer now or a promise of one. */
export interface AnswerService {
  answer(question: string, options?: AskOptions): Answer | Promise<Answer>;
}

export interface Conversation {
  ask(engine: AnswerService, question: string, options?: ConverseOptions): Promise<Answer>;
  reset(session: string): Promise<void>;
}

export const RESET_TEXT = 'これまでの会話の流れをリセットしました。新しいご質問をどうぞ。';

export function createConversation(deps: ConversationDeps): Conversation {
  const now = deps.now ?? Date.now;
  const report = (err: unknown) => {
    try {
      deps.onStoreError?.(err);
    } catch {
      // a failing logger must not cost the answer either
    }
  };

  async function load(session: string): Promise<SessionContext | null> {
    try {
      return parseContext(await deps.sessions.getSession(session));
    } catch (err) {
      report(err);
      return null;
    }
  }

  async function save(session: string, context: SessionContext): Promise<void> {
    try {
      await deps.sessions.setSession(session, JSON.stringify(context), deps.ttlSeconds);
    } catch (err) {
      report(err);
    }
  }

  async function reset(session: string): Promise<void> {
    try {
      await deps.sessions.clearSession(session);
    } catch (err) {
      report(err);
    }
  }

  return {
    reset,
    async ask(engine, question, options = {}) {
      const { session, ...ask } = options;
      if (!session) return engine.answer(question, ask);
      if (isResetMessage(question)) {
        await reset(session);
        return {
          kind: 'greeting',
          text: RESET_TEXT,
          sources: [],
          route: null,
          confidence: 1,
          municipality: ask.municipality ?? null,
          reason: 'session-reset',
        };
      }
      const context = await load(session);
      const answer = await engine.answer(question, context?.turns.length ? { ...ask, context } : ask);
      await save(session, appendTurn(context, answer.turn, now()));
      return answer;
    },
  };
}

// The answer as adapters send it out: the turn record is for the session store, not for callers.
export function publicAnswer<T extends Answer>(answer: T): Omit<T, 'turn'> {
  const { turn: _turn, ...rest } = answer;
  return rest;
}
