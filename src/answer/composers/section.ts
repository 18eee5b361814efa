// A topic that has its own section (「3本の柱」「5か条」「目指す姿」) is answered from that section: its text, or its
// sub-headings when it is a list of items. Without a municipality and with several documents having the
// section, a short answer from each.
import { BACKGROUND } from '../../analysis/index.js';
import type { Passage } from '../../knowledge/index.js';
import { termIn } from '../extract.js';
import type { Frame } from '../frame.js';
import { clip, MAX_TEXT } from '../limits.js';
import { composeSection, findSections, GENERIC, type SectionMatch } from '../sections.js';
import { passageSource, SECTION_SEPARATOR } from '../sources.js';
import { trimToSentences } from '../text.js';
import type { AnswerSource } from '../types.js';
import type { ComposeContext, Composed, Composer, Outcome } from './types.js';

function perMunicipality(ctx: ComposeContext, matches: SectionMatch[]): Outcome {
  const lines: string[] = [];
  const sources: AnswerSource[] = [];
  const budget = Math.floor((MAX_TEXT - 40) / matches.length);
  for (const m of matches) {
    const composed = composeSection(ctx.snapshot, m.section, ctx.catalog, budget - 20);
    if (!composed) continue;
    const name = ctx.catalog.municipalityName(m.section.municipality);
    const flat = composed.text
      .replace(/。\n・/g, '。')
      .replace(/\n・/g, '、')
      .replace(/\n/g, '');
    lines.push(`■${name}：${trimToSentences(flat, budget - name.length)}`);
    if (composed.sources[0]) sources.push(composed.sources[0]);
  }
  if (lines.length < 2) return { decline: 'fewer than two municipalities compose the section' };
  return {
    text: clip(`自治体ごとに異なります。\n${lines.join('\n')}`),
    sources,
    confidence: 0.7,
    municipality: null,
    choices: matches.map((m) => m.section.municipality),
    evidence: matches.map((m) => ({ id: m.section.id, why: 'its heading names the topic (each municipality)' })),
  };
}

// What the plan as a whole aims at is headed in other words by each document (「目指す姿」「DX推進のビジョン」
// 「基本理念」「目指すべき将来像」): asked by one of them (or its 考え方, its スローガン) with nothing else but words every
// plan shares, a municipality whose documents head it by another answers with that section.
const VISION_ASKED = /^(?:目指す|姿|ビジョン|理念|将来|像|スローガン|キャッチフレーズ|考え方|基本|化|どういう)$/;
const VISION_HEADING = /目指す姿|ビジョン|基本理念|将来像/;

function visionSection(ctx: ComposeContext, frame: Frame): SectionMatch[] {
  const id = frame.municipality;
  const own = frame.topic.terms.filter((t) => !termIn(GENERIC, t));
  // 「DX推進方針ってどんな方針」: the plan itself, asked what it is, is told by what it aims at.
  const plan = !own.length && /方針|計画/.test(frame.topic.phrase) && frame.attribute !== 'items';
  // 「どういう考え方でDXを進めてる」: the head noun is DX, a word every plan shares; the word asked is 考え方.
  const head = frame.topic.head ?? own.find((t) => VISION_ASKED.test(t)) ?? null;
  if (!id || (!plan && (!head || !VISION_ASKED.test(head)))) return [];
  if (!own.every((t) => t.split('|').some((a) => VISION_ASKED.test(a)))) return [];
  const sections = (ctx.sections.byMunicipality.get(id) ?? []).filter(
    (r) => !BACKGROUND.test(r.section.headingPath.join(' ')),
  );
  // A document that uses the word asked (西東京市's 「基本理念」) is quoted where it does, not here.
  const uses = (r: (typeof sections)[number]) =>
    (ctx.sections.passages.get(r.section.id) ?? []).some((p) => !!head && p.text.includes(head));
  if (!plan && sections.some(uses)) return [];
  // The tightest such heading: 「目指す姿」 rather than the 「目指す姿と基本的な考え方」 over it.
  const rows = sections.filter((r) => VISION_HEADING.test(r.section.headingPath.at(-1) ?? ''));
  const row = rows.reduce<(typeof rows)[number] | null>(
    (a, r) => (!a || r.strippedLength < a.strippedLength ? r : a),
    null,
  );
  return row ? [{ section: row.section, score: 1 }] : [];
}

// How the staff should go about DX is headed by each document as a list under a name of its own (東久留米市 「取り組む
// 際に必要な視点」, 小金井市 「小金井市職員のDX推進5か条」): asked as the staff's mindset (心構え, 心得, 姿勢) by a word no
// heading uses, the municipality's section headed as such a list answers — the one naming its staff first.
const MINDSET_ASKED = /^(?:心構え|心得|姿勢|行動指針|心がけ|心掛け|マインド)$/;
// Words that may stand beside it: whose mindset, and what is asked of it (「職員に必要な心構え」).
const MINDSET_BESIDE = /^(?:職員|市職員|町職員|大切|必要|持つ|求め|べき)$/;
const PRINCIPLE_HEADING = /(?:視点|[かヶ箇]条|原則|心得|行動指針)$/;
const STAFF_HEADING = /職員/;

