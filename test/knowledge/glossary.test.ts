import { beforeAll, describe, expect, it } from 'vitest';
import type { GlossaryEntry, KnowledgeSnapshot } from '../../src/knowledge/index.js';
import { loadCorpus } from './corpus.js';

let snapshot: KnowledgeSnapshot;
beforeAll(async () => {
  snapshot = await loadCorpus();
});

const entries = (documentId: string) => snapshot.glossary.filter((g) => g.documentId === documentId);
const entry = (documentId: string, term: string): GlossaryEntry | undefined =>
  entries(documentId).find((g) => g.term === term);

describe('glossary entry counts (counted by hand in each seed)', () => {
  it.each([
    { doc: 'higashikurume-dx', count: 27, why: '用語集: four tab tables with index letters (9 + 7 + 6 + 5 rows)' },
    { doc: 'koganei-dx', count: 37, why: '用語解説: three tab tables with a kana column (12 + 13 + 12 rows)' },
    {
      doc: 'hinode-dx',
      count: 25,
      why: '用語集: two 3-column pipe tables with a kana column (9 + 11) and the A-Z table (5)',
    },
    {
      doc: 'musashino-dx',
      count: 5,
      why: 'no 用語集: its five footnotes (デジタル行政推進法, デジタル3原則, AI, RPA, CIO)',
    },
    {
      doc: 'nishitokyo-johoka',
      count: 41,
      why: '用語解説: two-row entries over three pipe tables (15 + 20 + 6 terms)',
    },
  ])('$doc: $count ($why)', ({ doc, count }) => {
    expect(entries(doc)).toHaveLength(count);
  });
});

describe('term → definition, exactly as printed', () => {
  it.each([
    {
      doc: 'higashikurume-dx',
      term: 'マイナンバー',
      def: '住民票を有する全ての方に1人1つの番号を付して、社会保障、税、災害対策の分野で効率的に情報を管理し、複数の機関に存在する個人の情報が同一人の情報であることを確認するために活用されるもの。なお、令和6年6月末時点のマイナンバーカードの保有率は全国74.0%、東久留米市71.5%。',
      why: 'the 保有率 figures hidden in the definition are kept whole',
    },
    {
      doc: 'higashikurume-dx',
      term: 'EBPM',
      def: 'Evidence Based Policy Making「根拠に基づく政策立案」の略。統計データや各種指標等、客観的で合理的な根拠(エビデンス)に基づき、必要性や効果を判断したうえで、政策、施策、事業等を策定、実行すること。',
      why: 'the term was printed in Cyrillic (ЕВРМ) and is repaired',
    },
    {
      doc: 'higashikurume-dx',
      term: 'オンライン化',
      def: 'インターネットを利用して、手続きや業務を行えるようにすること。',
      why: 'a row without an index letter',
    },
    {
      doc: 'higashikurume-dx',
      term: 'ガバメントクラウド',
      def: 'デジタル庁が整備する、政府、自治体共通のクラウドサービスの利用環境。',
      why: 'a plain 3-column row',
    },
    {
      doc: 'koganei-dx',
      term: '業務フロー',
      def: '現場で行っている業務のプロセスのこと',
      why: 'a definition without a closing 。',
    },
    {
      doc: 'koganei-dx',
      term: 'デジタル庁',
      def: 'デジタル社会の形成に関する施策を迅速かつ重点的に推進することを目的として令和3年9月1日発足。',
      why: 'third table, index column empty',
    },
    {
      doc: 'koganei-dx',
      term: 'キャッシュレス決済',
      def: '現金を使わずに支払いを済ませる方法のこと。',
      why: 'second table',
    },
    {
      doc: 'hinode-dx',
      term: 'ペーパーレス',
      def: '業務や手続きの際に紙の資料を用いず、代わりに電子データ等を用いること。',
      why: 'pipe table with a kana column',
    },
    {
      doc: 'hinode-dx',
      term: 'リテラシー',
      def: '読み解く力。特性を理解し、活用する能力。',
      why: 'two sentences in one cell',
    },
    {
      doc: 'hinode-dx',
      term: 'DX',
      def: '役場や企業がデジタル技術を活用して、業務の効率化やサービスの向上を図ること。',
      why: 'the A-Z table has no kana column',
    },
    {
      doc: 'nishitokyo-johoka',
      term: 'KPI',
      def: '重要業績評価指標。',
      why: 'English name on the row above a term row (OCR misread it KDI)',
    },
    {
      doc: 'nishitokyo-johoka',
      term: 'QOL',
      def: '生命や生活の質。',
      why: 'same reverse layout; the first row read 001',
    },
    {
      doc: 'nishitokyo-johoka',
      term: 'PDCA',
      def: '計画・実行・評価・改善の4段階を繰り返しながら行う業務改善の手法。',
      why: 'term + English name row, definition on the next row',
    },
    {
      doc: 'nishitokyo-johoka',
      term: 'クラウドコンピューティング',
      def: 'インターネットなどのネットワーク経由で、クラウドサービス提供事業者の提供するコンピュータ機能を利用する仕組み。単にクラウドと呼ばれる場合もある。',
      why: 'the definition starts one row above the term',
    },
    {
      doc: 'nishitokyo-johoka',
      term: '官民共創デジタルプラットフォーム',
      def: '行政と住民が協働しながら地域課題解決を推進するために、シビックテックのノウハウと、東京都及び都内区市町村が抱える幅広い地域課題をマッチングさせるための場。',
      why: 'the term itself is split over two rows',
    },
    {
      doc: 'nishitokyo-johoka',
      term: 'マイナンバー',
      def: '個人番号。個人の識別番号として住民に指定される 12 桁の番号。',
      why: 'a closed first sentence, a continuation row below',
    },
    { doc: 'nishitokyo-johoka', term: 'ナレッジデータベース', def: '', why: 'empty in the document: stays empty' },
    { doc: 'nishitokyo-johoka', term: 'ノーコード', def: '', why: 'empty in the document: stays empty' },
  ])('$doc $term ($why)', ({ doc, term, def }) => {
    expect(entry(doc, term)?.definition).toBe(def);
  });
});

