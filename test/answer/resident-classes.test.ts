// More classes of resident questions, each with rows written from the seeds (other municipalities, other wordings
// than any question set): the class is what is fixed, so every row must work, and each says why it reads so.
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerEngine } from '../../src/answer/types.js';
import type { MunicipalityId } from '../../src/knowledge/index.js';
import { answerRows, norm } from '../helpers/answer-rows.js';
import { loadTestEngine } from '../helpers/engine.js';

let engine: AnswerEngine;
beforeAll(async () => {
  engine = await loadTestEngine();
});

const answers = answerRows(() => engine);

describe('「どのくらい普及してる」 asks a share: the percentage, by whatever word the document gives it', () => {
  answers([
    {
      q: '東久留米市のマイナンバーカードはどのくらい普及してる？',
      has: ['71.5%'],
      not: ['記載はありません'],
      src: 'higashikurume',
      why: 'the glossary note 「保有率は全国74.0%、東久留米市71.5%」: 普及 says a share is asked, the text says 保有率',
    },
    {
      q: 'マイナンバーカードってうちの市ではどのぐらい普及してるの',
      m: 'higashikurume',
      has: ['71.5%'],
      src: 'higashikurume',
      why: 'どのぐらい before 普及, the municipality chosen',
    },
    {
      q: '西東京市と東久留米市、マイナンバーカードはどのくらい普及してますか',
      has: ['71.5%', '77.5%'],
      why: 'side by side: each side its share (西東京市 its 達成率 of the cards issued, the only share it gives)',
    },
  ]);
});

describe('「どうしていくの」 asks what will be done (どう + していく), not why (どうして)', () => {
  answers([
    {
      q: '日の出町は職員のテレワークをこれからどうしていくの？',
      has: ['テレワーク'],
      not: ['理由の記載'],
      src: 'hinode',
      why: 'its 施策⑥ テレワーク sheet: the measure and its years',
    },
    {
      q: '武蔵野市は在宅勤務をどうしていくんですか',
      has: ['導入に向けた検討'],
      src: 'musashino',
      why: '「…導入に向けた検討を進めていきます」 is what it will do',
    },
    {
      q: '西東京市はオープンデータをどうしていくつもり？',
      has: ['オープンデータ'],
      not: ['記載はありません'],
      src: 'nishitokyo',
      why: 'いくつもり is no いくつ (a count): its 重点取組 on open data',
    },
  ]);
});

describe('who wrote a document (「これ書いたのだれ」「どこが作ったの」) is the body that issued it', () => {
  answers([
    {
      q: '武蔵野市の方針はだれが書いたの？',
      has: ['情報管理課'],
      src: 'musashino',
      why: 'だれ asks a person, but of a document it asks who issued it: its publisher',
    },
    {
      q: 'これ書いたのだれ？',
      m: 'hinode',
      has: ['企画財政課'],
      src: 'hinode',
      why: 'the chosen municipality’s document; 書く is no topic',
    },
    {
      q: '西東京市の地域情報化基本方針はどこが作ったの',
      has: ['情報推進課'],
      src: 'nishitokyo',
      why: 'どこが作った: a department; 地域 and 基本 are words of the document’s own title, not a topic',
    },
    {
      q: '東久留米市のDX推進方針は誰がまとめたの？',
      has: ['行政経営課'],
      src: 'higashikurume',
      why: 'まとめた, as its colophon’s 編集 says',
    },
  ]);
});

describe('「8拠点ってどこ」「3つの考え方ってなに」: which the N things are — named, or not stated; never their count', () => {
  answers([
    {
      q: '東久留米市の3つの考え方ってなに？',
      has: ['市民の利便性の向上', '業務の効率化'],
      src: 'higashikurume',
      why: 'the list under 基本的な考え方, not the sentence announcing 「次に掲げる3つの考え方」 alone',
    },
    {
      q: '小金井市の3本の柱ってどれ？',
      has: ['市民目線でのサービスの質の向上', 'デジタル人材の育成'],
      src: 'koganei',
      why: '3 and 本 say how many; 柱 is the topic, and its section lists them',
    },
    {
      q: '日の出町の重点16項目って何？',
      has: ['ペーパーレス化', '電子決裁'],
      src: 'hinode',
      why: 'the 16 items of its 一覧, each named',
    },
  ]);
  it.each([
    {
      q: '西東京市の公衆無線LANが使える8拠点ってどこ？',
      why: 'its result sheet gives 「実績: 8拠点」 and names none of them',
    },
    {
      q: '公衆無線LANの8拠点はどこにあるの',
      m: 'nishitokyo' as MunicipalityId,
      why: 'どこにある asks where they are, not the city hall’s address',
    },
    {
      q: '小金井市の優先27事業ってどれのこと？',
      why: '「市は27事業」 is how many; no document lists them',
    },
  ])('not stated: $q ($why)', ({ q, m }) => {
    const a = engine.answer(q, { municipality: m ?? null });
    expect(a.text).toContain('記載はありません');
    expect(a.text).toContain('内訳');
    expect(a.text).not.toMatch(/目標: 20拠点|住所は/);
  });
});

