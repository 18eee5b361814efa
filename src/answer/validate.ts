// Validation before any answer: the quoted text must hold an expression of the asked type, the topic's most
// specific word, and come from the asked municipality. A composed answer that fails is not given.

import {
  ADDRESS_CUE,
  AMOUNT_CUE,
  ASPECT_CUE,
  CALENDAR_CUE,
  DATE_CUE,
  EMAIL_CUE,
  FAX_CUE,
  FIGURE_CUE,
  HOURS_CUE,
  NATIONAL_CHAPTER,
  namesInstance,
  ORG_CUE,
  ORGANISATION_KINDS,
  PERSON_TITLE,
  PHONE_CUE,
  RATE_CUE,
  ROLE_CUE,
  STATUS_CUE,
} from '../analysis/index.js';
import type { MunicipalityId } from '../knowledge/index.js';
import type { Composed } from './composers/types.js';
import { askedCounter, countedFigure, nounFigure, participantsOnly } from './counters.js';
import { dateSegments, termIn } from './extract.js';
import type { Frame } from './frame.js';
import { GENERIC } from './sections.js';
import type { TextTerms } from './terms.js';
import { listItems } from './text.js';
import { timeMismatch } from './years.js';

export interface ValidationDeps {
  tt: TextTerms;
  /** Documents holding a term (the index's document frequency); 0 for a term no document has. */
  df(term: string): number;
}

// A KPI row's 実績 cell left empty (「実績: - 件」「実績値 _」), and one that holds a figure.
const BLANK_ACTUAL = /実績値?\s*[:：]?\s*[-_－—‐]+(?!\s*[0-9])/;
const ACTUAL_FIGURE = /実績値?\s*[:：]?\s*[0-9]/;

/**
 * 「実際に何件」: a figure asked as the actual one (実際, 実績 — not also the target) is not given by a row whose 実績
 * cell is empty, however close its target (「目標: 4,000件 / 実績: - 件」).
 */
function blankActual(frame: Frame, text: string): string | null {
  if (!frame.modifiers.actual || frame.modifiers.target) return null;
  return BLANK_ACTUAL.test(text) && !ACTUAL_FIGURE.test(text)
    ? 'the actual figure (実績) is left blank in the text'
    : null;
}

// A cell or sentence giving a figure as a goal (「目標: 20拠点」「100%の交付に向けた」「…までに70%」), and one giving
// it as it stands (「実績」「令和5年9月30日現在」「…時点」).
const TARGET_WORD = /目標|に向け|目指|まで(?:に|の)|見込|予定/;
const ACTUAL_WORD = /実績|現在|時点|達成率/;
// How far before and after a figure the words saying it is a goal are read (「令和7年度までのアクション: ・100%」).
const GOAL_BEFORE = 18;
const GOAL_AFTER = 10;

/**
 * 「今何%」「今までに何件」: a figure asked as it stands is not given by a text whose every such figure is a goal
 * (a plan column 「令和7年度までのアクション: 100%の交付に向けた…」), however close its topic.
 */
function targetOnly(frame: Frame, text: string, figure: RegExp): string | null {
  if (!frame.modifiers.actual || frame.modifiers.target) return null;
  // Each figure read with the words just around it in its cell (a heading before the cell says nothing of it).
  const near: string[] = [];
  const all = new RegExp(figure.source, 'g'); // matchAll reads a copy, so one serves every cell
  for (const cell of text.split(/\n|。|\||\s\/\s|／/)) {
    for (const m of cell.matchAll(all))
      near.push(cell.slice(Math.max(0, m.index - GOAL_BEFORE), m.index + m[0].length + GOAL_AFTER));
  }
  return near.length && near.every((c) => TARGET_WORD.test(c) && !ACTUAL_WORD.test(c))
    ? 'the text gives the figure only as a goal, not as it stands'
    : null;
}

// What gives an end: the end words, a span (its end is the later year) or a period's word.
// 「令和7年度内の移行を目指し」: a deadline; 「（令和3～6年度）」: a span. 「これまで」「今まで」 are no end.
const END_GIVEN =
  /(?<!これ|今|いま)まで|期限|終了|完了|満了|末|終わ|期間|年間|年度内|年内|目指|目途|めど|[～〜~]|から[^。]{1,24}(?:年度|年|月)/;

// A share asked by its word (保有率, 割合, 何%) — not how far something has spread (普及状況), which a result sheet's
// count and 達成率 answer — is not given by a 達成率 cell: that is the actual against the goal, not a share of people.
const SHARE_ASKED = /率|割合|%|パーセント|何割/;
// 「目標に対して何%」「目標比」: a percentage of the goal is the 達成率.
const ACHIEVEMENT_ASKED = /達成|目標に対|目標比|対目標|進捗/;
const ACHIEVEMENT_CELL = /達成率\s*[:：]?\s*[0-9][0-9,.]*\s*(?:%|％)/g;

