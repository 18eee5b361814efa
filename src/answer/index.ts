// The answer engine: understands a resident's question as a typed frame, composes a short, cited, extractive
// answer with the first composer that can (validated against what was asked) — or a route to a front-yard
// channel, or an honest "not stated" / fallback with its reason.

export { CUES, type Cue } from '../analysis/index.js';
export type { ComposeContext, Composed, Composer, Decline, Evidence, Outcome } from './composers/index.js';
export { COMPOSERS } from './composers/index.js';
export {
  type AnswerService,
  type Conversation,
  type ConverseOptions,
  createConversation,
  publicAnswer,
  RESET_TEXT,
  type SessionStore,
} from './conversation.js';
export { createAnswerEngine, type EngineDeps, type FramedAnswerEngine, MAX_QUESTION, MAX_TEXT } from './engine.js';
export { contextKey, isResetMessage, type SessionContext } from './follow-up.js';
export type * from './frame.js';
export { summarize } from './frame.js';
export { staticTextGroups, staticTexts } from './static-texts.js';
export { createTextTerms, type TextTerms } from './terms.js';
export type * from './types.js';
export { understand, unknownPlaces } from './understand.js';
