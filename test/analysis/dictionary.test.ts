// The compact dictionary loader (src/analysis/dictionary.ts) must give exactly kuromoji's own tokens:
// it drops only the zero tails of the files kuromoji reads byte by byte. The shared form (every worker
// thread of the server builds its tokenizer over the same SharedArrayBuffers, the target map compacted)
// must give them too (it is what every tokenizer is built over: the target map and the word features in
// compact forms).
import fc from 'fast-check';
import kuromoji from 'kuromoji';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildTokenizer,
  compactTargetMap,
  dataEnd,
  loadDictionaryFile,
  loadSharedDictionary,
} from '../../src/analysis/dictionary.js';
import { compactFeatures, featureReader } from '../../src/analysis/features.js';
import { defaultDicPath, type RawTokenizer } from '../../src/analysis/tokenizer.js';
import { loadCorpus } from '../knowledge/corpus.js';

const dicPath = defaultDicPath();
let stock: RawTokenizer;
let compact: RawTokenizer;
let shared: RawTokenizer;
let corpus: string[];
beforeAll(async () => {
  [stock, compact, shared] = await Promise.all([
    new Promise<RawTokenizer>((resolve, reject) =>
      kuromoji.builder({ dicPath }).build((err, t) => (err ? reject(err) : resolve(t))),
    ),
    buildTokenizer(dicPath),
    loadSharedDictionary(dicPath).then((files) => buildTokenizer(dicPath, files)),
  ]);
  const snapshot = await loadCorpus();
  // Every 7th passage (~100 k characters) and every glossary definition: known words, tables, numbers.
  corpus = [
    ...snapshot.passages.filter((_, i) => i % 7 === 0).map((p) => p.text),
    ...snapshot.glossary.map((g) => g.definition),
  ];
}, 60_000);

describe('compact dictionary loader', () => {
  it('gives the same tokens as kuromoji over a sample of the corpus', () => {
    expect(corpus.length).toBeGreaterThan(100);
    for (const text of corpus) expect(compact.tokenize(text)).toEqual(stock.tokenize(text));
  });

  it('shared form: the same tokens as kuromoji over the sample', () => {
    for (const text of corpus) expect(shared.tokenize(text)).toEqual(stock.tokenize(text));
  });

  // Unknown words go through unk*.dat and the character classes of unk_invoke.dat, the trimmed files.
  const unusual = [
    { text: 'テレワークとマイナポータルとＤＸとGovTech', why: 'unknown katakana and Latin words' },
    { text: 'ｶﾞﾊﾞﾒﾝﾄｸﾗｳﾄﾞ・ﾏｲﾅﾝﾊﾞｰ', why: 'half-width katakana' },
    { text: '令和７年度は１２３４５件、71.5％、2025年', why: 'digits, full-width and half-width' },
    { text: 'Ωβγ ДЖЯ 한국어 ไทย 😀👍🏽 ①②③ ㈱ ℃', why: 'Greek, Cyrillic, Hangul, Thai, emoji, enclosed signs' },
    { text: '々〆ヵヶゝゞ〜ー―‐', why: 'iteration marks and dashes' },
    { text: '\t 　\u00a0', why: 'white space of several kinds' },
    { text: 'ーーーーーーーーーーーーーーーーーーーーーーーーーーーーーーーーーーー', why: 'a long run of one class' },
  ];
  it.each(unusual)('same tokens: $why', ({ text }) => {
    expect(compact.tokenize(text)).toEqual(stock.tokenize(text));
    expect(shared.tokenize(text)).toEqual(stock.tokenize(text));
  });

  // Every word's features line (what kuromoji splits into 品詞, 基本形, 読み…), read from the compact form
  // (features.ts) and by kuromoji's own reader over tid_pos.dat, for every token id the dictionary maps to.
  it("the compact word features give kuromoji's line for every word of the dictionary", async () => {
    const files = await loadSharedDictionary(dicPath);
    type Words = { token_info_dictionary: { getFeatures(id: string): string } };
    const ours = (shared as unknown as Words).token_info_dictionary;
    const theirs = (stock as unknown as Words).token_info_dictionary;
    const ids = new Set(new Int32Array(files['tid_map.ids']!));
    expect(ids.size).toBeGreaterThan(390_000);
    const differing: number[] = [];
    for (const id of ids) if (ours.getFeatures(String(id)) !== theirs.getFeatures(String(id))) differing.push(id);
    expect(differing).toEqual([]);
    // read again, the latest words' lines come from the tokenizer's memo of them: still kuromoji's
    const latest = [...ids].slice(-20_000);
    for (const id of latest) if (ours.getFeatures(String(id)) !== theirs.getFeatures(String(id))) differing.push(id);
    expect(differing).toEqual([]);
    expect(ours.getFeatures('not a number')).toBe(theirs.getFeatures('not a number'));
  }, 60_000);

  it("the compact target map holds kuromoji's ids in kuromoji's order, a repeated key's ids appended", () => {
    // the file's layout: key count, then (key, n, n ids)… ; key 3 appears twice, key 5 once
    const records = [2, 3, 2, 10, 11, 5, 1, 20, 3, 1, 12];
    const bytes = new Uint8Array(new Int32Array(records).buffer);
    const { offsets, ids } = compactTargetMap(bytes);
    const of = (k: number) => [...ids.subarray(offsets[k]!, offsets[k + 1]!)];
    expect(of(3)).toEqual([10, 11, 12]);
    expect(of(5)).toEqual([20]);
    expect(of(4)).toEqual([]);
  });

  it('cuts the zero tail of byte-read files only', async () => {
    const tidPos = await loadDictionaryFile(`${dicPath}/tid_pos.dat.gz`);
    const base = await loadDictionaryFile(`${dicPath}/base.dat.gz`);
    expect(tidPos.byteLength).toBeLessThan(40 * 2 ** 20); // kuromoji wrote a 40 MB buffer for ~34 MB of data
    expect(new Uint8Array(tidPos, tidPos.byteLength - 16)).toEqual(new Uint8Array(16)); // the kept zeros
    expect(base.byteLength).toBe(8 * 2 ** 20); // an Int32 array: kept whole
  });

  // The tokenizer reads plain shared buffers: typed arrays over growable ones are ~35% slower to tokenize with.
  it('keeps every file in a plain shared buffer (not growable)', async () => {
    const files = await loadSharedDictionary(dicPath);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['base.dat.gz', 'tid_pos.units', 'tid_map.ids']));
    for (const [name, buffer] of Object.entries(files))
      expect({ name, growable: buffer.growable }).toEqual({ name, growable: false });
  });

  it('rejects a dictionary folder that does not exist', async () => {
    await expect(buildTokenizer('/nonexistent/kuromoji/dict')).rejects.toThrow(/ENOENT/);
  });
});

