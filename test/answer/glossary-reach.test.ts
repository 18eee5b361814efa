// Every term a document explains is reachable by asking what it means: each glossary entry and each footnote of every
// seed (武蔵野市's 「(*⁴) Robotic Process Automation の略であり…」 under its marker's term), and each note of the form
// 「※DX(…)：…」 (小金井市), asked in the municipality that explains it, in the ways residents ask. The terms are read
// from the knowledge, not listed here: a new seed's glossary is tested as it is loaded. A term a glossary lists with
// no explanation (西東京市 「ナレッジデータベース | |」) is said to be unexplained, never quoted as if defined.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../src/answer/types.js';
import { cleanForResident, type MunicipalityId } from '../../src/knowledge/index.js';
import type { Runtime } from '../../src/runtime.js';
import { norm } from '../helpers/answer-rows.js';
import { loadTestRuntime } from '../helpers/engine.js';

let runtime: Runtime;
let engine: AnswerEngine;
beforeAll(async () => {
  runtime = await loadTestRuntime();
  engine = runtime.engine;
});

// How residents ask what a term means (each a form seen in how people ask, not a row of any question set):
const FORMS = [
  { form: '{t}とは', why: 'the plain form' },
  { form: '{t}って何？', why: 'spoken' },
  { form: '{t}は何？', why: 'は何: a glossary term asked so is asked its meaning' },
  { form: '資料にある{t}って何ですか', why: 'where it was read, before the term' },
  { form: '{t}という言葉の意味は？', why: 'the word named before its meaning' },
];

// A note explaining a term: 「※DX(デジタル・トランスフォーメーション)：ICTの浸透が…」.
const NOTE = /^※\s*([^：:。\s()（）]{2,30})(?:[（(][^）)]*[）)])?\s*[:：]\s*(\S.{5,})/;

const readable = (s: string) => /[\p{L}\p{N}]{2}/u.test(cleanForResident(s));
const opening = (definition: string) => norm(cleanForResident(definition)).slice(0, 6);

interface Explained {
  term: string;
  municipality: MunicipalityId;
  openings: string[]; // any explanation of the term in that municipality's documents may answer
  where: string;
}

function explainedTerms(): Explained[] {
  const byKey = new Map<string, Explained>();
  const add = (term: string, municipality: MunicipalityId, definition: string, where: string) => {
    const key = `${municipality}|${norm(term)}`;
    const known = byKey.get(key);
    if (known) known.openings.push(opening(definition));
    else byKey.set(key, { term, municipality, openings: [opening(definition)], where });
  };
  for (const g of runtime.snapshot.glossary)
    if (readable(g.definition)) add(g.term, g.municipality, g.definition, `${g.id} (${g.headingPath.at(-1)})`);
  for (const p of runtime.snapshot.passages) {
    const m = NOTE.exec(p.text.trim());
    if (m) add(m[1]!, p.municipality, m[2]!, `${p.id} (note)`);
  }
  return [...byKey.values()];
}

describe('every term a seed explains answers 「〜とは」 and its usual forms', () => {
  it('each glossary entry, footnote and ※ note, in its own municipality', () => {
    const terms = explainedTerms();
    // the corpus has glossaries, footnotes and notes: a parse that lost them would make this test pass vacuously
    expect(terms.length).toBeGreaterThan(100);
    expect(terms.some((t) => t.where.includes('脚注'))).toBe(true);
    expect(terms.some((t) => t.where.includes('(note)'))).toBe(true);
    const failed: string[] = [];
    for (const t of terms)
      for (const { form } of FORMS) {
        const q = form.replace('{t}', t.term);
        const a = engine.answer(q, { municipality: t.municipality });
        const text = norm(a.text);
        const ok =
          a.kind === 'answer' &&
          !text.includes('記載はありません') &&
          t.openings.some((o) => text.includes(o)) &&
          a.sources[0]?.municipality === t.municipality;
        if (!ok) failed.push(`${t.municipality} ${t.where} 「${q}」 → ${a.kind}: ${a.text.slice(0, 80)}`);
      }
    expect(failed).toEqual([]);
  });
});

