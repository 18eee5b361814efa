// The extractive composer: the best sentence(s) or table row(s) of the top passages for the frame, trimmed to
// whole sentences and cited. A sentence that announces a list brings the list.

import { cleanForResident, type Passage } from '../../knowledge/index.js';
import {
  citeCandidate,
  composeFacts,
  type FactResult,
  inContext,
  previousIn,
  rankInput,
  siblingsIn,
} from '../extract.js';
import type { Frame } from '../frame.js';
import { clip, MIN_COVERAGE } from '../limits.js';
import { announcedList } from '../sections.js';
import { dedupeSources } from '../sources.js';
import { escapeRegExp } from '../text.js';
import type { ComposeContext, Composer } from './types.js';

// 「Xとは…」「Xは、…」「X（…）は」「X:」 at the start of a sentence: the text explains X.
function definesTarget(text: string, target: string): boolean {
  const t = escapeRegExp(target.normalize('NFKC').toLowerCase());
  return new RegExp(`(^|[。\\n「])${t}(とは|は、|は「|（[^）]*）は|\\([^)]*\\)は|\\s*[:：])`).test(
    text.normalize('NFKC').toLowerCase(),
  );
}

/** Whether a text says nothing but the term (and punctuation or debris a resident cannot read). */
function namesOnly(text: string, target: string): boolean {
  const flat = text.normalize('NFKC').toLowerCase();
  const rest = flat.split(target.normalize('NFKC').toLowerCase()).join('');
  return rest !== flat && !/[\p{L}\p{N}]{2}/u.test(cleanForResident(rest));
}

// The passage of the best sentence ends by announcing items that follow it (「…3つの変革に取り組んでいく」, then
// the list): that sentence, the announcement and the items.
function withAnnouncedList(ctx: ComposeContext, facts: FactResult): FactResult {
  const best = facts.chosen[0];
  const listed = best?.hit.passage ? announcedList(ctx.snapshot, best.hit.passage, ctx.catalog) : null;
  const lead = listed && best ? citeCandidate(best, ctx.catalog) : null;
  if (!listed || !lead) return facts;
  const bridge = lead.text.includes(listed.announcement.slice(0, 20)) ? '' : `${listed.announcement}\n`;
  return {
    ...facts,
    text: `${lead.text}\n${bridge}${listed.text}`,
    sources: [...(lead.source ? [lead.source] : []), ...listed.sources],
  };
}

// A sentence that introduces what follows it: 「次の視点が必要です。」「以下のとおりです」「…は下記の3点です：」.
const INTRODUCES = /(?:次の|以下の|下記の)[^。]{0,20}(?:です|ます|とおり|通り)?[。:：]?\s*$|[:：]\s*$/;
const announces = (text: string) => INTRODUCES.test(text.trim());

// Each section's passages joined, made once per list (the section table's lists live as long as the snapshot).
const joined = new WeakMap<readonly Passage[], string>();

/** The prose of a section, which a quote from it is read in. */
function sectionText(ctx: ComposeContext, sectionId: string | undefined): string {
  const passages = sectionId ? ctx.sections.passages.get(sectionId) : undefined;
  if (!passages) return '';
  let text = joined.get(passages);
  if (text === undefined) {
    text = passages.map((p) => p.text).join(' ');
    joined.set(passages, text);
  }
  return text;
}

/** The search query for a frame: 「方針っていつまで」 names no word the answer uses (「計画期間は…までとします」). */
export function retrievalQuery(frame: Frame): string {
  const query = frame.target ?? frame.query;
  if (frame.attribute !== 'date' || /期間/.test(query)) return query;
  return frame.date === 'end' || frame.date === 'period' ? `${query} 期間` : query;
}

export const passage: Composer = {
  name: 'passage',
  accepts: (frame) => !['greeting', 'procedure'].includes(frame.attribute),
  compose(frame, ctx) {
    const query = frame.target ?? frame.query;
    const hits = ctx.search(frame, retrievalQuery(frame));
    if (!hits.length) return { decline: 'no hits' };
    const input = {
      ...rankInput(ctx.analyzer, frame, query, ctx.sets, previousIn(ctx.sections.passages)),
      siblings: siblingsIn(ctx.sections.passages),
    };
    let facts = composeFacts(ctx.tt, input, hits, ctx.catalog);
    if (!facts) return { decline: 'no sentence in the hits' };
    if (facts.coverage < MIN_COVERAGE)
      return { decline: `low coverage: ${Math.round(facts.coverage * 100)}% of the topic's words in the best text` };
    // A quote that is itself the announcement (「本市のDXを推進する際には、次の視点が必要です。」) says nothing
    // without its items, whatever was asked.
    if (['items', 'overview', 'chat'].includes(frame.attribute) || announces(facts.chosen[0]?.text ?? ''))
      facts = withAnnouncedList(ctx, facts);
    // A glossary row left empty (「ノーコード: 」) names the term and says nothing of it.
    if (frame.target && namesOnly(facts.chosen[0]?.text ?? '', frame.target))
      return { decline: `the best text only names 「${frame.target}」` };
    // A 「〜とは」 that no glossary explains: say so, then quote where the documents mention it.
    const mentionOnly = frame.attribute === 'definition' && !!frame.target && !definesTarget(facts.text, frame.target);
    const best = facts.chosen[0]!;
    const owners = [...new Set(facts.chosen.map((c) => c.hit.municipality).filter((m) => m !== null))];
    const cited = citeCandidate(best, ctx.catalog, 240);
    return {
      text: clip(
        mentionOnly ? `用語集に説明はありませんが、資料では次のように書かれています。\n${facts.text}` : facts.text,
      ),
      sources: dedupeSources(facts.sources).slice(0, 5),
      confidence: Math.min(mentionOnly ? 0.6 : 0.95, 0.4 + facts.coverage * 0.5),
      municipality: frame.municipality ?? facts.sources[0]?.municipality ?? null,
      evidence: facts.chosen.map((c) => ({
        id: c.hit.id,
        why: `best sentence: ${Math.round(c.coverage * 100)}% of the topic's words, hit rank ${c.rank + 1}`,
      })),
      check: {
        text: facts.chosen.map(inContext).join('\n'),
        // The first quote in its section (「特に研修においては…」 sits in one about 全職員; a 施策概要 cell beside the
        // 現状 cell of its sheet).
        lead: `${inContext(best)} ${sectionText(ctx, best.hit.passage?.sectionId)}`,
        headings: facts.chosen.map((c) => c.hit.passage?.headingPath.join(' ') ?? ''),
        municipalities: owners,
      },
      ...(cited ? { brief: cited.text } : {}),
    };
  },
};
