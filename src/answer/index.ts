// The answer engine: understands a resident's question, retrieves from the index and composes a short,
// cited, extractive answer — or a route to a front-yard channel, or an honest fallback.

export {
  type Conversation,
  type ConverseOptions,
  createConversation,
  publicAnswer,
  RESET_TEXT,
  type SessionStore,
} from './conversation.js';
export { createAnswerEngine, type EngineDeps, MAX_QUESTION, MAX_TEXT } from './engine.js';
export { contextKey, isResetMessage, type SessionContext } from './follow-up.js';
export type * from './types.js';
export { type Understanding, understand } from './understand.js';
