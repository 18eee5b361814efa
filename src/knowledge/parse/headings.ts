// Heading recognition. A heading's *style* (「3章」, 「1.」, 「(1)」, 「①」, Roman numeral, 【…】,
// short title line) decides its level: the first time a style appears it nests under the current
// path, a later heading of a style already on the path replaces that level (and drops what was below).
// An unnumbered title replaces the previous title (and all below it), or nests under the numbered path.

export type HeadingStyle =
  | 'chapter'
  | 'roman'
  | 'dot-number'
  | 'space-number'
  | 'paren-number'
  | 'circled'
  | 'sheet'
  | 'bracket'
  | 'arrow'
  | 'title';

const MAX_HEADING = 50;

const PATTERNS: [HeadingStyle, RegExp][] = [
  ['chapter', /^第?[0-9０-９]{1,2}章\s*\S/],
  ['roman', /^(?:[IVX]{1,4}|[Ⅰ-Ⅻ])[\s　]+\S/],
  ['sheet', /^施策[①-⑳]$/],
  ['dot-number', /^[0-9０-９]{1,2}[.．]\s*[^\d\s.]/],
  ['paren-number', /^[(（][0-9０-９]{1,2}[)）]\s*\S/],
  ['circled', /^[①-⑳]\s*\S/],
  ['space-number', /^[0-9]{1,2}[\s　]+[^\d\s]/],
  ['bracket', /^(?:【[^】]{1,24}】|\[[^\]]{1,24}\]|［[^］]{1,24}］)$/],
  ['arrow', /^[▶►■]\s*\S/],
];

/** The style of a numbered or marked heading line, or null. Sentences (with 。) are never headings. */
export function markedHeadingStyle(text: string): HeadingStyle | null {
  if (text.length > MAX_HEADING || /[。]/.test(text) || /[、,]$/.test(text)) return null;
  for (const [style, re] of PATTERNS) if (re.test(text)) return style;
  return null;
}

/** A line that is one quotation alone: a motto or slogan as a slide or a cover sets it (「人にやさしく、…」). */
export const MOTTO = /^[「『][^「」『』。]{4,40}[」』]$/;

/**
 * An unnumbered short line is a title when real content follows it (a sentence, a list or a table),
 * not another fragment of a diagram.
 */
export function isTitleLine(text: string, next: { kind: 'text' | 'table'; text?: string } | undefined): boolean {
  if (!next || text.length < 3 || text.length > 30) return false;
  if (/[。、,:：」』]$/.test(text) || /^[-・※○◯●✓☑□▼>]/.test(text) || /^[\d\s.,%]+$/.test(text)) return false;
  if (next.kind === 'table') return true;
  const t = next.text ?? '';
  const style = markedHeadingStyle(t);
  if (style === 'arrow') return true; // 「DX推進のシナリオ」 over 「■これまでの取組」
  if (t.startsWith('- ')) return true;
  if (MOTTO.test(t)) return true; // a slide's title over its motto (「日の出町のDX推進方針」 over 「人にやさしく、…」)
  return /[\u3040-\u30FF\u4E00-\u9FFF]/.test(t) && (t.length >= 40 || (t.length >= 15 && /。/.test(t)));
}

export interface HeadingFrame {
  style: HeadingStyle;
  text: string;
  seenBefore?: ReadonlySet<HeadingStyle>; // titles only: the numbered styles met before this title
}

// Circled numbers, 【…】 and ▶/■ marks are local: they do not outlive the next title.
const LOCAL = new Set<HeadingStyle>(['circled', 'bracket', 'arrow']);

/** Apply a heading to the path stack (see the file comment). Returns the new stack. */
export function pushHeading(stack: HeadingFrame[], frame: HeadingFrame): HeadingFrame[] {
  // A chapter or Roman-numeral part always starts from the top.
  if (frame.style === 'chapter' || frame.style === 'roman') return [frame];
  if (frame.style === 'title') {
    const t = stack.findIndex((f) => f.style === 'title');
    return [...(t >= 0 ? stack.slice(0, t) : stack.filter((f) => !LOCAL.has(f.style))), frame];
  }
  // 「1. …」 met before a title sits above it: a later 「2. …」 closes the title instead of nesting.
  const t = stack.findIndex((f) => f.style === 'title' && f.seenBefore?.has(frame.style));
  const base = t >= 0 ? stack.slice(0, t) : stack;
  const at = base.findIndex((f) => f.style === frame.style);
  if (at >= 0) return [...base.slice(0, at), frame];
  return [...base, frame];
}
