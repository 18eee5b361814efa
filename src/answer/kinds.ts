// The kinds of answer (the answer JSON's "kind"). Their own file so that the answer types and the session
// records that store a kind import them without importing each other.
export const ANSWER_KINDS = ['answer', 'route', 'clarify', 'fallback', 'greeting'] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];