describe('aliases', () => {
  it.each([
    { doc: 'higashikurume-dx', term: 'RPA', alias: 'Robotic Process Automation', why: 'English before 「…」の略' },
    {
      doc: 'higashikurume-dx',
      term: '5G',
      alias: '5th Generation Mobile Communication System',
      why: '「5 th」 repaired',
    },
    {
      doc: 'koganei-dx',
      term: 'RPA',
      alias: 'ロボティック・プロセス・オートメーション',
      why: 'the katakana reading in brackets',
    },
    { doc: 'koganei-dx', term: 'NPO', alias: 'nonprofit organization', why: 'lower-case English before の略' },
    { doc: 'hinode-dx', term: 'UI/UX', alias: 'User Experience', why: 'two expansions in one definition' },
    { doc: 'nishitokyo-johoka', term: 'ガバメントクラウド', alias: 'Gov-Cloud', why: 'the English-name row' },
    {
      doc: 'hinode-dx',
      term: 'ガバメントクラウド',
      alias: 'Gov-Cloud',
      why: 'aliases of the same term are shared across documents',
    },
    { doc: 'nishitokyo-johoka', term: 'CIO', alias: 'Chief Information Officer', why: 'two-row entry' },
  ])('$doc $term ∋ $alias ($why)', ({ doc, term, alias }) => {
    expect(entry(doc, term)?.aliases).toContain(alias);
  });
});

describe('readings', () => {
  it.each([
    {
      doc: 'koganei-dx',
      term: 'BPR',
      reading: 'ビジネスプロセスリエンジニアリング',
      why: 'katakana reading printed after the English name',
    },
    {
      doc: 'koganei-dx',
      term: 'アウトカム',
      reading: undefined,
      why: 'the kana column is an index letter, not a reading',
    },
    { doc: 'hinode-dx', term: 'ペーパーレス', reading: undefined, why: 'same for 日の出町' },
  ])('$doc $term ($why)', ({ doc, term, reading }) => {
    expect(entry(doc, term)?.reading).toBe(reading);
  });
});

describe('entry metadata', () => {
  it('cites municipality, document, heading and line', () => {
    const g = entry('hinode-dx', 'ペーパーレス')!;
    expect(g).toMatchObject({ municipality: 'hinode', documentId: 'hinode-dx', line: 660 });
    expect(g.headingPath.at(-1)).toBe('1. 用語集');
  });

  it('a glossary printed without a heading is cited as 用語集, not under the previous section', () => {
    expect(entry('higashikurume-dx', 'RPA')?.headingPath).toEqual(['用語集']);
  });

  it('every glossary entry with a definition is also a searchable passage', () => {
    const passages = snapshot.passages.filter((p) => p.kind === 'glossary');
    expect(passages.length).toBe(snapshot.glossary.filter((g) => g.definition !== '').length);
    expect(passages.some((p) => p.text.startsWith('マイナンバー: 住民票を有する'))).toBe(true);
  });
});