describe('「何個」「いくつ」 of a list: the count the document gives it, whatever its counter (か条, 本, つ)', () => {
  answers([
    {
      q: '小金井市職員のDX推進5か条って何個？',
      has: ['5か条'],
      not: ['記載はありません'],
      src: 'koganei',
      why: '何個 counts things of any kind: 「5か条」 answers it',
    },
    {
      q: '小金井市のDXの柱って何個あるの？',
      has: ['3本の柱'],
      src: 'koganei',
      why: '「3本の柱」: 個 names nothing of the topic (it was asked of the text as a word), 柱 does',
    },
    {
      q: '東久留米市の基本的な考え方って何個？',
      has: ['3つの考え方'],
      src: 'higashikurume',
      why: '「次に掲げる3つの考え方」: つ answers 何個',
    },
  ]);
});

describe('a comparison side states the municipality’s own measure, not the state’s plan it summarises', () => {
  it.each([
    {
      q: 'AIの活用について東久留米市と日の出町の違いは？',
      has: ['町の取組事項'],
      not: ['国のDX推進'],
      why: '日の出町: its 「自治体DX重点6項目への町の取組」 row, not the chapter 「4. 国のDX推進」 summarising the state’s plan',
    },
    {
      q: 'AIやRPAについて西東京市と小金井市はそれぞれ何してる？',
      has: ['令和4(2022)年度以降'],
      not: ['自治体は、国の作成する'],
      why: '西東京市: 「本市においても…導入し」, not 「自治体は、国の作成する…ガイドブックを参考に」 (every municipality)',
    },
  ])('$q ($why)', ({ q, has, not }) => {
    const a = engine.answer(q);
    expect(a.kind).toBe('answer');
    for (const h of has) expect(norm(a.text)).toContain(norm(h));
    for (const h of not) expect(norm(a.text)).not.toContain(norm(h));
  });
});

describe('the department in charge of a measure is the one its own row names (所管課), not another row’s', () => {
  answers([
    {
      q: '市のホームページってどこの課が担当してるの',
      m: 'nishitokyo',
      has: ['秘書広報課'],
      src: 'nishitokyo',
      why: 'the sheet named 「ホームページの充実」 (所管課: 秘書広報課), not the おくやみ窓口 sheet mentioning 市報・ホームページ',
    },
    {
      q: '西東京市の統計データの活用はどこの課が担当していますか',
      has: ['総務課'],
      src: 'nishitokyo',
      why: 'the sheet 「統計データの活用に向けた調査・研究」 (所管課: 総務課)',
    },
    {
      q: '地域BWAの所管課は？',
      m: 'nishitokyo',
      has: ['企画政策課'],
      src: 'nishitokyo',
      why: 'the sheet 「地域BWA活用の検討」 (所管課: 情報推進課・企画政策課)',
    },
  ]);
});

