// kuromoji looks up the dictionary words starting at every position of a sentence with its double array's
// commonPrefixSearch, which first encodes the WHOLE rest of the sentence as UTF-8 (a new buffer per position:
// quadratic in the sentence) and decodes each found word back from a copy of the bytes. This is the same walk
// over the same trie, encoding each character only as the walk reaches it (it stops at the first byte no word
// continues with) and taking a found word as the characters walked — the same words, records and order.
// test/analysis/prefix-search.test.ts compares it with the original on the dictionary's own words and texts.

interface DoubleArray {
  commonPrefixSearch(key: string): { k: string; v?: number }[];
  traverse(parent: number, code: number): number;
  bc: { getBase(index: number): number };
}

const ROOT_ID = 0;
const TERM_CODE = 0;
const NOT_FOUND = -1;

/** Makes the trie's commonPrefixSearch walk the key lazily; a key that is not well-formed UTF-16 goes to the original. */
export function useLazyPrefixSearch(trie: DoubleArray): void {
  const original = trie.commonPrefixSearch;
  if ((original as { lazy?: boolean }).lazy) return;
  const bytes = new Uint8Array(4);
  const lazy = function (this: DoubleArray, key: string): { k: string; v?: number }[] {
    // the original cannot encode a broken surrogate pair (it fails on the whole key): left to it, as before
    if (!(key as unknown as { isWellFormed(): boolean }).isWellFormed()) return original.call(this, key);
    const result: { k: string; v?: number }[] = [];
    let parent = ROOT_ID;
    for (let i = 0; i < key.length; ) {
      // the next character's UTF-8 bytes, as the original's stringToUtf8Bytes writes them
      let code = key.charCodeAt(i++);
      if (code >= 0xd800 && code <= 0xdbff) code = (code - 0xd800) * 1024 + 65536 + (key.charCodeAt(i++) - 0xdc00);
      let n: number;
      if (code < 0x80) {
        bytes[0] = code;
        n = 1;
      } else if (code < 1 << 11) {
        bytes[0] = (code >>> 6) | 0xc0;
        bytes[1] = (code & 0x3f) | 0x80;
        n = 2;
      } else if (code < 1 << 16) {
        bytes[0] = (code >>> 12) | 0xe0;
        bytes[1] = ((code >> 6) & 0x3f) | 0x80;
        bytes[2] = (code & 0x3f) | 0x80;
        n = 3;
      } else {
        bytes[0] = (code >>> 18) | 0xf0;
        bytes[1] = ((code >> 12) & 0x3f) | 0x80;
        bytes[2] = ((code >> 6) & 0x3f) | 0x80;
        bytes[3] = (code & 0x3f) | 0x80;
        n = 4;
      }
      for (let b = 0; b < n; b++) {
        const child = this.traverse(parent, bytes[b]!);
        if (child === NOT_FOUND) return result;
        parent = child;
        const grandChild = this.traverse(child, TERM_CODE);
        if (grandChild === NOT_FOUND) continue;
        // a word ends inside a character: no dictionary word does; the original decodes such bytes its own way
        if (b < n - 1) return original.call(this, key);
        const base = this.bc.getBase(grandChild);
        const r: { v?: number; k?: string } = {};
        if (base <= 0) r.v = -base - 1;
        r.k = key.slice(0, i);
        result.push(r as { k: string; v?: number });
      }
    }
    return result;
  };
  (lazy as { lazy?: boolean }).lazy = true;
  trie.commonPrefixSearch = lazy;
}