describe('dataEnd', () => {
  const naive = (b: Uint8Array) => {
    let end = b.length;
    while (end > 0 && b[end - 1] === 0) end--;
    return end;
  };
  it('finds the end of the data at any offset and length', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.nat(40), fc.nat(7), fc.nat(7), (data, zeros, from, cut) => {
        const whole = new Uint8Array(data.length + zeros);
        whole.set(data);
        const view = whole.subarray(
          Math.min(from, whole.length),
          Math.max(Math.min(from, whole.length), whole.length - cut),
        );
        expect(dataEnd(view)).toBe(naive(view));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('compactFeatures', () => {
  const encode = (lines: string[]) => {
    const parts = lines.map((l) => new TextEncoder().encode(`${l}\0`));
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0) + 16);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return { bytes: out, starts: parts.map((_, i) => parts.slice(0, i).reduce((n, p) => n + p.length, 0)) };
  };
  const cases = [
    { line: '東京,名詞,固有名詞,地域,一般,*,*,東京,トウキョウ,トーキョー', why: 'ten fields, base form = surface' },
    {
      line: '行っ,動詞,自立,*,*,五段・カ行促音便,連用タ接続,行く,イッ,イッ',
      why: 'base form differs, pronunciation = reading',
    },
    { line: 'ＤＸ,名詞,一般,*,*,*,*,*', why: 'fewer fields (kept whole)' },
    {
      line: '𠮷野家,名詞,固有名詞,組織,*,*,*,𠮷野家,ヨシノヤ,ヨシノヤ',
      why: 'a character outside the BMP (surrogates)',
    },
    { line: `${'ア'.repeat(300)},名詞,一般,*,*,*,*,*,*,*`, why: 'a field too long for its length byte (kept whole)' },
    { line: '，,記号,読点,*,*,*,*,，,，,，', why: 'a full-width comma is not a separator' },
  ];
  it.each(cases)('reads back the line: $why', ({ line }) => {
    const { bytes, starts } = encode(['前の行,名詞,一般,*,*,*,*,前の行,マエノギョウ,マエノギョー', line]);
    const read = featureReader(compactFeatures(bytes));
    expect(read(starts[1]!)).toBe(line);
    expect(read(starts[0]!)).toBe('前の行,名詞,一般,*,*,*,*,前の行,マエノギョウ,マエノギョー');
    expect(read(starts[1]! + 1)).toBeUndefined(); // not where a line starts
  });
});
