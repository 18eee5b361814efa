// The unanswered log's identity, privacy and order, shared by both stores so they keep and list alike.
// A resident's question is normalized and their personal details are masked HERE, before any store
// sees the text: nothing unmasked is ever written, in memory or in Redis.
import { createHash } from 'node:crypto';
import type { MunicipalityId } from '../knowledge/index.js';
import type { UnansweredEntry, UnansweredFilter, UnansweredSort } from './types.js';

const MAX_TEXT = 500;
const MAX_TOPIC = 80;

const DASH = '[-‐‑–—―ー−－]';
// What is masked and why; each row replaces what it matches with its label. Order matters: the more
// specific patterns (e-mail, phone, postal code) run before the general digit run. `hint` is a plain test
// that every text the row's pattern matches passes (an '@', a digit, the words a name is given with): a text
// without it is left alone without running the pattern, which costs up to half a millisecond on a
// 2,000-character question (the name pattern tries a run of up to ten characters at every position). Every
// answer's question is masked on the main thread (the analytics topic, the unanswered log).
export const MASKS: { name: string; re: RegExp; hint: RegExp; label: string; why: string }[] = [
  {
    name: 'email',
    re: /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
    hint: /@/,
    label: '［メール］',
    why: 'an e-mail address names a person',
  },
  {
    name: 'phone',
    re: new RegExp(
      `(?:\\+81${DASH}?|(?<!\\d)0)\\d{1,4}(?:${DASH}|\\s|[()（）])?\\d{1,4}(?:${DASH}|\\s|[)）])?\\d{3,4}(?!\\d)`,
      'g',
    ),
    hint: /\d/,
    label: '［電話番号］',
    why: 'phone numbers (固定 03-1234-5678, 携帯 090-1234-5678, +81)',
  },
  {
    name: 'postal-code',
    re: new RegExp(`〒\\s*\\d{3}${DASH}?\\d{4}(?!\\d)|(?<![\\d-])\\d{3}${DASH}\\d{4}(?![\\d-])`, 'g'),
    hint: /\d/,
    label: '［住所］',
    why: 'a postal code narrows an address to a few streets',
  },
  {
    name: 'address',
    // 中町二丁目5番8号, 3丁目, 123番地の4, 1-2-3, 本町1-2: the numbers (the town's name stays, so
    // staff still see where). Two numbers joined by a dash only after a place name (本町1-2), so
    // 「令和5-7年度」 stays.
    re: new RegExp(
      [
        `[0-9一二三四五六七八九十]+丁目(?:\\s?\\d+(?:番地?|${DASH})?(?:\\s?\\d+号?)?)?`,
        `\\d+番地?(?:の\\d+)?(?:\\d+号)?`,
        `(?<!\\d)\\d{1,4}${DASH}\\d{1,4}${DASH}\\d{1,4}(?!\\d)`,
        `(?<=[町丁条通]\\s?)\\d{1,4}${DASH}\\d{1,4}(?!\\d)`,
      ].join('|'),
      'gu',
    ),
    hint: /\d|丁目/,
    label: '［住所］',
    why: 'street numbers identify a home',
  },
  {
    name: 'digits',
    // マイナンバー (12 digits), 基礎年金番号, 保険証 … also written in groups: 1234 5678 9012
    re: /(?<!\d)\d(?:[\s-]?\d){6,}(?!\d)/g,
    hint: /\d/,
    label: '［番号］',
    why: 'long digit runs are personal numbers (マイナンバー is 12 digits)',
  },
  {
    name: 'name-after-self',
    re: /(私|わたし|わたくし|僕|ぼく|俺|おれ)(の名前|の氏名)?は\s*([^\s、。,.!?！？「」をがにでともへやか]{1,12}?)(です|でございます|と申します|といいます|と言います)/gu,
    hint: /私|わたし|わたくし|僕|ぼく|俺|おれ/,
    label: '$1$2は［氏名］$4',
    why: 'a resident introducing themselves: 「私は山田花子です」',
  },
  {
    name: 'name-introduced',
    re: /(名前は|氏名は)\s*([^\s、。,.!?！？をがにでともへやか]{1,12}?)(です|と申します|、|。|$)|([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]{1,10})(と申します|といいます)/gu,
    hint: /名前は|氏名は|と申します|といいます/,
    label: '［氏名］',
    why: 'a name given as such (「名前は…です」「…と申します」)',
  },
];

