// Size limits of the answer contract.
export const MAX_TEXT = 500;
// Residents ask in a sentence or two; a longer message is analyzed by its start so one message cannot hold the
// event loop (the analyzer is linear-plus in input length).
export const MAX_QUESTION = 256;
// Below this share of the question's content terms found in the chosen text, we do not answer: with two terms
// both must be there (「市長の年齢」 is not answered by 「生産年齢人口」), with five, three.
export const MIN_COVERAGE = 0.6;

export function clip(text: string): string {
  if (text.length <= MAX_TEXT) return text;
  return `${text.slice(0, MAX_TEXT - 1)}…`;
}
