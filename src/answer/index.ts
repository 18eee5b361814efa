// The answer engine: understands a resident's question, retrieves from the index and composes a short,
// cited, extractive answer — or a route to a front-yard channel, or an honest fallback.
export { createAnswerEngine, type EngineDeps, MAX_QUESTION, MAX_TEXT } from './engine.js';
export type * from './types.js';
export { type Understanding, understand } from './understand.js';