describe('the department of a front-yard channel is asked, not the way to use it', () => {
  answers([
    {
      q: 'おくやみ窓口の所管課はどこですか',
      m: 'nishitokyo',
      has: ['市民課'],
      not: ['お悔やみ申し上げます'],
      src: 'nishitokyo',
      why: 'a department of the channel (routes.yaml, from the 重点取組 所管課), not the bereavement route',
    },
    {
      q: '小金井市のキャッシュレス決済の担当課は？',
      has: ['市民課'],
      src: 'koganei',
      why: '「市民課窓口の活用継続」: the channel’s department as routes.yaml records it',
    },
    {
      q: 'コンビニ交付の担当課は？',
      m: 'nishitokyo',
      has: ['市民課'],
      src: 'nishitokyo',
      why: 'the 所管課 of 「マイナンバーカードの活用(市独自利用)」, under which コンビニ交付 is extended',
    },
  ]);

  it.each([
    { q: '日の出町の書かない窓口の担当はどこの課？', m: 'hinode', why: 'its document names no department for it' },
    {
      q: '武蔵野市の電子申請の担当部署は？',
      m: 'musashino',
      why: 'the same: not the DX office that issued the policy',
    },
  ])('$q: not stated, never the document’s publisher ($why)', ({ q }) => {
    const a = engine.answer(q);
    expect(a.kind).toBe('fallback');
    expect(a.text).toContain('記載はありません');
    expect(a.text).not.toMatch(/「[^」]+」の担当は/);
    expect(a.text).not.toContain('担当の担当');
  });

  it('a bereavement is still routed to the おくやみ窓口', () => {
    const a = engine.answer('母が亡くなったので、死亡後の手続きをまとめて済ませたい', { municipality: 'nishitokyo' });
    expect(a.kind).toBe('route');
    expect(a.route?.channels).toContain('okuyami');
  });
});

describe('the hours of a counter or service are asked (何時まで, 受付時間): a time of day, or plainly not stated', () => {
  // No seed document gives a time of day: every municipality's answer is its own not-stated line, never a date,
  // a measure's status or another municipality's text.
  it.each([
    {
      q: '「いこいーな窓口@西東京」は何時まで相談できる？',
      m: 'nishitokyo' as const,
      says: 'いこいーな窓口@西東京の受付時間',
      why: '何時まで asks a time of day, not a deadline; the quoted name is the topic as written (not いこいー)',
    },
    {
      q: '役場の窓口は何時から開いてる？',
      m: 'hinode' as const,
      says: '受付時間',
      why: '何時から: hours, not a start date',
    },
    {
      q: '市民課窓口の受付時間は？',
      m: 'koganei' as const,
      says: '市民課窓口の受付時間',
      why: '受付 is not said twice',
    },
    { q: '市役所は何時まで開いていますか', m: 'musashino' as const, says: '受付時間', why: 'not 「…の期限」' },
    { q: '書かない窓口の受付時間を教えて', m: 'higashikurume' as const, says: '受付時間', why: 'a channel’s hours' },
  ])('$q ($why)', ({ q, m, says }) => {
    const a = engine.answer(q, { municipality: m });
    expect(a.kind).toBe('fallback');
    expect(norm(a.text)).toContain(norm(`${says}の記載はありません`));
    expect(a.text).not.toMatch(/期限|開始時期|実施されています/);
  });

  it('「何時間」 asks a number of hours, not the hours of a counter', () => {
    const a = engine.answer('研修は何時間やったの', { municipality: 'nishitokyo' });
    expect(a.text).not.toContain('受付時間');
  });
});

describe('rows named alike are told apart by the word that ends each name (…業務効率化 RPA / …AI-OCR)', () => {
  // 西東京市's 一覧 gives one KPI per row; rows of one measure share its name and end with what sets them apart.
  answers([
    {
      q: '西東京市のRPAの目標件数は？',
      has: ['50件'],
      not: ['AI-OCR / 目標値: 10件'],
      src: 'nishitokyo',
      why: '「AI・RPA 等を活用した業務効率化 RPA」: RPA ends this row’s name; the AI-OCR row holds RPA only in the shared name',
    },
    {
      q: '西東京市のAI-OCRの実績は？',
      has: ['3件'],
      src: 'nishitokyo',
      why: 'the neighbour row, by the word that ends its name',
    },
    {
      q: 'スポーツ振興課のキャッシュレス決済の実績は？',
      m: 'nishitokyo',
      has: ['10,029'],
      src: 'nishitokyo',
      why: '「キャッシュレス決済等の促進 (スポーツ振興課)」 among the three rows of that measure (市民課, 産業振興課)',
    },
    {
      q: '産業振興課のキャッシュレスの目標は？',
      m: 'nishitokyo',
      has: ['3,400箇所'],
      src: 'nishitokyo',
      why: 'the row ending (産業振興課)',
    },
  ]);
});
