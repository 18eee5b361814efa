// kuromoji's ViterbiBuilder.build, the same lattice built with less work per position. The original wraps the
// rest of the sentence in a new SurrogateAwareString at every position (a scan of the whole rest: quadratic in
// the sentence), looks each word's token ids up through the target map's Proxy (a typed-array view made per
// word) and parseInts each id, and for an unknown word looks the class of every following character up again
// at every position of a run. This reads the compact target map directly and each character's class once, and
// appends the same nodes in the same order. A sentence holding a surrogate (where kuromoji's positions are not
// UTF-16 offsets) or a trie record the map cannot give goes to the original.
// test/analysis/lattice.test.ts compares the lattices and the tokens with the original's.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface CharacterClass {
  class_id: number;
  class_name: string;
  is_always_invoke: number | boolean;
  is_grouping: number | boolean;
}
interface ShortReader {
  getShort(index: number): number;
}
export interface LatticeBuilder {
  trie: { commonPrefixSearch(key: string): { k: string; v?: number }[] };
  token_info_dictionary: { dictionary: ShortReader };
  unknown_dictionary: {
    dictionary: ShortReader;
    target_map: Record<number, ArrayLike<number | string>>;
    lookup(ch: string): CharacterClass;
  };
  build(sentence: string): unknown;
}
type NodeClass = new (
  name: number,
  cost: number,
  start: number,
  length: number,
  type: string,
  left: number,
  right: number,
  surface: string,
) => unknown;
interface Lattice {
  append(node: unknown): void;
  appendEos(): void;
}

const ViterbiNode = require('kuromoji/src/viterbi/ViterbiNode.js') as NodeClass;
const ViterbiLattice = require('kuromoji/src/viterbi/ViterbiLattice.js') as new () => Lattice;

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Makes the builder's `build` the faster one over the target map's compact form (dictionary.ts: where each
 * trie id's token ids start in `ids`).
 */
export function useFastLattice(builder: LatticeBuilder, offsets: Int32Array, ids: Int32Array): void {
  const original = builder.build;
  builder.build = function (this: LatticeBuilder, sentence: string) {
    if (SURROGATE.test(sentence)) return original.call(this, sentence);
    return buildLattice(this, sentence, offsets, ids) ?? original.call(this, sentence);
  };
}

function buildLattice(b: LatticeBuilder, sentence: string, offsets: Int32Array, ids: Int32Array): Lattice | null {
  const n = sentence.length;
  const words = b.token_info_dictionary.dictionary;
  const unknown = b.unknown_dictionary;
  // each position's character class, and where the run of its class ends (the original extends an unknown
  // word while the next character's class name is the first one's)
  const classes: CharacterClass[] = [];
  for (let i = 0; i < n; i++) classes.push(unknown.lookup(sentence[i]!));
  const runEnd = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--)
    runEnd[i] = i + 1 < n && classes[i]!.class_name === classes[i + 1]!.class_name ? runEnd[i + 1]! : i + 1;
  const lattice = new ViterbiLattice();
  for (let pos = 0; pos < n; pos++) {
    const vocabulary = b.trie.commonPrefixSearch(sentence.slice(pos));
    for (const { k: key, v: trieId } of vocabulary) {
      // what the target map's Proxy gives (else the original fails its own way)
      if (trieId === undefined || !(trieId >= 0 && trieId + 1 < offsets.length)) return null;
      for (let i = offsets[trieId]!, end = offsets[trieId + 1]!; i < end; i++) {
        const id = ids[i]!;
        const left = words.getShort(id);
        const right = words.getShort(id + 2);
        const cost = words.getShort(id + 4);
        lattice.append(new ViterbiNode(id, cost, pos + 1, key.length, 'KNOWN', left, right, key));
      }
    }
    const head = classes[pos]!;
    if (vocabulary.length === 0 || head.is_always_invoke === 1) {
      const length = head.is_grouping === 1 && n - pos > 1 ? runEnd[pos]! - pos : 1;
      const key = sentence.slice(pos, pos + length);
      const unknownIds = unknown.target_map[head.class_id]!;
      for (let j = 0; j < unknownIds.length; j++) {
        const id = Number.parseInt(String(unknownIds[j]), 10);
        const left = unknown.dictionary.getShort(id);
        const right = unknown.dictionary.getShort(id + 2);
        const cost = unknown.dictionary.getShort(id + 4);
        lattice.append(new ViterbiNode(id, cost, pos + 1, length, 'UNKNOWN', left, right, key));
      }
    }
  }
  lattice.appendEos();
  return lattice;
}