function principleSection(ctx: ComposeContext, frame: Frame): SectionMatch[] {
  const id = frame.municipality;
  const terms = frame.topic.terms;
  if (!id || !terms.some((t) => MINDSET_ASKED.test(t))) return [];
  if (!terms.every((t) => MINDSET_ASKED.test(t) || MINDSET_BESIDE.test(t) || termIn(GENERIC, t))) return [];
  const rows = (ctx.sections.byMunicipality.get(id) ?? []).filter(
    (r) =>
      !BACKGROUND.test(r.section.headingPath.join(' ')) &&
      PRINCIPLE_HEADING.test((r.section.headingPath.at(-1) ?? '').replace(/\s+/g, '')),
  );
  const row = rows.find((r) => STAFF_HEADING.test(r.section.headingPath.at(-1) ?? '')) ?? rows[0];
  return row ? [{ section: row.section, score: 1 }] : [];
}

// A list printed under a title line of its own inside a section (小金井市 「小金井市職員のDX推進5か条」, then the five).
const TITLE_LINE = 40;

/** Where a title line of such a list starts in a passage (a line of its own with lines after it), or -1. */
function titleAt(text: string): number {
  let at = 0;
  for (const line of text.split('\n')) {
    const flat = line.replace(/\s+/g, '');
    const next = at + line.length + 1;
    if (next < text.length && flat.length <= TITLE_LINE && PRINCIPLE_HEADING.test(flat) && STAFF_HEADING.test(flat))
      return at;
    at = next;
  }
  return -1;
}

/** The municipality's list titled as how its staff should go about DX, from its title line; null without one. */
function principlePassage(ctx: ComposeContext, frame: Frame): { passage: Passage; text: string } | null {
  const id = frame.municipality;
  if (!id || !frame.topic.terms.some((t) => MINDSET_ASKED.test(t))) return null;
  if (!frame.topic.terms.every((t) => MINDSET_ASKED.test(t) || MINDSET_BESIDE.test(t) || termIn(GENERIC, t)))
    return null;
  for (const p of ctx.snapshot.passages) {
    if (p.municipality !== id || p.kind === 'glossary') continue;
    const at = titleAt(p.text);
    if (at >= 0) return { passage: p, text: p.text.slice(at) };
  }
  return null;
}

// A status question reaches here only when the availability composer (before it) found no schedule or service
// fact: the section naming the topic then says what is done.
export const section: Composer = {
  name: 'section',
  accepts: (frame) => ['items', 'overview', 'definition', 'chat', 'reason', 'status'].includes(frame.attribute),
  compose(frame, ctx) {
    const query = frame.target ?? frame.query;
    // Sections on national or Tokyo policy (「地域ビジョン実現を後押し」) do not say what the municipality aims at.
    const found = findSections(ctx.sections, frame.topic.terms, frame.municipality, frame.topic.head);
    const own = found.some((m) => !BACKGROUND.test(m.section.headingPath.join(' ')));
    const vision = own ? [] : visionSection(ctx, frame);
    const principles = own || vision.length ? [] : principleSection(ctx, frame);
    const named = vision.length ? vision : principles;
    const matches = named.length ? named : found;
    if (!matches.length) {
      const titled = principlePassage(ctx, frame);
      if (titled) return principleAnswer(ctx, titled.passage, titled.text);
      return { decline: 'no section heading names the topic' };
    }
    const alike = matches.filter(
      (m) =>
        m.score >= (matches[0]?.score ?? 0) - 0.3 &&
        (frame.modifiers.national || !BACKGROUND.test(m.section.headingPath.join(' '))),
    );
    if (!frame.municipality && alike.length >= 2) {
      const per = perMunicipality(ctx, alike);
      if (!('decline' in per)) return per;
    }
    const best = matches[0]!.section;
    const composed = composeSection(ctx.snapshot, best, ctx.catalog);
    if (!composed) return { decline: `section ${best.id} has no text to quote` };
    void query;
    return {
      text: clip(composed.text),
      sources: composed.sources,
      confidence: 0.8,
      municipality: best.municipality,
      evidence: [
        {
          id: best.id,
          why: vision.length
            ? `its heading 「${best.headingPath.at(-1)}」 is the document's name for what the plan aims at`
            : principles.length
              ? `its heading 「${best.headingPath.at(-1)}」 is the document's list of how the staff should go about DX`
              : `its heading 「${best.headingPath.at(-1)}」 names the topic`,
        },
      ],
      // The vision or principles section is the municipality's own, chosen by its heading, whatever word was asked.
      ...(named.length
        ? {}
        : {
            check: {
              text: `${best.headingPath.join(' ')} ${composed.text}`,
              headings: [best.headingPath.join(' ')],
              municipalities: [best.municipality],
            },
          }),
      brief: composed.text,
    };
  },
};

/** A titled list of how the staff should go about DX, quoted from its title. */
function principleAnswer(ctx: ComposeContext, p: Passage, list: string): Composed {
  const body = trimToSentences(list, 400);
  const source = passageSource(p, ctx.catalog, body);
  const text = clip(`${body}（${source.document}${SECTION_SEPARATOR}${source.section}）`);
  return {
    text,
    sources: [source],
    confidence: 0.8,
    municipality: p.municipality,
    evidence: [{ id: p.id, why: 'its title line names the document’s list of how the staff should go about DX' }],
    brief: text,
  };
}
