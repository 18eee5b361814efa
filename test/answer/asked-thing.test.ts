// An answer states the thing asked — a figure as it stands, a date that ends something, the municipality named —
// or says it is not stated. Rows written from the seeds (not from any question set), each with its reason.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../src/answer/types.js';
import type { MunicipalityId } from '../../src/knowledge/index.js';
import { loadTestEngine } from '../helpers/engine.js';

let engine: AnswerEngine;
beforeAll(async () => {
  engine = await loadTestEngine();
});

const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s,]/g, '');
const NOT_STATED = /記載はありません|資料はありません|見つかりませんでした/;

interface Row {
  q: string;
  m?: MunicipalityId;
  has?: string[]; // answered: every one in the text, first source the municipality asked
  why: string;
}

function answered(rows: Row[]) {
  it.each(rows)('$q ($why)', ({ q, m, has }) => {
    const a = engine.answer(q, { municipality: m ?? null });
    expect(a.kind).toBe('answer');
    expect(a.text).not.toMatch(NOT_STATED);
    for (const h of has ?? []) expect(norm(a.text)).toContain(norm(h));
    if (m) expect(a.sources[0]?.municipality).toBe(m);
  });
}

function notStated(rows: Row[]) {
  it.each(rows)('not stated: $q ($why)', ({ q, m }) => {
    const a = engine.answer(q, { municipality: m ?? null });
    // Said first, before anything another municipality's documents say.
    expect(a.text.split('\n')[0]).toMatch(NOT_STATED);
  });
}

describe('a place outside the knowledge, however it is marked', () => {
  notStated([
    { q: '府中市って電子申請できるの？', why: 'a 〜市 before the spoken topic marker って is a place named' },
    { q: '調布市や府中市の書かない窓口は', why: 'a 〜市 before や is a place named' },
  ]);
});

describe('a figure asked as it stands (今, これまでに) is not answered by a goal', () => {
  answered([
    {
      q: '西東京市の公衆無線LANは今何拠点？',
      m: 'nishitokyo',
      has: ['8拠点'],
      why: 'the result sheet gives 実績 8拠点 beside the goal of 20',
    },
    {
      q: '東久留米市のマイナンバーカードの保有率、今どのくらい？',
      m: 'higashikurume',
      has: ['71.5'],
      why: 'a share 「令和6年6月末時点」 is as it stands',
    },
    {
      q: 'おくやみ窓口はこれまでに何件受け付けたの？',
      m: 'nishitokyo',
      has: ['309件'],
      why: 'the 実績 cell (309件), not the goal (660件)',
    },
  ]);
  notStated([
    {
      q: 'マイナンバーカードって今どれくらい交付されてるの？',
      m: 'koganei',
      why: 'its only figure is the plan column 「令和7年度までのアクション: 100%の交付に向けた…」, a goal',
    },
  ]);
});

describe('「いつまで」 is answered by a date that ends something', () => {
  answered([
    {
      q: '日の出町のDX推進方針の期間はいつまで？',
      m: 'hinode',
      has: ['令和10年'],
      why: '「令和5年4月から令和10年3月までの5年間」',
    },
    {
      q: '住民情報システムの標準化にはいつまでに対応するの？',
      m: 'koganei',
      has: ['令和7年度'],
      why: '「令和7年度までに…標準化・共通化を…対応」',
    },
  ]);
  notStated([
    {
      q: '武蔵野市のDX全体方針はいつまでの方針？',
      m: 'musashino',
      why: 'its document gives when a plan is to be made (令和4年度に…策定), no end',
    },
  ]);
});

describe('a side by side answer: each side states the measure asked by a noun (目標, 数字, 会議体), or says it does not', () => {
  it.each([
    {
      q: 'マイナンバーカード、小金井市と西東京市はそれぞれどんな目標にしてる？',
      has: ['100%', '205805枚'],
      why: '「どんな目標」 asks the goal figure: 小金井市’s plan column, 西東京市’s result sheet',
    },
    {
      q: '西東京市と小金井市、DXを進める会議体はそれぞれ何？',
      has: ['情報化推進本部', 'DX推進本部'],
      why: '会議体 is a kind of organisation (one word, not 会議 + 体): each document’s promotion structure',
    },
    {
      q: 'オープンデータの数字、西東京市と東久留米市で比べると？',
      has: ['14データセット', '■東久留米市：資料に記載はありません'],
      why: '数字 asks the figures; 東久留米市 gives none for it, and borrows no other municipality’s',
    },
  ])('$q ($why)', ({ q, has }) => {
    const a = engine.answer(q);
    expect(a.kind).toBe('answer');
    for (const h of has) expect(norm(a.text)).toContain(norm(h));
  });

  answered([
    {
      q: '東久留米市の庁内の推進組織はどうなってる？',
      m: 'higashikurume',
      has: ['DX推進事務局'],
      why: '庁内の says whose (the analyser splits it 庁 + 内), as 役場の does: the organisation is asked',
    },
  ]);
});

describe('a share asked by its word is not an achievement rate (達成率: the actual against the goal)', () => {
  notStated([
    {
      q: 'マイナンバーカードの交付率は何%？',
      m: 'nishitokyo',
      why: 'its result sheet gives the cards issued (159,565枚) and 達成率 77.5%, no share of residents',
    },
  ]);
  answered([
    {
      q: 'テレワークの実施率って何パーセント？',
      m: 'nishitokyo',
      has: ['1.1%'],
      why: 'the 実施率 itself (1.1%) stands beside the 達成率 (11%)',
    },
    {
      q: 'おくやみ窓口の受付件数、目標に対して何%？',
      m: 'nishitokyo',
      has: ['46.8%'],
      why: '「目標に対して何%」 asks the 達成率 itself',
    },
  ]);
});

describe('a resident’s word for what the documents call otherwise', () => {
  answered([
    {
      q: '専門家はどう活用していますか？',
      m: 'musashino',
      has: ['専門人材'],
      why: '専門家 is the documents’ 専門人材 (武蔵野市), 外部の専門家 (西東京市)',
    },
  ]);
});
