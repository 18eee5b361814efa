// Split text into passages of at most ~400 characters at sentence ends (。！？), never mid-sentence.
// A single sentence longer than the limit stays whole.

export const MAX_PASSAGE = 400;

export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0; // inside 「」 or （）: a 。 there does not end the sentence
  for (const ch of text) {
    cur += ch;
    if ('「『（('.includes(ch)) depth++;
    else if ('」』）)'.includes(ch)) depth = Math.max(0, depth - 1);
    else if ('。！？!?'.includes(ch) && depth === 0) {
      out.push(cur);
      cur = '';
    }
  }
  if (cur.trim() !== '') out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

/** Greedy packing of sentences into chunks; `prefix` (e.g. a row name) is repeated on every chunk. */
export function chunkText(text: string, prefix = '', max = MAX_PASSAGE): string[] {
  if (prefix.length + text.length <= max) return [prefix + text];
  const chunks: string[] = [];
  let cur = '';
  for (const s of splitSentences(text)) {
    if (cur !== '' && prefix.length + cur.length + s.length > max) {
      chunks.push(prefix + cur);
      cur = '';
    }
    cur += s;
  }
  if (cur !== '') chunks.push(prefix + cur);
  return chunks;
}
