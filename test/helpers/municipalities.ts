// The five municipalities bundled with the project (knowledge/municipalities.yaml). Tests may name them;
// src/ may not (test/knowledge/no-municipality-in-code.test.ts).
export const BUNDLED_MUNICIPALITY_IDS = ['higashikurume', 'koganei', 'hinode', 'musashino', 'nishitokyo'] as const;