// 「いくつ」 asks how many things of any kind (「何個」 too, by its counter).
const THINGS_ASKED = /いくつ|幾つ/;
const ITEM_FIGURE = countedFigure('個');

// Items enough to say which the things are: two (a text naming one of 8 拠点 does not name them).
const MIN_ITEMS = 2;

/** Why a text does not say which the N things asked are (「8拠点ってどこ」), or null when it lists them. */
function countedOnly(frame: Frame, text: string): string | null {
  if (!frame.counted) return null;
  return listItems(text) >= MIN_ITEMS ? null : `the text gives how many (${frame.counted}), not which they are`;
}

/** Why the text does not hold what the frame asks, or null when it does. */
export function typeMismatch(frame: Frame, text: string): string | null {
  const counted = countedOnly(frame, text);
  if (counted) return counted;
  switch (frame.attribute) {
    case 'quantity': {
      const blank = blankActual(frame, text);
      if (blank) return blank;
      if (frame.quantity === 'rate') {
        if (!RATE_CUE.test(text)) return 'no percentage in the text';
        if (
          SHARE_ASKED.test(frame.query) &&
          !ACHIEVEMENT_ASKED.test(frame.query) &&
          !RATE_CUE.test(text.replace(ACHIEVEMENT_CELL, ''))
        )
          return 'the only percentage is an achievement rate (達成率), not the share asked';
        return targetOnly(frame, text, RATE_CUE);
      }
      if (frame.quantity === 'amount') return AMOUNT_CUE.test(text) ? null : 'no amount of money in the text';
      const counter = askedCounter(frame.query);
      if (counter && !countedFigure(counter).test(text)) return `no number with the counter 「${counter}」 in the text`;
      if (counter) return participantsOnly(frame.query, text) ?? targetOnly(frame, text, countedFigure(counter));
      // 「5か条はいくつ」: a count of things of any kind is given by a list's own counter too.
      if (THINGS_ASKED.test(frame.query) && !FIGURE_CUE.test(text) && ITEM_FIGURE.test(text)) return null;
      if (FIGURE_CUE.test(text)) return targetOnly(frame, text, FIGURE_CUE);
      // 「システムはいくつ移行する」: 「基幹系20業務システム」 counts the noun asked inside a compound.
      return nounFigure(text, frame.topic.terms) ? null : 'no figure in the text';
    }
    case 'date': {
      if (frame.date === 'period') return DATE_CUE.test(text) ? null : 'no date or span in the text';
      if (!CALENDAR_CUE.test(text)) return 'no year, month or fiscal year in the text';
      // 「いつから」: a date and the word for a start in one sentence or cell (「令和4年度: 活用継続」 beside
      // another cell's 「導入開始」 says when it continued, not when it started).
      // 「いつまで」: a date with the word for an end (まで, 期限, 終了, 完了) or a span it closes (「期間は令和4年度から
      // 令和8年度」), not the date something was made or started.
      const aspect = frame.date === 'end' ? END_GIVEN : frame.date ? ASPECT_CUE[frame.date] : null;
      if (aspect && !dateSegments(text).some((s) => CALENDAR_CUE.test(s) && aspect.test(s)))
        return `no sentence or cell gives a date with the ${frame.date} asked`;
      return null;
    }
    case 'person':
      return PERSON_TITLE.test(text) || ROLE_CUE.test(text) || ORG_CUE.test(text) ? null : 'no office or person named';
    case 'contact':
      if (frame.contact === 'phone') return PHONE_CUE.test(text) ? null : 'no phone number in the text';
      if (frame.contact === 'fax') return FAX_CUE.test(text) ? null : 'no FAX number in the text';
      if (frame.contact === 'address') return ADDRESS_CUE.test(text) ? null : 'no address in the text';
      if (frame.contact === 'email') return EMAIL_CUE.test(text) ? null : 'no e-mail address in the text';
      if (frame.contact === 'hours') return HOURS_CUE.test(text) ? null : 'no time of day in the text';
      return ORG_CUE.test(text) ? null : 'no department named';
    case 'name':
      return !frame.named || namesInstance(frame.named, text)
        ? null
        : `no 「${frame.named.join('')}」 named in the text`;
    case 'status':
      return STATUS_CUE.test(text) ? null : 'no stage (導入, 検討, 予定 …) in the text';
    default:
      return null;
  }
}

/** A choice question (「AとBのどっち」) is answered only by a text that names one of them and not the other. */
function choiceMismatch(frame: Frame, flat: string): string | null {
  if (frame.options.length < 2) return null;
  const named = frame.options.filter((o) => flat.includes(o.normalize('NFKC').toLowerCase()));
  return named.length === 1 ? null : named.length ? 'the text names every option' : 'the text names no option';
}

/** The topic's terms that its noun phrase holds. */
export function phraseTerms(frame: Frame): string[] {
  const phrase = frame.topic.phrase.replace(/\s+/g, '');
  return frame.topic.terms.filter((t) => t.split('|').some((a) => phrase.includes(a)));
}