describe('a term a glossary lists without explaining it', () => {
  it('is said to be unexplained there, in the municipality’s name, naming the term', () => {
    const blank = runtime.snapshot.glossary.filter((g) => !readable(g.definition));
    // 西東京市 lists ナレッジデータベース and ノーコード with empty cells, ソーシャルメディア with OCR debris
    expect(blank.length).toBeGreaterThanOrEqual(3);
    for (const g of blank) {
      const name = runtime.snapshot.municipalities.find((m) => m.id === g.municipality)!.name;
      for (const q of [`${g.term}とは`, `${g.term}って何？`]) {
        const a = engine.answer(q, { municipality: g.municipality });
        expect(a.text, q).toContain(`${name}の資料には、${g.term}の説明の記載はありません`);
        expect(a.text, q).not.toMatch(new RegExp(`^${g.term}[:：]`));
      }
    }
  });

  it('with no municipality chosen, the one that lists it says so', () => {
    const a = engine.answer('ナレッジデータベースとは', {});
    expect(a.text).toContain('西東京市の資料には、ナレッジデータベースの説明の記載はありません');
    expect(a.sources[0]?.municipality).toBe('nishitokyo');
  });

  it('another municipality asked: not stated there, and an empty entry is no reference', () => {
    // 日の出町's documents never name ノーコード; 西東京市's glossary lists it empty
    const a = engine.answer('ノーコードとは', { municipality: 'hinode' });
    expect(a.text).toContain('日の出町の資料には、ノーコードの記載はありません');
    expect(a.text).not.toContain('参考');
  });
});

describe('how a term is asked: rows written from the seeds', () => {
  const rows = [
    {
      q: 'ベンダーって誰のこと？',
      m: 'hinode' as const,
      has: 'システムを提供する事業者',
      composer: 'glossary',
      why: '誰のこと of a glossary term (日の出町 用語集) asks whom it names: its entry',
    },
    {
      q: '日の出町の方針のベンダーって何？',
      m: null,
      has: 'システムを提供する事業者',
      composer: 'glossary',
      why: '「方針の」 says where it was read; ベンダー is the term',
    },
    {
      q: 'チャットボットって言葉が出てきたけどどういう意味？',
      m: 'nishitokyo' as const,
      has: '自動会話',
      composer: 'glossary',
      why: 'an aside naming the word and where it was seen, then the meaning asked (西東京市 用語解説)',
    },
    {
      q: '生成AIの説明をして',
      m: 'nishitokyo' as const,
      has: '新しいデータや情報を創出',
      composer: 'glossary',
      why: '「〜の説明をして」 of a term asks its meaning',
    },
    {
      q: 'DXとは',
      m: 'koganei' as const,
      has: 'ICTの浸透',
      composer: 'glossary',
      why: '小金井市 has no glossary row for DX; its note 「※DX(デジタル・トランスフォーメーション)：…」 defines it',
    },
    {
      q: 'RPAって何を指すの？',
      m: 'musashino' as const,
      has: 'ソフトウェアのロボット',
      composer: 'glossary',
      why: '武蔵野市 footnote (*⁴) under the marker in 「AI(*³)やRPA(*⁴)」',
    },
  ];
  it.each(rows)('$q ($why)', ({ q, m, has, composer }) => {
    const a = engine.answer(q, { municipality: m });
    expect(norm(a.text)).toContain(norm(has));
    expect(a.composer).toBe(composer);
  });

  it.each([
    { q: 'CIOは誰？', m: 'musashino' as const, has: '副市長', why: '誰 alone asks the person in the office' },
    { q: '目標は何？', m: 'nishitokyo' as const, has: '', why: '目標 is no glossary term: not a definition' },
  ])('$q is not read as a definition ($why)', ({ q, m, has }) => {
    const a = engine.answer(q, { municipality: m });
    expect(a.frame?.attribute).not.toBe('definition');
    if (has) expect(a.text).toContain(has);
  });
});
