// Loads kuromoji's IPADIC dictionary with less memory than kuromoji's own Node loader, same contents.
// kuromoji 0.1.2 (unmaintained; the forks measured no faster) copies every decompressed file once more
// and keeps its fixed-size write buffers whole: tid.dat is 10 MB for 3.7 MB of data, unk.dat and
// unk_pos.dat 10 MB for a few KB, unk_invoke.dat 1 MB of zeros that its reader turns into ~150,000 empty
// character classes. This loader reads each file once into shared memory (every thread's tokenizer reads
// the same buffers), cuts the zero tail of the files read byte by byte (everything past the last non-zero
// byte reads as 0, or as the end of the data, in both; the arrays indexed as numbers — base, check, cc,
// unk_char, unk_compat — are left whole), and keeps two files in compact forms kuromoji is handed instead:
// the word → token map (below) and the word features (features.ts). 60.7 → 39.9 MB per process.
// test/analysis/dictionary.test.ts checks that the tokens are the same as with kuromoji's loader.
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type kuromoji from 'kuromoji';
import { type CompactFeatures, compactFeatures, featureReader } from './features.js';
import { type LatticeBuilder, useFastLattice } from './lattice.js';
import { useLazyPrefixSearch } from './prefix-search.js';

const gunzipAsync = promisify(gunzip);
const require = createRequire(import.meta.url);

// kuromoji's internals (CommonJS, not in its typings): the generic loader and the tokenizer class.
type LoadCallback = (err: unknown, buffer?: ArrayBuffer) => void;
interface DictionaryLoaderClass {
  new (
    dicPath: string,
  ): {
    loadArrayBuffer(file: string, done: LoadCallback): void;
    load(done: (err: unknown, dic: unknown) => void): void;
  };
}
const DictionaryLoader = require('kuromoji/src/loader/DictionaryLoader.js') as DictionaryLoaderClass;
const Tokenizer = require('kuromoji/src/Tokenizer.js') as new (
  dic: unknown,
) => kuromoji.Tokenizer<kuromoji.IpadicFeatures>;

/** Files kuromoji reads through its ByteBuffer, where a zero tail carries no data. */
const BYTE_FILES = new Set([
  'tid.dat.gz',
  'tid_pos.dat.gz',
  'tid_map.dat.gz',
  'unk.dat.gz',
  'unk_pos.dat.gz',
  'unk_map.dat.gz',
  'unk_invoke.dat.gz',
]);
// Zero bytes kept after the data: a string's terminator and a whole int of zeros for readers that look ahead.
const TAIL = 16;

// Where the load's memory comes from. Every transient buffer is either page-allocated (a resizable
// ArrayBuffer: V8 maps its pages itself) or an output buffer larger than glibc's largest dynamic mmap threshold (32 MB), so malloc
// maps it and unmaps it when freed. Nothing big passes through malloc's heap: freed there, it would stay
// resident (a freed 8 MB buffer raises the mmap threshold to 8 MB and the next ones land in the heap, with
// long-lived allocations above them), which cost 25–40 MB of RSS per process. The transient buffers are
// freed as soon as they are copied (transfer(0)), not at a later GC.
const OUTSIDE_MALLOC_HEAP = 33 * 2 ** 20;

/** A page-allocated copy of `bytes` (resizable, so V8 maps it itself rather than taking it from malloc). */
function pageCopy(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.length, { maxByteLength: Math.max(1, bytes.length) });
  new Uint8Array(copy).set(bytes);
  return copy;
}

/**
 * The same, in shared memory that the tokenizer reads: a plain (fixed-length) SharedArrayBuffer, as typed
 * arrays over a growable one are ~35% slower to tokenize with. Long-lived, so malloc may place it anywhere.
 */
function sharedCopy(bytes: Uint8Array): SharedArrayBuffer {
  const shared = new SharedArrayBuffer(bytes.length);
  new Uint8Array(shared).set(bytes);
  return shared;
}

/**
 * Frees a buffer of ours now instead of at this thread's next full GC: a page-allocated one, or zlib's output
 * chunk (never from Node's small-buffer pool at that size; the stream that wrote it has ended).
 */
function release(bytes: Uint8Array): void {
  const buffer = bytes.buffer;
  if (!(buffer instanceof ArrayBuffer) || buffer.detached) return;
  if (buffer.resizable || buffer.byteLength >= OUTSIDE_MALLOC_HEAP) buffer.transfer(0);
}