/** The topic's most specific word (fewest documents): the one a text about the topic cannot do without. */
export function specificTerm(frame: Frame, deps: ValidationDeps): string | null {
  let best: { term: string; df: number } | null = null;
  for (const term of frame.topic.terms) {
    const df = Math.max(...term.split('|').map((t) => deps.df(t)));
    if (df <= 0) continue;
    if (!best || df < best.df) best = { term, df };
  }
  return best?.term ?? null;
}

const NEARLY_ALL = 0.75;

/**
 * Why a text is not about the frame's topic, or null when it is. `asWritten`: its words are looked for as
 * written only, not analysed (a long text read besides the quote, whose analysis answering cannot afford).
 */
function topicMismatch(frame: Frame, text: string, deps: ValidationDeps, asWritten = false): string | null {
  // 「方向性を決めるのはどの組織」: the kind of organisation asked (組織, 機関) is never part of the name that answers
  // (情報化推進本部); 課 and 係 are (健康課), and stay.
  if (frame.attribute === 'contact' && frame.topic.terms.some((t) => ORGANISATION_KINDS.includes(t)))
    return topicMismatch(
      { ...frame, topic: { ...frame.topic, terms: frame.topic.terms.filter((t) => !ORGANISATION_KINDS.includes(t)) } },
      text,
      deps,
      asWritten,
    );
  const flat = deps.tt.flat(text);
  // Analysed only when a word is not found as written.
  let own: ReadonlySet<string> | null = null;
  const analysed = () => {
    own ??= asWritten ? new Set<string>() : deps.tt.of(text);
    return own;
  };
  // The topic's most specific word must be there, unless nearly every other word of the topic is (a section
  // 「■短期的対応」 under its scenario answers 「シナリオで短期的な対応は」 without repeating 「シナリオ」).
  // As written, a verb's word is found by its stem (「書く」 in 「書かない窓口」).
  const stem = (t: string) => (asWritten ? t.replace(/(?<=[^ぁ-ん])[ぁ-ん]+$/, '') : t);
  const has = (term: string) =>
    term.split('|').some((t) => flat.includes(t) || flat.includes(stem(t)) || analysed().has(t));
  const key = specificTerm(frame, deps);
  const covered = frame.topic.terms.filter(has).length / Math.max(1, frame.topic.terms.length);
  if (key && !has(key) && covered < NEARLY_ALL) return `the topic's most specific word 「${key}」 is not in the text`;
  // Every word of the topic's noun phrase (「生成AIの実証実験」: 生成AI and 実証実験), unless nearly all are there.
  // (Words no document holds at all, such as a romanized particle, cannot tell texts apart.)
  // Nor words every DX policy shares (デジタル, DX, 推進): 「職員のデジタル研修」 is answered by 「e-learningや外部派遣に
  // よる研修」 in a DX plan.
  const missing = phraseTerms(frame).filter(
    (t) => !has(t) && !termIn(GENERIC, t) && t.split('|').some((a) => deps.df(a) > 0),
  );
  if (missing.length && covered < NEARLY_ALL) return `the text lacks 「${missing.join('・')}」 of the topic`;
  return null;
}

export function validate(frame: Frame, composed: Composed, deps: ValidationDeps): string | null {
  const check = composed.check;
  if (!check) return null;
  const asked: MunicipalityId | null = frame.municipality;
  if (asked && check.municipalities.some((m) => m !== asked))
    return `text of ${check.municipalities.filter((m) => m !== asked).join(', ')} for ${asked}`;
  if (
    asked &&
    !frame.modifiers.national &&
    check.headings.length &&
    check.headings.every((h) => NATIONAL_CHAPTER.test(h))
  )
    return 'from a background chapter on national or Tokyo policy, not the municipality’s own';
  // Which the N things are: the list a composer brought along with its quote (「…3つの変革に取り組んでいく」, then
  // the items) names them.
  const type = typeMismatch(frame, frame.counted ? `${check.text}\n${composed.text}` : check.text);
  if (type) return type;
  // 「令和5年の保有率」: a figure of another year (令和6年6月末) does not answer, however close the rest.
  const time = timeMismatch(frame.when, [...check.headings, check.text].join('\n'));
  if (time) return time;
  const flat = deps.tt.flat(check.text);
  const choice = choiceMismatch(frame, flat);
  if (choice) return choice;
  const topic = topicMismatch(frame, check.text, deps);
  if (topic) return topic;
  // The sentence given as the answer holds the topic itself: a second quote holding it does not make a first
  // one without it (「…実証実験の検討を行います」 for 「生成AIの実証実験」) an answer.
  const lead = check.lead ? topicMismatch(frame, check.lead, deps, true) : null;
  if (lead) return `the answer sentence: ${lead}`;
  return null;
}
