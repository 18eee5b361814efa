// Query-side respelling against the index's own vocabulary (the lexicon: each indexed word's reading and
// spelling). Two rules, both general:
// - Hiragana read as katakana and cut into the lexicon's readings: 「しすてむのひょうじゅんか」 →
//   システム + の + 標準化. Particles and question words are known too, so they stay as typed.
// - A katakana or Latin word of five or more characters that the lexicon does not know is replaced by the
//   lexicon's word at edit distance 1 (2 from ten characters): 「ブロックチエーン」 → ブロックチェーン. A slip of mora
//   length (a ー or small ッ dropped or doubled, a small kana typed full size) counts half an edit, and a katakana
//   phrase is compared without its dots: 「カボンオフセト」 → カーボン・オフセット.
// - A katakana word the lexicon does not know that is a Latin word of the lexicon written in katakana, by its
//   letters' names or its romaji, alone or before a known word: 「アールピーエー」 → rpa, 「ギガスクール」 → gigaスクール;
//   typed in hiragana too, from four kana: 「ぎがすくーる」 → gigaスクール.
// - A kanji word the lexicon does not know, read as a kanji word it knows of the same length sharing a kanji with
//   it, is that word typed by the wrong conversion (a homophone): 「推進体勢」 → 推進体制.
// Other kanji near misses and short words are never corrected: a near miss there is usually another word.
import { EDIT, MORA_SLIP, moraEditCost } from './distance.js';
import { hiraganaRuns, isKatakanaWord, isLatinWord, kanaToKatakana, latinReadings } from './kana.js';

/** [reading (katakana), spelling (normalized text), weight]: how often the spelling was seen with the reading. */
export type LexiconEntry = [string, string, number];

export interface Respelling {
  text: string; // the normalized query, respelled
  changes: RespellChange[];
  readings: string[]; // readings of the lexicon words found in the query's hiragana
}

export interface RespellChange {
  from: string;
  to: string;
  kind: 'reading' | 'typo';
}

// Tuning, in one place. A word read this long is respelled. In a question with kanji, its hiragana is mostly
// grammar and okurigana (受けたい, したいんだけど), where a two-kana word is a homophone waiting to happen
// (受+桁い, した+員だけど); in a question without kanji two kana are enough (「いみ」 → 意味).
export const MIN_RESPELL_READING = 3;
export const MIN_RESPELL_READING_KANA_ONLY = 2;
// A reading this long is searched in the reading field; a shorter one has too many homophones (カク: 書く, 各, 核).
export const MIN_READING_TERM = 3;
// A homophone is corrected from a reading this long (イシ: 医師, 意思 and 意志 are all words; シチョウ is counted as
// four, so 市町 is kept by the rule on administrative units).
export const MIN_HOMOPHONE_READING = 4;
// Only these lengths are corrected, with this many edits.
export const MIN_TYPO_LENGTH = 5;
// A katakana word this long is corrected by one slip of mora length (タブレト → タブレット).
export const MIN_SLIP_LENGTH = 4;
export const LONG_TYPO_LENGTH = 10;
const LONG_TYPO_EDITS = 2;
// Cost of a kana the lexicon and the function words leave unexplained, against 1 for any known word: a known
// word of two kana beats two loose ones, and a particle beats a word that would swallow it.
const LOOSE_KANA_COST = 1.5;
// A lexicon word costs a little more than a function word, so a tie goes to the grammar: した + い + ん is
// kept as したいん, not read as した + 員.
const WORD_COST = 1.01;
const MAX_READING = 24;
// A Latin word's katakana this long is read as it (two kana: 「ギガ」; one would match too much).
const MIN_LATIN_READING = 2;
// Typed in hiragana, from four kana: a shorter reading is a Japanese word too often (あい, らん).
const MIN_LATIN_KANA = 4;
const KANA_DOT = /(?<=[ぁ-ゖー])・(?=[ぁ-ゖ])/g;
const DOTS = /・/g;
const KATAKANA_OR_LATIN = /[ァ-ヺー]+(?:・[ァ-ヺー]+)*|[a-z][a-z0-9]*/g;
const KANJI = /[\u3400-\u9FFF\uF900-\uFAFF々]/;
const KANJI_WORD = /^[\u3400-\u9FFF\uF900-\uFAFF々]{2,}$/;
// Administrative units written together (市町, 区市, 市区町村) are an abbreviation, not 市長 mistyped.
const UNITS_ONLY = /^[都道府県市区町村]+$/;