/** The file's bytes in a page-allocated buffer read in place (readFile would allocate it from malloc). */
async function readWhole(file: string): Promise<Uint8Array> {
  const handle = await open(file);
  try {
    const { size } = await handle.stat();
    const bytes = new Uint8Array(new ArrayBuffer(size, { maxByteLength: Math.max(1, size) }));
    let got = 0;
    while (got < size) {
      const { bytesRead } = await handle.read(bytes, got, size - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return bytes.subarray(0, got);
  } finally {
    await handle.close();
  }
}

/**
 * Decompresses a dictionary file and hands `keep` its bytes (without the zero tail for the byte-read files);
 * `keep` copies what it needs, and both the compressed and decompressed buffers are freed before this returns.
 */
async function withDictionaryFile<T>(file: string, keep: (bytes: Uint8Array) => T): Promise<T> {
  const gz = await readWhole(file);
  let data: Buffer;
  try {
    // The gzip trailer holds the decompressed size: one output chunk of it, plus one byte so that zlib does
    // not allocate another chunk to find the end.
    const size = gz.length >= 4 ? Buffer.from(gz.buffer, gz.byteOffset, gz.length).readUInt32LE(gz.length - 4) : 0;
    data = await gunzipAsync(gz, { chunkSize: Math.min(MAX_CHUNK, Math.max(OUTSIDE_MALLOC_HEAP, size + 1)) });
  } finally {
    release(gz);
  }
  try {
    const end = BYTE_FILES.has(basename(file)) ? Math.min(data.length, dataEnd(data) + TAIL) : data.length;
    return keep(data.subarray(0, end));
  } finally {
    release(data);
  }
}

/** The decompressed file, without the zero tail for the byte-read files, in a page-allocated buffer. */
export function loadDictionaryFile(file: string): Promise<ArrayBuffer> {
  return withDictionaryFile(file, pageCopy);
}

const MAX_CHUNK = 256 * 2 ** 20; // the trailer of a damaged file cannot make us allocate 4 GB

/** One past the last non-zero byte; whole zero words are skipped 4 bytes at a time (tens of MB of zeros). */
export function dataEnd(bytes: Uint8Array): number {
  const offset = bytes.byteOffset;
  let end = bytes.length;
  while (end > 0 && (offset + end) % 4 !== 0) {
    if (bytes[end - 1] !== 0) return end;
    end--;
  }
  if (end === 0) return 0;
  const first = Math.ceil(offset / 4); // the first whole word, as an index into the underlying buffer
  const words = new Uint32Array(bytes.buffer, first * 4, (offset + end) / 4 - first);
  let w = words.length;
  while (w > 0 && words[w - 1] === 0) w--;
  end = (first + w) * 4 - offset;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return end;
}

/** The dictionary's files by name, decompressed into shared memory (loadSharedDictionary). */
export type SharedDictionary = Readonly<Record<string, SharedArrayBuffer>>;

// Every file kuromoji's DictionaryLoader reads.
const DICTIONARY_FILES = [
  'base.dat.gz',
  'check.dat.gz',
  'cc.dat.gz',
  ...BYTE_FILES,
  'unk_char.dat.gz',
  'unk_compat.dat.gz',
] as const;

const TARGET_MAP = 'tid_map.dat.gz';
const TARGET_OFFSETS = 'tid_map.offsets';
const TARGET_IDS = 'tid_map.ids';
const FEATURES = 'tid_pos.dat.gz';
const FEATURES_PREFIX = 'tid_pos.';

/** Zeroed shared Int32 storage (plain: see sharedCopy). */
const sharedInts = (n: number) => new SharedArrayBuffer(4 * n);

/**
 * tid_map.dat (trie id → token ids) in two Int32Arrays: where each trie id's token ids start, and the ids
 * in the file's order. kuromoji's own loadTargetMap makes one JS array per trie id — 325,871 arrays, 62 MB
 * of heap in every thread; these 4 MB are shared instead. Read as kuromoji reads it: little-endian int32
 * records (key, count, ids…), 0 past the end.
 */
export function compactTargetMap(bytes: Uint8Array): { offsets: Int32Array; ids: Int32Array } {
  const int = (p: number) =>
    p + 4 <= bytes.length ? bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16) | (bytes[p + 3]! << 24) : 0;
  const records = (visit: (key: number, at: number, count: number) => void) => {
    let p = 4; // the number of keys, not needed
    while (p < bytes.length) {
      const key = int(p);
      const count = Math.max(0, int(p + 4));
      visit(key, p + 8, count);
      p += 8 + 4 * count;
    }
  };
  let maxKey = -1;
  let total = 0;
  records((key, _at, count) => {
    if (count === 0 || key < 0) return;
    maxKey = Math.max(maxKey, key);
    total += count;
  });
  const offsets = new Int32Array(sharedInts(maxKey + 2));
  records((key, _at, count) => {
    if (count > 0 && key >= 0) offsets[key + 1]! += count;
  });
  for (let k = 1; k < offsets.length; k++) offsets[k]! += offsets[k - 1]!;
  const ids = new Int32Array(sharedInts(total));
  // where each key's next id goes (a key may appear twice)
  const next = new Int32Array(new ArrayBuffer(4 * (maxKey + 1), { maxByteLength: 4 * (maxKey + 1) }));
  next.set(offsets.subarray(0, maxKey + 1));
  records((key, at, count) => {
    if (count === 0 || key < 0) return;
    for (let i = 0; i < count; i++) ids[next[key]!++] = int(at + 4 * i);
  });
  next.buffer.transfer(0);
  return { offsets, ids };
}

// What kuromoji's ViterbiBuilder reads as `target_map[trieId]` (then .length and [i]): a view of the ids.
function targetMapOver(offsets: Int32Array, ids: Int32Array): object {
  return new Proxy(
    {},
    {
      get(_target, key) {
        if (typeof key !== 'string') return undefined;
        const k = Number(key);
        if (!(k >= 0 && k + 1 < offsets.length)) return undefined;
        return ids.subarray(offsets[k]!, offsets[k + 1]!);
      },
    },
  );
}

/**
 * The dictionary's files decompressed once into SharedArrayBuffers, so every worker thread of a process
 * builds its tokenizer over the same buffers instead of a copy each (a reload's second worker included);
 * tid_map.dat becomes the compact map above. kuromoji only reads these arrays (typed-array views over
 * them; it copies nothing), so sharing is safe.
 */
export async function loadSharedDictionary(dicPath: string): Promise<SharedDictionary> {
  const entries = await Promise.all(
    DICTIONARY_FILES.map((name) =>
      withDictionaryFile(join(dicPath, name), (bytes): [string, SharedArrayBuffer][] => {
        if (name === TARGET_MAP) {
          const { offsets, ids } = compactTargetMap(bytes);
          return [
            [TARGET_OFFSETS, offsets.buffer as SharedArrayBuffer],
            [TARGET_IDS, ids.buffer as SharedArrayBuffer],
          ];
        }
        if (name === FEATURES) {
          return Object.entries(compactFeatures(bytes)).map(([part, buffer]) => [`${FEATURES_PREFIX}${part}`, buffer]);
        }
        return [[name, sharedCopy(bytes)]];
      }),
    ),
  );
  return Object.fromEntries(entries.flat());
}

/** The compact word features of a shared dictionary (features.ts). */
function featuresOf(shared: SharedDictionary): CompactFeatures | null {
  const part = (name: keyof CompactFeatures) => shared[`${FEATURES_PREFIX}${name}`];
  const starts = part('starts');
  const at = part('at');
  const combos = part('combos');
  const lengths = part('lengths');
  const units = part('units');
  const names = part('names');
  return starts && at && combos && lengths && units && names ? { starts, at, combos, lengths, units, names } : null;
}

// How many words' features lines a tokenizer remembers (~1 MB).
const REMEMBERED_WORDS = 10_000;

interface WordDictionary {
  target_map: object;
  dictionary: { getInt(index: number): number }; // tid.dat
  getFeatures(tokenInfoId: string): string;
}

/**
 * kuromoji's tokenizer over the dictionary at dicPath, read into shared memory (loadSharedDictionary) — or
 * over the files already there when `shared` is given (the server's answer workers).
 */
export async function buildTokenizer(
  dicPath: string,
  shared?: SharedDictionary,
): Promise<kuromoji.Tokenizer<kuromoji.IpadicFeatures>> {
  const files = shared ?? (await loadSharedDictionary(dicPath));
  const offsets = files[TARGET_OFFSETS];
  const ids = files[TARGET_IDS];
  const features = featuresOf(files);
  if (!offsets || !ids || !features) throw new Error('the shared dictionary has no target map or word features');
  const loader = new DictionaryLoader(dicPath);
  // kuromoji's generic loader calls this detached from the loader (no `this`).
  loader.loadArrayBuffer = (file, done) => {
    const name = basename(file);
    // the target map and the word features are set from their compact forms below; kuromoji's readers are
    // given nothing to read
    const buffer = name === TARGET_MAP || name === FEATURES ? new SharedArrayBuffer(0) : files[name];
    // kuromoji's typings say ArrayBuffer; it only ever makes typed-array views over it
    if (buffer) done(null, buffer as unknown as ArrayBuffer);
    else done(new Error(`${name} is not in the shared dictionary`));
  };
  const dic = await new Promise<unknown>((resolve, reject) => {
    loader.load((err, loaded) => (err ? reject(err) : resolve(loaded)));
  });
  const words = (dic as { token_info_dictionary: WordDictionary }).token_info_dictionary;
  const targetOffsets = new Int32Array(offsets);
  const targetIds = new Int32Array(ids);
  words.target_map = targetMapOver(targetOffsets, targetIds);
  const read = featureReader(features);
  // kuromoji's TokenInfoDictionary.getFeatures, over the compact lines; the lines of the latest words read are
  // remembered (a word's line is a binary search of 392,126 starts and a decoding away, each a cache miss when
  // the dictionary is cold — as it is between one question's texts; a few words make most of every text)
  const lines = new Map<number, string>();
  words.getFeatures = (tokenInfoId) => {
    const id = Number.parseInt(tokenInfoId, 10);
    if (Number.isNaN(id)) return '';
    let line = lines.get(id);
    if (line === undefined) {
      line = read(words.dictionary.getInt(id + 6)) ?? '';
      lines.set(id, line);
      if (lines.size > REMEMBERED_WORDS) lines.delete(lines.keys().next().value!);
    }
    return line;
  };
  useLazyPrefixSearch((dic as { trie: Parameters<typeof useLazyPrefixSearch>[0] }).trie);
  const tokenizer = new Tokenizer(dic);
  useFastLattice(
    (tokenizer as unknown as { viterbi_builder: LatticeBuilder }).viterbi_builder,
    targetOffsets,
    targetIds,
  );
  return tokenizer;
}
