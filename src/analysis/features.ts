// kuromoji's word features (tid_pos.dat: one UTF-8 line per dictionary word, NUL-terminated,
// 「表層形,品詞,品詞細分類1,品詞細分類2,品詞細分類3,活用型,活用形,基本形,読み,発音」) in a compact shared form:
// 34 MB of UTF-8, where a katakana reading takes 3 bytes a character and the six part-of-speech fields
// (667 distinct combinations) are spelt out in every line, become 13.5 MB: the combination as a
// number, the four words as UTF-16, the base form and the pronunciation left out when they repeat the surface
// and the reading. getFeatures rebuilds exactly the line kuromoji's reader returns (its UTF-8 decoding,
// including on malformed bytes); test/analysis/dictionary.test.ts compares every word of the dictionary.

/** The compact form's arrays, all in shared memory. */
export interface CompactFeatures {
  starts: SharedArrayBuffer; // Int32: each line's byte offset in tid_pos.dat, ascending (what tid.dat points at)
  at: SharedArrayBuffer; // Int32: each line's first UTF-16 unit in `units` (one more than the lines)
  combos: SharedArrayBuffer; // Uint16: the line's part-of-speech combination, RAW for a line kept whole
  lengths: SharedArrayBuffer; // Uint8 ×4: surface, base form (SAME: the surface), reading, pronunciation (SAME: the reading)
  units: SharedArrayBuffer; // Uint16: the words
  names: SharedArrayBuffer; // Uint16: the combinations' text, one per line ("\n"-separated)
}

const RAW = 0xffff; // not ten fields, or a field too long: the line's text is kept whole
const SAME = 0xff;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
const FIELDS = 10;
const MAX_LINE = 1 << 16;
const OUTSIDE_MALLOC_HEAP = 33 * 2 ** 20; // see dictionary.ts // UTF-16 units; longer lines are cut as kuromoji never writes them

/** A shared array of exactly `n` elements (plain, not growable: the tokenizer reads it; see dictionary.ts). */
function shared(n: number, bytesPer: number): SharedArrayBuffer {
  return new SharedArrayBuffer(n * bytesPer);
}

/**
 * kuromoji's ByteBuffer.getString decoding (util/ByteBuffer.js) of bytes[from, to) into `out`; returns the
 * number of UTF-16 units. Past the line's end kuromoji's decoder reads undefined, which is 0 in its arithmetic.
 */
function decode(bytes: Uint8Array, from: number, to: number, out: Uint16Array): number {
  let n = 0;
  let i = from;
  const limit = out.length - 1;
  while (i < to && n < limit) {
    const b1 = bytes[i]!;
    let code: number;
    if (b1 < 0x80) {
      code = b1;
      i += 1;
    } else {
      const b2 = i + 1 < to ? bytes[i + 1]! : 0;
      if (b1 >> 5 === 0x06) {
        code = ((b1 & 0x1f) << 6) | (b2 & 0x3f);
        i += 2;
      } else {
        const b3 = i + 2 < to ? bytes[i + 2]! : 0;
        if (b1 >> 4 === 0x0e) {
          code = ((b1 & 0x0f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
          i += 3;
        } else {
          const b4 = i + 3 < to ? bytes[i + 3]! : 0;
          code = ((b1 & 0x07) << 18) | ((b2 & 0x3f) << 12) | ((b3 & 0x3f) << 6) | (b4 & 0x3f);
          i += 4;
        }
      }
    }
    if (code < 0x10000) out[n++] = code;
    else {
      code -= 0x10000;
      out[n++] = 0xd800 | (code >> 10);
      out[n++] = 0xdc00 | (code & 0x3ff);
    }
  }
  return n;
}

/** Copies units[from, to) to out at `at`; returns the new end (a loop: a subarray per field costs more). */
function copyUnits(units: Uint16Array, from: number, to: number, out: Uint16Array, at: number): number {
  let o = at;
  for (let i = from; i < to; i++) out[o++] = units[i]!;
  return o;
}

/**
 * The part-of-speech combinations met so far, looked up by the units of a line without making a string of
 * them (392,126 lines, 667 combinations in IPADIC): open addressing on an FNV-1a hash.
 */
class ComboTable {
  private readonly slots = new Int32Array(1 << 17); // id + 1; 0: empty
  private readonly pool: number[] = [];
  private readonly from: number[] = [];
  readonly names: string[] = [];
  idOf(u: Uint16Array, a: number, b: number): number {
    let h = 0x811c9dc5;
    for (let i = a; i < b; i++) h = Math.imul(h ^ u[i]!, 0x01000193);
    const mask = this.slots.length - 1;
    for (let slot = (h >>> 0) & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot]! - 1;
      if (id < 0) {
        if (this.names.length >= RAW || this.names.length >= this.slots.length / 2) return RAW;
        this.slots[slot] = this.names.length + 1;
        this.from.push(this.pool.length);
        for (let i = a; i < b; i++) this.pool.push(u[i]!);
        this.names.push(String.fromCharCode(...u.subarray(a, b)));
        return this.names.length - 1;
      }
      const start = this.from[id]!;
      const end = this.from[id + 1] ?? this.pool.length;
      if (end - start === b - a && this.matches(u, a, start, end)) return id;
    }
  }
  private matches(u: Uint16Array, a: number, start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.pool[i] !== u[a + i - start]) return false;
    return true;
  }
}

