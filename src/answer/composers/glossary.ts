// 「〜とは」: the glossary entry for the term — the asked municipality's when it has one, otherwise the best,
// saying whose glossary it is.

import type { GlossaryEntry } from '../../knowledge/index.js';
import { blankEntry, composeDefinition, type DefinitionResult, findMention, findOwnDefinition } from '../definition.js';
import type { Frame } from '../frame.js';
import { clip } from '../limits.js';
import { glossarySource } from '../sources.js';
import type { ComposeContext, Composed, Composer } from './types.js';

// composeDefinition's confidence for an entry whose term or alias is the asked term.
const EXACT = 0.9;

// 「サービス設計12箇条ってなに」「デジタル3原則の中身は」「…って何と何と何」 are read as asking for items (a count in the
// phrase, like 「3つの柱って何」); a glossary entry named exactly so (its term or alias) defines the set and lists
// what it holds, and answers it. A word for "what it holds" after the name is not part of it.
const CONTENTS = /の?(?:中身|内容|内訳|中味|詳細|具体的な内容|説明)$/;
// Only a name that counts its members (「デジタル3原則」「三つの柱」), or one asked 「〜とは」: 「目指す姿は」 asks for items of
// no defined set, though its phrase (DX) is a glossary term.
const COUNTED_NAME = /[0-9]|[一二三四五六七八九十]\s*(?:つ|原則|箇条|か条|本柱|項目|分野|要素)/;
function countedTerm(frame: Frame): string | null {
  if (frame.attribute !== 'items' || !frame.topic.phrase) return null;
  const name = frame.topic.phrase.replace(CONTENTS, '');
  return name && (COUNTED_NAME.test(name) || frame.cues.includes('definition')) ? name : null;
}

export const glossary: Composer = {
  name: 'glossary',
  accepts: (frame) => (frame.attribute === 'definition' && !!frame.target) || countedTerm(frame) !== null,
  compose(frame, ctx) {
    const counted = countedTerm(frame);
    const term = counted ?? frame.target!;
    const only = frame.municipalitySource === 'question' && frame.municipalities.named.length === 0;
    // Other municipalities' entries are ranked (and found near the term) in a bounded set of shards: those read
    // (not-stated's 参考), or the chosen municipality's and the few holding the topic.
    const reads = ctx.among
      ? { among: ctx.among, entries: true }
      : frame.municipality
        ? { among: ctx.around(frame, frame.municipality), entries: false }
        : null;
    const d = composeDefinition(term, frame.municipality, ctx.glossaryKeys, ctx.index, ctx.catalog, {
      only,
      reads,
    });
    // No entry of the chosen municipality: its own text may define the term (a footnote, 「〜とは」), which answers
    // under its name before any other municipality's glossary.
    if (!counted && frame.municipality && d?.entry.municipality !== frame.municipality) {
      const own = findOwnDefinition(frame.target!, frame.municipality, ctx.index, ctx.catalog);
      if (own) {
        const whose = `（${ctx.catalog.municipalityName(frame.municipality)}「${own.source.document}」 › ${own.source.section}）`;
        const text = clip(`${own.text}${whose}`);
        return {
          text,
          sources: [own.source, ...(d ? d.sources.slice(0, 1) : [])],
          confidence: 0.85,
          municipality: frame.municipality,
          evidence: [
            { id: own.passage.id, why: 'its own text defines the term (「X：…」「Xとは…」); no entry of its own' },
          ],
          brief: text,
        };
      }
    }
    // Listed in the municipality's glossary without an explanation: said so, not quoted as if defined.
    // (Not as another municipality's reference, 参考: a term left unexplained tells the resident nothing.)
    const blank = counted || ctx.among ? null : blankEntry(term, frame.municipality, ctx.glossaryKeys);
    if (blank && (!d || d.entry.municipality !== blank.municipality)) return listedOnly(blank, d, ctx);
    if (!d || (counted && d.confidence < EXACT)) return { decline: `no glossary entry defines 「${term}」` };
    return {
      text: clip(d.text),
      sources: d.sources,
      confidence: d.confidence,
      // The municipality the answer is for: the user's; the text says whose glossary answered.
      municipality: frame.municipality ?? d.entry.municipality,
      evidence: [
        {
          id: d.entry.id,
          why: d.confidence > EXACT ? 'its term or alias is the asked term' : 'its term contains the asked term',
        },
      ],
      brief: clip(d.text),
    };
  },
};

/**
 * 「ナレッジデータベースとは」 where the glossary lists the term with an empty explanation: the documents do not say
 * what it is. Said in the municipality's name, naming where the term is listed and where its text uses it, then
 * another municipality's entry as a reference when one defines it.
 */
function listedOnly(entry: GlossaryEntry, other: DefinitionResult | null, ctx: ComposeContext): Composed {
  const name = ctx.catalog.municipalityName(entry.municipality);
  const doc = ctx.catalog.title(entry.documentId);
  const where = entry.headingPath.at(-1) ?? '用語集';
  const lines = [
    `${name}の資料には、${entry.term}の説明の記載はありません。「${doc}」の${where}に「${entry.term}」の語は載っていますが、説明は空欄です。`,
  ];
  const mention = findMention(entry.term, entry.municipality, ctx.index, ctx.catalog);
  if (mention)
    lines.push(
      `資料では次のように使われています：${mention.text}（${mention.source.document} › ${mention.source.section}）`,
    );
  if (other) lines.push(`参考：${other.text}`);
  const text = clip(lines.join('\n'));
  return {
    text,
    sources: [
      glossarySource(entry, ctx.catalog),
      ...(mention ? [mention.source] : []),
      ...(other?.sources.slice(0, 1) ?? []),
    ],
    confidence: 0.3,
    municipality: entry.municipality,
    reason: 'not-stated',
    evidence: [{ id: entry.id, why: 'the glossary lists the term with no explanation' }],
    brief: lines[0]!,
  };
}
