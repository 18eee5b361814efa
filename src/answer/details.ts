// A detail asked beyond the topic (cue table DETAILS: kinds, place) and whether a text gives it. An answer about the
// topic that does not give the detail says so first (composers/index.ts).
import { DETAILS } from '../analysis/index.js';
import type { Frame } from './frame.js';
import { escapeRegExp, foldedKey } from './text.js';

// The detail's own words at the end of the topic's phrase (「電子マネーの種類」 → 電子マネー).
const DETAIL_WORDS = /の?(?:種類|銘柄|ブランド|開催場所|実施場所|場所|会場)$/;

/** What the detail is asked of, as the question names it (「電子マネー」), or the plain words for it. */
export function detailSubject(frame: Frame): string {
  return frame.topic.phrase.replace(DETAIL_WORDS, '') || 'お尋ね';
}

/**
 * Whether the kinds of the topic are named beside it: 「電子マネー（交通系IC…）」, 「交通系ICカードやQRコードなどの
 * キャッシュレス決済」, or a word of the topic's synonym group the question does not write (asked キャッシュレス決済,
 * the text says 交通系ICカード: one kind of it).
 */
function kindsNamed(frame: Frame, flat: string): boolean {
  const asked = frame.normalized.replace(/\s+/g, '');
  const subject = detailSubject(frame).replace(/\s+/g, '').toLowerCase();
  const words = [subject, ...frame.topic.terms.flatMap((t) => t.split('|'))].filter((w) => w.length >= 2);
  for (const term of frame.topic.terms) {
    const alts = term.split('|');
    if (alts.length > 1 && alts.some((a) => a.length >= 2 && !asked.includes(a) && flat.includes(a))) return true;
  }
  return words.some((w) => {
    const t = escapeRegExp(w);
    return (
      new RegExp(`${t}[（(][^）)]{2,}[）)]`).test(flat) ||
      new RegExp(`[^、。\\s]{2,}(?:、|・|や)[^。]{0,30}(?:など|等)の?${t}`).test(flat)
    );
  });
}

/** Whether a text gives the detail the frame asks (true when it asks none). */
export function givesDetail(frame: Frame, text: string): boolean {
  const detail = frame.detail && DETAILS.find((d) => d.id === frame.detail!.id);
  if (!detail) return true;
  const flat = foldedKey(text);
  return detail.evidence.test(flat) || (detail.id === 'kinds' && kindsNamed(frame, flat));
}
