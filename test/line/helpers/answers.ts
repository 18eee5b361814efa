// Hand-written answers for the pure builder tests: every kind, plus answers that push LINE's limits.
import type { Answer } from '../../../src/answer/types.js';

const source = (i: number) => ({
  municipality: 'higashikurume' as const,
  document: '東久留米市DX推進方針',
  documentId: 'higashikurume-dx',
  section: `3章 DX推進に向けた取組み › ${i}. 地方自治体が取り組むべき事項`,
  excerpt: '行政手続のオンライン化を進め、市民の利便性向上を図ります。',
});

export const definition: Answer = {
  kind: 'answer',
  text: '書かない窓口とは、申請書を手書きせずに手続きできる窓口です。',
  sources: [source(1), source(2)],
  route: null,
  confidence: 0.9,
  municipality: 'higashikurume',
  related: ['おくやみ窓口とは', 'マイナンバーカードの保有率は'],
};

export const route: Answer = {
  kind: 'route',
  text: '東久留米市では、次の方法で手続きできます（おすすめ順）。',
  sources: [source(1)],
  route: {
    channels: ['online', 'convenience-store', 'counter'],
    details: [
      {
        id: 'online',
        label: 'オンライン申請',
        status: 'available',
        text: 'マイナポータルから申請できます。',
        url: 'https://myna.go.jp/',
      },
      { id: 'convenience-store', label: 'コンビニ交付', status: 'available', text: 'マルチコピー機で取得できます。' },
      {
        id: 'counter',
        label: '窓口',
        status: 'available',
        text: '市役所の窓口で手続きできます。',
        phone: '042-470-7777',
      },
    ],
  },
  confidence: 0.9,
  municipality: 'higashikurume',
  contact: { municipality: 'higashikurume', text: '東久留米市のお問い合わせ先：企画経営室行政経営課' },
};

export const fallback: Answer = {
  kind: 'fallback',
  text: '申し訳ありません。お尋ねの内容は資料に見つかりませんでした。',
  sources: [],
  route: null,
  confidence: 0,
  municipality: null,
  related: ['書かない窓口とは', 'DXの担当課はどこ？'],
};

export const clarify: Answer = {
  kind: 'clarify',
  text: 'どの自治体についてのご質問ですか？',
  sources: [],
  route: null,
  confidence: 0.5,
  municipality: null,
  choices: ['higashikurume', 'koganei', 'hinode', 'musashino', 'nishitokyo'],
};

export const greeting: Answer = {
  kind: 'greeting',
  text: 'こんにちは。Madoguchi（窓口）です。',
  sources: [],
  route: null,
  confidence: 1,
  municipality: null,
  related: ['書かない窓口とは'],
};

// Everything too long or too many: the builders must still produce a valid request.
export const oversized: Answer = {
  kind: 'answer',
  text: 'デジタル'.repeat(3000),
  sources: Array.from({ length: 9 }, (_, i) => ({
    ...source(i),
    document: `とても長い名前の計画書${'計画'.repeat(100)}${i}`,
    excerpt: '抜粋'.repeat(4000),
  })),
  route: null,
  confidence: 0.4,
  municipality: 'koganei',
  related: Array.from({ length: 20 }, (_, i) =>
    `関連する質問がとても長い場合にラベルはどう切られるのか${i}`.repeat(20),
  ),
};

export const bigRoute: Answer = {
  ...route,
  text: '窓口'.repeat(400),
  route: {
    channels: route.route!.channels,
    details: Array.from({ length: 7 }, (_, i) => ({
      id: 'online' as const,
      label: `とても長い窓口の名前がここに入ります${i}`,
      status: i % 2 ? ('planned' as const) : ('available' as const),
      text: '説明'.repeat(2000),
      ...(i % 2 ? {} : { url: `https://example.jp/${'p'.repeat(2000)}` }),
    })),
  },
};