function sameUnits(u: Uint16Array, a0: number, a1: number, b0: number, b1: number): boolean {
  if (a1 - a0 !== b1 - b0) return false;
  for (let i = 0; i < a1 - a0; i++) if (u[a0 + i] !== u[b0 + i]) return false;
  return true;
}

/** The compact form of tid_pos.dat's bytes (the zero tail may be cut: lines end at a NUL or the end). */
export function compactFeatures(bytes: Uint8Array): CompactFeatures {
  let lines = 0;
  for (let p = 0; p < bytes.length; ) {
    let q = bytes.indexOf(0, p);
    if (q < 0) q = bytes.length;
    if (q > p) lines++;
    p = q + 1;
  }
  // Filled in one transient buffer (plain typed arrays, V8's fast path; larger than 32 MB, so malloc maps it
  // and unmaps it when transferred away below), then copied to page-allocated shared buffers of exact size.
  const wordsBytes = 2 * bytes.length; // at most one unit per byte
  const scratch = new ArrayBuffer(Math.max(14 * lines + 4 + wordsBytes, OUTSIDE_MALLOC_HEAP));
  // the Int32 arrays first, so that every array starts at a multiple of its element size
  const starts = new Int32Array(scratch, 0, lines);
  const at = new Int32Array(scratch, 4 * lines, lines + 1);
  const units = new Uint16Array(scratch, 8 * lines + 4, bytes.length);
  const combos = new Uint16Array(scratch, 8 * lines + 4 + wordsBytes, lines);
  const lengths = new Uint8Array(scratch, 10 * lines + 4 + wordsBytes, 4 * lines);
  let used = 0;
  const comboIds = new ComboTable();
  const line = new Uint16Array(MAX_LINE);
  const commas = new Int32Array(FIELDS);
  let k = 0;
  for (let p = 0; p < bytes.length; ) {
    let q = bytes.indexOf(0, p);
    if (q < 0) q = bytes.length;
    if (q > p) {
      const n = decode(bytes, p, q, line);
      let c = 0;
      let newline = false; // would break the "\n"-separated names: such a line is kept whole
      for (let i = 0; i < n; i++) {
        if (line[i] === NEWLINE) newline = true;
        if (line[i] !== COMMA) continue;
        if (c < FIELDS) commas[c] = i;
        c++;
      }
      starts[k] = p;
      at[k] = used;
      let combo = RAW;
      if (c === FIELDS - 1 && !newline) {
        const s1 = commas[0]!;
        const b0 = commas[6]! + 1;
        const b1 = commas[7]!;
        const r0 = b1 + 1;
        const r1 = commas[8]!;
        const n0 = r1 + 1;
        if (Math.max(s1, b1 - b0, r1 - r0, n - n0) < SAME) {
          combo = comboIds.idOf(line, s1 + 1, b0 - 1);
          if (combo < RAW) {
            const baseSame = sameUnits(line, b0, b1, 0, s1);
            const pronSame = sameUnits(line, n0, n, r0, r1);
            lengths[4 * k] = s1;
            lengths[4 * k + 1] = baseSame ? SAME : b1 - b0;
            lengths[4 * k + 2] = r1 - r0;
            lengths[4 * k + 3] = pronSame ? SAME : n - n0;
            used = copyUnits(line, 0, s1, units, used);
            if (!baseSame) used = copyUnits(line, b0, b1, units, used);
            used = copyUnits(line, r0, r1, units, used);
            if (!pronSame) used = copyUnits(line, n0, n, units, used);
          }
        }
      }
      combos[k] = combo;
      if (combo === RAW) used = copyUnits(line, 0, n, units, used);
      k++;
    }
    p = q + 1;
  }
  at[k] = used;
  const copy = (from: Int32Array | Uint16Array | Uint8Array): SharedArrayBuffer => {
    const buffer = shared(from.length, from.BYTES_PER_ELEMENT);
    new Uint8Array(buffer).set(new Uint8Array(from.buffer, from.byteOffset, from.byteLength));
    return buffer;
  };
  const out = {
    starts: copy(starts),
    at: copy(at),
    combos: copy(combos),
    lengths: copy(lengths),
    units: copy(units.subarray(0, used)),
  };
  scratch.transfer(0);
  const text = comboIds.names.join('\n');
  const names = new Uint16Array(shared(text.length, 2));
  for (let i = 0; i < text.length; i++) names[i] = text.charCodeAt(i);
  return { ...out, names: names.buffer as SharedArrayBuffer };
}

