// Loads kuromoji's IPADIC dictionary with less memory than kuromoji's own Node loader, same contents.
// kuromoji 0.1.2 (unmaintained; the forks measured no faster) copies every decompressed file once more
// and keeps its fixed-size write buffers whole: tid.dat is 10 MB for 3.7 MB of data, unk.dat and
// unk_pos.dat 10 MB for a few KB, unk_invoke.dat 1 MB of zeros that its reader turns into ~150,000 empty
// character classes. This loader hands kuromoji the gunzip output itself and cuts the zero tail of the
// files read byte by byte (everything past the last non-zero byte reads as 0, or as the end of the data,
// in both); the arrays indexed as numbers (base, check, cc, unk_char, unk_compat) are left whole.
// test/analysis/dictionary.test.ts checks that the tokens are the same as with kuromoji's loader.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type kuromoji from 'kuromoji';

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

/** The decompressed file, without the zero tail for the byte-read files, in an ArrayBuffer of its own. */
export async function loadDictionaryFile(file: string): Promise<ArrayBuffer> {
  const gz = await readFile(file);
  // The gzip trailer holds the decompressed size: one output chunk of that size, no concatenation.
  const size = gz.length >= 4 ? gz.readUInt32LE(gz.length - 4) : 0;
  const data = await gunzipAsync(gz, { chunkSize: Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, size)) });
  const end = BYTE_FILES.has(basename(file)) ? Math.min(data.length, dataEnd(data) + TAIL) : data.length;
  const buffer = data.buffer as ArrayBuffer;
  if (data.byteOffset !== 0) return buffer.slice(data.byteOffset, data.byteOffset + end);
  // transfer() frees the untrimmed buffer now instead of at a later GC.
  return buffer.byteLength === end ? buffer : buffer.transfer(end);
}

const MIN_CHUNK = 64 * 1024;
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

const toShared = (data: ArrayBufferLike): SharedArrayBuffer => {
  const shared = new SharedArrayBuffer(data.byteLength);
  new Uint8Array(shared).set(new Uint8Array(data));
  return shared;
};

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
  const offsets = new Int32Array(new SharedArrayBuffer(4 * (maxKey + 2)));
  records((key, _at, count) => {
    if (count > 0 && key >= 0) offsets[key + 1]! += count;
  });
  for (let k = 1; k < offsets.length; k++) offsets[k]! += offsets[k - 1]!;
  const ids = new Int32Array(new SharedArrayBuffer(4 * total));
  const next = offsets.slice(0, maxKey + 1); // where each key's next id goes (a key may appear twice)
  records((key, at, count) => {
    if (count === 0 || key < 0) return;
    for (let i = 0; i < count; i++) ids[next[key]!++] = int(at + 4 * i);
  });
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
    DICTIONARY_FILES.map(async (name): Promise<[string, SharedArrayBuffer][]> => {
      const data = await loadDictionaryFile(join(dicPath, name));
      if (name === TARGET_MAP) {
        const { offsets, ids } = compactTargetMap(new Uint8Array(data));
        return [
          [TARGET_OFFSETS, offsets.buffer as SharedArrayBuffer],
          [TARGET_IDS, ids.buffer as SharedArrayBuffer],
        ];
      }
      const shared = toShared(data);
      data.transfer(0); // frees the private copy now rather than at this thread's next full GC
      return [[name, shared]];
    }),
  );
  return Object.fromEntries(entries.flat());
}

/**
 * kuromoji's tokenizer over the dictionary at dicPath, its files read by loadDictionaryFile — or over the
 * files already in shared memory when `shared` is given.
 */
export function buildTokenizer(
  dicPath: string,
  shared?: SharedDictionary,
): Promise<kuromoji.Tokenizer<kuromoji.IpadicFeatures>> {
  const loader = new DictionaryLoader(dicPath);
  // kuromoji's generic loader calls this detached from the loader (no `this`).
  loader.loadArrayBuffer = (file, done) => {
    if (shared) {
      // the target map is set from its compact form below; kuromoji's reader is given nothing to read
      const buffer = basename(file) === TARGET_MAP ? new SharedArrayBuffer(0) : shared[basename(file)];
      // kuromoji's typings say ArrayBuffer; it only ever makes typed-array views over it
      if (buffer) done(null, buffer as unknown as ArrayBuffer);
      else done(new Error(`${basename(file)} is not in the shared dictionary`));
      return;
    }
    loadDictionaryFile(file).then(
      (buffer) => done(null, buffer),
      (err: unknown) => done(err),
    );
  };
  return new Promise((resolve, reject) => {
    loader.load((err, dic) => {
      if (err) {
        reject(err);
        return;
      }
      const offsets = shared?.[TARGET_OFFSETS];
      const ids = shared?.[TARGET_IDS];
      if (shared) {
        if (!offsets || !ids) {
          reject(new Error('the shared dictionary has no target map'));
          return;
        }
        const words = (dic as { token_info_dictionary: { target_map: object } }).token_info_dictionary;
        words.target_map = targetMapOver(new Int32Array(offsets), new Int32Array(ids));
      }
      resolve(new Tokenizer(dic));
    });
  });
}
