import { describe, expect, it } from 'vitest';
import { announcesOnly, backgroundSentences, fitQuote, quotesOf } from '../../../src/answer/composers/side.js';

// A side of a side-by-side answer is its single answer condensed: split into quotes at their citations, an
// announcing quote told apart, a too-long quote fitted to the side's room.
const TITLES = ['西東京市地域情報化基本方針', '東久留米市DX推進方針'];

describe('quotesOf: a composed text split at the citations that close its quotes', () => {
  const cases = [
    {
      text: '本市では…行っています。（西東京市地域情報化基本方針 › ②標準化）\n国は…しました。（西東京市地域情報化基本方針 › ②標準化）',
      quotes: [
        { body: '本市では…行っています。', cite: '（西東京市地域情報化基本方針 › ②標準化）' },
        { body: '国は…しました。', cite: '（西東京市地域情報化基本方針 › ②標準化）' },
      ],
      why: 'two quotes, each closed by its citation',
    },
    {
      text: '重点取組 1 普及促進（所管課: 市民課）\n目標: 205,805枚（西東京市地域情報化基本方針 › 重点取組の取組結果）',
      quotes: [
        {
          body: '重点取組 1 普及促進（所管課: 市民課）\n目標: 205,805枚',
          cite: '（西東京市地域情報化基本方針 › 重点取組の取組結果）',
        },
      ],
      why: 'a bracket naming no document title (所管課) is part of the quote',
    },
    {
      text: '推進体制（東久留米市DX推進方針 › 4章（体制） › 1. 推進体制）',
      quotes: [{ body: '推進体制', cite: '（東久留米市DX推進方針 › 4章（体制） › 1. 推進体制）' }],
      why: 'a heading holding brackets of its own: the citation closes at its matching bracket',
    },
    {
      text: '西東京市では、「…」は実施されています。',
      quotes: [{ body: '西東京市では、「…」は実施されています。', cite: '' }],
      why: 'a line the composer wrote itself, with no citation, is one quote',
    },
  ];
  it.each(cases)('$why', ({ text, quotes }) => {
    expect(quotesOf(text, TITLES)).toEqual(quotes);
  });
});

describe('announcesOnly: a quote that says nothing but that something follows', () => {
  const cases = [
    { body: '本市のDXを推進することにより目指す姿を、次のとおりとします。', announces: true, why: '次のとおり' },
    { body: '「目指す社会の姿」を実現するために以下①～⑥が求められる。', announces: true, why: '以下 + numbered items' },
    { body: '日の出町がデジタル化を進めていく基本的な方針を示します。', announces: true, why: '…を示します' },
    {
      body: '東久留米市の「RPA」は、計画では次のとおりです。\n令和5年度: 事例研究',
      announces: false,
      why: 'what it announces follows in the same quote',
    },
    {
      body: '東京自治体クラウドに参加し、…節減等を推進します。',
      announces: false,
      why: 'a measure stated',
    },
  ];
  it.each(cases)('$why', ({ body, announces }) => {
    expect(announcesOnly({ body, cite: '' })).toBe(announces);
  });
});

describe('fitQuote: a quote too long for its side', () => {
  const block = [
    '重点取組 1 マイナンバーカードの普及促進（所管課: 市民課）',
    '概要: 行政サービスの利便性向上を図るため、マイナンバーカードの交付促進を行います。',
    '取組段階: 導入実行',
    '目標: 205,805枚 / 実績: 159,565枚 / 達成率: 77.5%',
  ].join('\n');
  const share = (t: string) => /%/.test(t);
  it('asked for a share: the first line and the line with the percentage, before the others', () => {
    const out = fitQuote(block, 80, share);
    expect(out).toBe(
      '重点取組 1 マイナンバーカードの普及促進（所管課: 市民課） 目標: 205,805枚 / 実績: 159,565枚 / 達成率: 77.5%',
    );
  });
  it('asked for nothing in particular: its first sentences, lines joined', () => {
    const out = fitQuote(block, 80, null);
    expect(out.startsWith('重点取組 1 マイナンバーカードの普及促進')).toBe(true);
    expect(out).not.toContain('77.5%');
    expect(out.length).toBeLessThanOrEqual(80);
  });
  it('a quote that fits is kept whole, its lines joined', () => {
    expect(fitQuote('a\nb', 10, share)).toBe('a b');
  });
});

describe('backgroundSentences: what the state or a law says, before the municipality’s own stance', () => {
  const cases = [
    {
      s: '国はDX推進計画において「マイナンバーカードの普及促進」を重点取組事項の一つとしています。',
      bg: true,
      why: '国は: the state',
    },
    {
      s: 'DX推進計画において、国は標準準拠システムへの移行の目標時期を令和7年度としています。',
      bg: true,
      why: 'a short phrase, then 国は',
    },
    {
      s: 'AIやRPAなどのデジタル技術を今後積極的に活用すべきとされています。',
      bg: true,
      why: '…とされています: reported',
    },
    {
      s: '本市では、市民の利便性向上を目指し、行政手続のオンライン化を推進していきます。',
      bg: false,
      why: '本市では: the city itself',
    },
    {
      s: '(*³) Artificial Intelligence の略であり、人工的なシステムにより行えるようにしたもの。',
      bg: true,
      why: 'a footnote',
    },
    { s: '高齢者を対象とするスマートフォン講座を開催する。', bg: false, why: 'a measure with no subject named' },
  ];
  it.each(cases)('$why', ({ s, bg }) => {
    expect(backgroundSentences([s], false)).toEqual([bg]);
  });
  it('a sentence carrying on a background one (「また、」) is background; after the city’s own, its own', () => {
    const ss = [
      '国は…を目指すとしています。',
      'また、…活用を検討しています。',
      '本市では…慎重に検討します。',
      'また、…周知します。',
    ];
    expect(backgroundSentences(ss, false)).toEqual([true, true, false, false]);
  });
  it('asked about the state’s policy, its sentences are the answer, not background', () => {
    expect(backgroundSentences(['国は…を目指すとしています。'], true)).toEqual([false]);
  });
});

describe('fitQuote: a prose quote cut to its room keeps the municipality’s own sentences', () => {
  const body = [
    '国は「マイナンバーカードの普及促進」を重点取組事項の一つとしており、ほぼ全国民に行き渡ることを目指すとしています。また、マイナンバー制度の活用を検討しています。',
    'しかしながら、本市では個人情報の保護を第一として慎重に検討しています。',
  ].join('\n');
  it('the background sentences give way when the quote does not fit', () => {
    const out = fitQuote(body, 60, null);
    expect(out).toBe('しかしながら、本市では個人情報の保護を第一として慎重に検討しています。');
  });
  it('a quote that fits is kept whole, background and all', () => {
    expect(fitQuote(body, 200, null)).toBe(body.replace('\n', ' '));
  });
  it('a quote that is all background is cut by its first sentences', () => {
    const out = fitQuote('国は…としています。また、国では…推進しています。', 12, null);
    expect(out).toBe('国は…としています。');
  });
});