// NFKC (full-width digits and letters become ASCII, so the masks see them), whitespace collapsed.
export function normalizeQuestion(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, ' ').trim();
}

export function maskPersonal(text: string): string {
  let out = text;
  for (const m of MASKS) {
    if (!m.hint.test(out)) continue;
    if (m.name === 'name-introduced') {
      out = out.replace(m.re, (_all, lead?: string, _name?: string, tail?: string, _n2?: string, verb?: string) =>
        lead ? `${lead}［氏名］${tail ?? ''}` : `［氏名］${verb ?? ''}`,
      );
    } else {
      out = out.replace(m.re, m.label);
    }
  }
  return out;
}

// A topic is kept only when it reads, as is, in the masked question: a topic cut from the unmasked
// question (「山田花子」 from 「私は山田花子です」) would otherwise carry what the mask removed.
export function cleanTopic(topic: string | null | undefined, maskedQuestion?: string): string | null {
  if (!topic) return null;
  const t = maskPersonal(normalizeQuestion(topic)).slice(0, MAX_TOPIC);
  if (!t || (maskedQuestion !== undefined && !maskedQuestion.includes(t))) return null;
  if (/[［］]/.test(t)) return null;
  return t;
}

/** The topic to count or log for a question: only words that survive masking (see cleanTopic). */
export function safeTopic(topic: string | null | undefined, question: string): string | null {
  return cleanTopic(topic, maskPersonal(normalizeQuestion(question)));
}

// Same question (normalized and masked) for the same municipality is one entry with a count.
export function unansweredKey(
  text: string,
  municipality: MunicipalityId | null,
): { member: string; id: string; text: string } | null {
  const clean = [...maskPersonal(normalizeQuestion(text))].slice(0, MAX_TEXT).join('');
  if (!clean) return null;
  const member = `${municipality ?? '-'}\u0000${clean}`;
  return { member, id: createHash('sha256').update(member).digest('hex').slice(0, 16), text: clean };
}

export function sortUnanswered(entries: UnansweredEntry[], sort: UnansweredSort): UnansweredEntry[] {
  const byRecent = (a: UnansweredEntry, b: UnansweredEntry) => b.lastSeen.localeCompare(a.lastSeen);
  return [...entries].sort(sort === 'recent' ? byRecent : (a, b) => b.count - a.count || byRecent(a, b));
}

export function matchesFilter(e: UnansweredEntry, f: UnansweredFilter | undefined): boolean {
  if (!f) return true;
  if (f.municipality === 'none' ? e.municipality !== null : f.municipality && e.municipality !== f.municipality)
    return false;
  if (f.reason && e.reason !== f.reason) return false;
  const last = Date.parse(e.lastSeen);
  if (f.since !== undefined && last < f.since) return false;
  if (f.until !== undefined && last >= f.until) return false;
  if (f.handled !== undefined && e.handled !== f.handled) return false;
  if (f.search) {
    const needle = normalizeQuestion(f.search).toLowerCase();
    const hay = `${e.text} ${e.topic ?? ''}`.toLowerCase();
    if (needle && !hay.includes(needle)) return false;
  }
  return true;
}

// ---- analytics days ----

const DAY_MS = 24 * 60 * 60 * 1000;
const JST_OFFSET_MS = 9 * 60 * 60 * 1000; // Japan has no daylight saving time

/** The calendar day (YYYY-MM-DD) in Japan time of a moment. */
export function dayOf(ms: number): string {
  return new Date(ms + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last `n` days up to and including today (Japan time), oldest first. */
export function lastDays(n: number, now: number): string[] {
  return Array.from({ length: n }, (_, i) => dayOf(now - (n - 1 - i) * DAY_MS));
}

export const STATS_SCOPE_ALL = '*';
export const statsScope = (m: MunicipalityId | null) => m ?? 'none';
// Counters are kept a little longer than the longest period the console shows (90 days).
export const STATS_KEEP_DAYS = 100;