interface Known {
  spelling: string;
  weight: number;
  latin?: boolean; // a Latin word read by its katakana (not a reading the index holds)
}

/**
 * A two-kana reading is respelled only into a word of two or more characters (いみ → 意味, こんびに → コンビニ):
 * a single kanji read in two kana (今, 日, 本, 等) is a homophone of too many (こんにちは is not 今日は).
 */
function respellable(s: Segment, minReading: number): boolean {
  if (s.reading.length < minReading) return false;
  return s.reading.length >= MIN_RESPELL_READING || (s.known?.spelling.length ?? 0) >= 2;
}

interface Candidate {
  key: string; // compared: the spelling without its dots
  spelling: string; // respelled to
}

interface Segment {
  start: number;
  end: number;
  loose: boolean; // a kana neither the lexicon nor the function words explain
  known: Known | undefined; // a lexicon word
  reading: string;
}

export interface Respeller {
  respell(normalized: string): Respelling;
  /** The lexicon's kanji word a kanji word it does not know is a homophone of (read `reading`), or null. */
  homophone(word: string, reading: string): string | null;
  /** The lexicon word a katakana or Latin word is a typo of, or null. */
  correct(word: string): string | null;
}

/**
 * The words a text's morphological reading finds that a respelled word may not cut into, as [start, end) offsets:
 * 「推進していきたい」's いき (a verb) is not the first kana of 期待 (し|て|い|き|た|い read as して + い + 期待).
 */
export type UncuttableWords = (text: string) => readonly (readonly [number, number])[];

/**
 * Whether the dictionary knows a katakana word as one word (IPADIC's オフライン, デメリット, リサイクル): such a word is
 * only respelled as a variant of the lexicon's (セキュリティー → セキュリティ), never as another word one letter away
 * (オフライン is not オンライン, デメリット not メリット).
 */
export type DictionaryWord = (word: string) => boolean;