const fromUnits = (units: Uint16Array, from: number, to: number): string => {
  let s = '';
  // in slices: String.fromCharCode takes its units as arguments
  for (let i = from; i < to; i += 4096) s += String.fromCharCode(...units.subarray(i, Math.min(to, i + 4096)));
  return s;
};

/**
 * The line kuromoji's getString would read at byte offset `posId` of tid_pos.dat, from the compact form;
 * undefined for an offset where no line starts (kuromoji's reader never gets one: tid.dat points at lines).
 */
export function featureReader(compact: CompactFeatures): (posId: number) => string | undefined {
  const starts = new Int32Array(compact.starts);
  const at = new Int32Array(compact.at);
  const combos = new Uint16Array(compact.combos);
  const lengths = new Uint8Array(compact.lengths);
  const units = new Uint16Array(compact.units);
  const namesUnits = new Uint16Array(compact.names);
  const names = namesUnits.length ? fromUnits(namesUnits, 0, namesUnits.length).split('\n') : [];
  return (posId) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = starts[mid]!;
      if (v < posId) lo = mid + 1;
      else if (v > posId) hi = mid - 1;
      else return lineOf(mid);
    }
    return undefined;
  };
  function lineOf(k: number): string {
    const combo = combos[k]!;
    if (combo === RAW) return fromUnits(units, at[k]!, at[k + 1]!);
    const sl = lengths[4 * k]!;
    const bl = lengths[4 * k + 1]!;
    const rl = lengths[4 * k + 2]!;
    const nl = lengths[4 * k + 3]!;
    let i = at[k]!;
    const take = (n: number) => {
      const from = i;
      i += n;
      return fromUnits(units, from, i);
    };
    const surface = take(sl);
    const base = bl === SAME ? surface : take(bl);
    const reading = take(rl);
    const pron = nl === SAME ? reading : take(nl);
    return `${surface},${names[combo]},${base},${reading},${pron}`;
  }
}
