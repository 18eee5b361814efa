// A small hand-made snapshot: stable ids and texts, so ranking tests do not move with the seed parser.
import type {
  FaqEntry,
  GlossaryEntry,
  KnowledgeSnapshot,
  MunicipalityId,
  Passage,
  RouteTable,
} from '../../src/knowledge/index.js';

const passage = (id: string, municipality: MunicipalityId, text: string, headingPath: string[] = []): Passage => ({
  id,
  kind: 'prose',
  municipality,
  documentId: `${municipality}-dx`,
  sectionId: `${municipality}-dx:s1`,
  headingPath,
  text,
  normalized: text,
  line: 1,
});

export const passages: Passage[] = [
  passage('p-card', 'koganei', 'マイナンバーカードの普及率は71.5%です。'),
  passage('p-card-kojin', 'hinode', '個人番号の制度について、国の方針を説明します。'),
  passage('p-card2', 'hinode', '個人番号カードの交付体制を充実します。'),
  passage('p-card-use', 'musashino', 'カードの利用場面を広げます。'),
  passage('p-telework', 'musashino', 'テレワークの導入を令和7年度に開始します。'),
  passage('p-server', 'higashikurume', 'サーバーを更新し、ガバメントクラウドへ移行します。'),
  passage('p-pop', 'nishitokyo', '本市の人口は205,805人です。'),
  passage('p-wifi', 'nishitokyo', '公衆無線LAN環境を20拠点に整備します。'),
  passage('p-wifi-hinode', 'hinode', '公衆無線LANを役場の庁舎に整備します。'),
  passage('p-dx', 'higashikurume', 'DXの推進に向けて職員研修を行います。'),
  passage('p-plan-2004', 'nishitokyo', '平成16(2004)年度に第1期地域情報化計画を策定しました。'),
  passage('p-plan-now', 'nishitokyo', '地域情報化計画の対象期間や基本的な考え方を見直します。'),
  passage('p-cover', 'musashino', '武蔵野市\n自治体DXに関する全体方針\n武蔵野市情報管理課'),
  passage('p-dx-staff', 'musashino', 'DX推進の担当部門の設置について検討しています。'),
  passage('p-cashless-row', 'musashino', '重点取組: キャッシュレス決済の推進 / 所管課: 市民課'),
];

export const glossary: GlossaryEntry[] = [
  {
    id: 'g-dx',
    term: 'DX',
    aliases: ['Digital Transformation'],
    definition: 'デジタル技術を活用して制度や組織を変革すること。',
    municipality: 'hinode',
    documentId: 'hinode-dx',
    headingPath: ['用語集'],
    line: 1,
  },
];

glossary.push({
  id: 'g-wifi',
  term: '公衆無線LAN',
  aliases: [],
  definition: '無線LANを利用したインターネットへの接続を提供するサービス。',
  municipality: 'nishitokyo',
  documentId: 'nishitokyo-dx',
  headingPath: ['用語集'],
  line: 2,
});

export const faq: FaqEntry[] = [
  {
    id: 'f-paperless',
    questions: ['ペーパーレスはいつから'],
    answer: '会議資料のペーパーレスは令和6年度から始めます。',
    source: { document: 'hinode-dx', section: '施策①' },
  },
];

// Municipalities are data: the names the search filters on come from here, as from municipalities.yaml.
const municipality = (id: MunicipalityId, name: string, shortName: string) => ({
  id,
  name,
  shortName,
  aliases: [],
  contact: {},
});

export const snapshot: KnowledgeSnapshot = {
  municipalities: [
    municipality('hinode', '日の出町', '日の出'),
    municipality('koganei', '小金井市', '小金井'),
    municipality('musashino', '武蔵野市', '武蔵野'),
    municipality('nishitokyo', '西東京市', '西東京'),
  ],
  documents: [
    {
      meta: {
        id: 'musashino-dx',
        municipality: 'musashino',
        title: '武蔵野市自治体DXに関する全体方針',
        issued: '令和4年2月',
        publisher: '武蔵野市情報管理課',
        file: 'seeds/musashino.txt',
      },
      sections: [],
      passages: [],
      glossary: [],
    },
  ],
  passages,
  glossary,
  faq,
  synonyms: [
    { terms: ['マイナンバーカード', 'マイナカード', '個人番号カード'] },
    { terms: ['テレワーク', 'リモートワーク', '在宅勤務'] },
    { terms: ['策定', '作成', '作る'] },
  ],
  routes: {} as RouteTable,
  questionSets: [],
  facts: { all: [], byMunicipality: {} },
  hash: 'fixture-1',
  loadedAt: '2026-01-01T00:00:00.000Z',
  files: [],
};