export function createRespeller(
  entries: LexiconEntry[],
  functionWords: Iterable<string>,
  uncuttable?: UncuttableWords,
  isDictionaryWord?: DictionaryWord,
): Respeller {
  const byReading = new Map<string, Known>();
  const spellings = new Map<string, number>();
  for (const [reading, spelling, weight] of entries) {
    if (!spelling) continue;
    // An entry without a reading (a romaji alias) is a known spelling: never corrected, never respelled to.
    const known = reading ? byReading.get(reading) : undefined;
    if (reading && (!known || weight > known.weight)) byReading.set(reading, { spelling, weight });
    spellings.set(spelling, (spellings.get(spelling) ?? 0) + weight);
  }
  // Latin words by the katakana a resident may write for them (a reading two words share is neither's).
  const byLatinReading = new Map<string, string | null>();
  for (const s of spellings.keys())
    for (const r of latinReadings(s))
      if (r.length >= MIN_LATIN_READING) byLatinReading.set(r, byLatinReading.has(r) ? null : s);
  // The same for hiragana typed for them (「えーあい」「ぎがすくーる」), from MIN_LATIN_KANA kana; a word of the lexicon
  // read alike wins.
  for (const [r, s] of byLatinReading)
    if (s && r.length >= MIN_LATIN_KANA && !byReading.has(r)) byReading.set(r, { spelling: s, weight: 0, latin: true });
  const fnWords = new Set<string>();
  for (const w of functionWords) {
    const k = kanaToKatakana(w);
    if (k) fnWords.add(k);
  }
  // Katakana and Latin words by length, for the typo rule: a katakana phrase by its letters without the dot
  // (「カーボン・オフセット」 is typed カーボンオフセット), the spelling it respells to kept as written.
  const dotted = new Map<string, string>();
  for (const [s, weight] of spellings) {
    if (!s.includes('・')) continue;
    const key = s.replace(DOTS, '');
    const other = dotted.get(key);
    if (!spellings.has(key) && (!other || weight > spellings.get(other)!)) dotted.set(key, s);
  }
  const byLength = { katakana: new Map<number, Candidate[]>(), latin: new Map<number, Candidate[]>() };
  for (const [key, spelling] of [...[...spellings.keys()].map((s) => [s, s] as const), ...dotted]) {
    if (key.length < MIN_TYPO_LENGTH - 1) continue;
    const table = isKatakanaWord(key) ? byLength.katakana : isLatinWord(key) ? byLength.latin : null;
    const list = table?.get(key.length) ?? [];
    list.push({ key, spelling });
    table?.set(key.length, list);
  }

  function segment(kata: string): Segment[] {
    const n = kata.length;
    const cost = new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY);
    const back = new Array<{ from: number; known?: Known; loose?: boolean } | undefined>(n + 1);
    cost[0] = 0;
    const relax = (from: number, to: number, c: number, known?: Known, loose = false) => {
      if (c < cost[to]!) {
        cost[to] = c;
        back[to] = { from, ...(known ? { known } : {}), loose };
      }
    };
    for (let i = 0; i < n; i++) {
      const here = cost[i]!;
      if (here === Number.POSITIVE_INFINITY) continue;
      relax(i, i + 1, here + LOOSE_KANA_COST, undefined, true);
      for (let j = i + 1; j <= Math.min(n, i + MAX_READING); j++) {
        const piece = kata.slice(i, j);
        // A function word first: at equal cost 「どういう」 stays a question word, not 同意 + う.
        if (fnWords.has(piece)) relax(i, j, here + 1);
        const known = j - i >= 2 ? byReading.get(piece) : undefined;
        if (known) relax(i, j, here + WORD_COST, known);
      }
    }
    const out: Segment[] = [];
    for (let at = n; at > 0; ) {
      const b = back[at]!;
      out.push({ start: b.from, end: at, loose: b.loose ?? false, known: b.known, reading: kata.slice(b.from, at) });
      at = b.from;
    }
    return out.reverse();
  }

  // A word of a compound: known to the lexicon, and not a piece of a word the corpus breaks once (its 「デジタ」 of
  // デジタ|ル, which would make 「デジタリテラシー」 two words and leave it uncorrected).
  function isWordOf(part: string): boolean {
    const seen = spellings.get(part);
    return seen !== undefined && (seen > 1 || (isDictionaryWord?.(part) ?? true));
  }

  function isKnownCompound(word: string): boolean {
    // 「マイナポータルログイン」: two known words, not a typo of a third.
    const n = word.length;
    const ok = new Array<boolean>(n + 1).fill(false);
    ok[0] = true;
    for (let i = 0; i < n; i++) {
      if (!ok[i]) continue;
      for (let j = i + 2; j <= n; j++) if (!ok[j] && isWordOf(word.slice(i, j))) ok[j] = true;
    }
    return ok[n]!;
  }

  function correct(typed: string): string | null {
    const word = typed.includes('・') ? typed.replace(DOTS, '') : typed;
    if (word.length < MIN_SLIP_LENGTH || spellings.has(typed) || spellings.has(word) || dotted.has(word)) return null;
    if (!(isKatakanaWord(word) || isLatinWord(word))) return null;
    if (word.length < MIN_TYPO_LENGTH && !isKatakanaWord(word)) return null;
    if (isKnownCompound(word)) return null;
    // In half edits: a slip of mora length (ー, ッ, a small kana) costs half, so two of them are one edit. A short
    // word is corrected by one slip only (タブレト → タブレット), a word of the dictionary by slips only.
    const max =
      word.length < MIN_TYPO_LENGTH ? MORA_SLIP : (word.length >= LONG_TYPO_LENGTH ? LONG_TYPO_EDITS : 1) * EDIT;
    const edit = isKatakanaWord(word) && isDictionaryWord?.(word) ? max + 1 : EDIT;
    const latin = isLatinWord(word);
    // How far the lengths may differ: a Latin letter dropped is a whole edit, a ー or ッ half of one.
    const reach = latin ? max / EDIT : max;
    let best: string | null = null;
    let bestCost = max + 1;
    let bestWeight = -1;
    for (let len = word.length - reach; len <= word.length + reach; len++) {
      for (const { key, spelling } of (latin ? byLength.latin : byLength.katakana).get(len) ?? []) {
        const cost = moraEditCost(word, key, Math.min(max, bestCost), edit);
        const weight = spellings.get(spelling) ?? 0;
        if (cost < bestCost || (cost === bestCost && weight > bestWeight)) {
          best = spelling;
          bestCost = cost;
          bestWeight = weight;
        }
      }
    }
    return bestCost <= max ? best : null;
  }

  /** The Latin spelling of a katakana word (whole, or its first part before a known word), or null. */
  function latinOf(word: string): string | null {
    if (!isKatakanaWord(word) || spellings.has(word)) return null;
    const whole = byLatinReading.get(word);
    if (whole) return whole;
    for (let i = word.length - 2; i >= MIN_LATIN_READING; i--) {
      const latin = byLatinReading.get(word.slice(0, i));
      const rest = word.slice(i);
      if (latin && (spellings.has(rest) || isKnownCompound(rest))) return `${latin}${rest}`;
    }
    return null;
  }

  function homophone(word: string, reading: string): string | null {
    if (!KANJI_WORD.test(word) || UNITS_ONLY.test(word) || spellings.has(word)) return null;
    if (reading.length < MIN_HOMOPHONE_READING) return null;
    const known = byReading.get(reading);
    if (!known || known.spelling === word || known.spelling.length !== word.length) return null;
    // Sharing a kanji: the same word converted wrongly (体勢 → 体制), not any word that sounds alike.
    if (!KANJI_WORD.test(known.spelling) || ![...word].some((c) => known.spelling.includes(c))) return null;
    return known.spelling;
  }

  function respell(input: string): Respelling {
    const changes: RespellChange[] = [];
    const readings: string[] = [];
    // 「えびでんす・べーすど」: a dot between kana is how a loanword's parts are written, not a boundary.
    const normalized = input.replace(KANA_DOT, '');
    let text = '';
    let last = 0;
    const minReading = KANJI.test(normalized) ? MIN_RESPELL_READING : MIN_RESPELL_READING_KANA_ONLY;
    // Read once, when a run has a word to respell: whether [start, end) cuts into a word of the reading.
    let words: readonly (readonly [number, number])[] | undefined;
    const cutsWord = (start: number, end: number) => {
      if (!uncuttable) return false;
      words ??= uncuttable(normalized);
      return words.some(([a, b]) => (a < start && start < b) || (a < end && end < b));
    };
    for (const run of hiraganaRuns(normalized)) {
      if (run.text.length < minReading) continue;
      const kata = kanaToKatakana(run.text);
      if (!kata || kata.length !== run.text.length) continue;
      // Hiragana right after a kanji begins with its okurigana or a suffix (運用|しています, 中心|になって).
      const afterKanji = KANJI.test(normalized[run.start - 1] ?? '');
      let out = '';
      const segments = segment(kata);
      segments.forEach((s, i) => {
        const typed = run.text.slice(s.start, s.end);
        // A word next to an unexplained kana is a guess at a word boundary (めいき|んぐ → 明記んぐ): left as typed.
        const guessed = segments[i - 1]?.loose || segments[i + 1]?.loose;
        if (
          s.known &&
          respellable(s, minReading) &&
          !guessed &&
          !(afterKanji && s.start === 0) &&
          !cutsWord(run.start + s.start, run.start + s.end)
        ) {
          if (s.reading.length >= MIN_READING_TERM && !s.known.latin) readings.push(s.reading);
          if (s.known.spelling !== typed) changes.push({ from: typed, to: s.known.spelling, kind: 'reading' });
          out += s.known.spelling;
        } else out += typed;
      });
      text += normalized.slice(last, run.start) + out;
      last = run.start + run.text.length;
    }
    text += normalized.slice(last);
    const fix = (word: string, fixed: string | null) => {
      if (!fixed) return word;
      changes.push({ from: word, to: fixed, kind: 'typo' });
      return fixed;
    };
    const fixWord = (word: string) => fix(word, latinOf(word) ?? correct(word));
    // A katakana phrase with its dots is one word for the typo rule (「カーボン・オフセト」); when it is none, its parts.
    text = text.replace(KATAKANA_OR_LATIN, (word) => {
      if (!word.includes('・')) return fixWord(word);
      const whole = correct(word);
      return whole ? fix(word, whole) : word.split('・').map(fixWord).join('・');
    });
    return { text, changes, readings };
  }

  return { respell, correct, homophone };
}
