// Routes that never mislead, as a resident sees them on LINE: for each municipality × channel status,
// what the reply says and which button is primary; and the wording for a bereavement. The real engine
// on the bundled corpus, the LINE room's own builder, and LINE's schema for the bodies.
import type { messagingApi } from '@line/bot-sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/answer/index.js';
import { buildReply } from '../../src/line/index.js';
import type { Runtime } from '../../src/runtime.js';
import { validateLine } from '../fixtures/line-openapi/validate-line-messages.mjs';
import { loadTestRuntime } from '../helpers/engine.js';

let runtime: Runtime;
beforeAll(async () => {
  runtime = await loadTestRuntime();
});

function ask(q: string, m: string | null) {
  const answer = runtime.engine.answer(q, { municipality: m as Answer['municipality'] });
  const messages = buildReply(answer, { question: q, municipalities: runtime.snapshot.municipalities });
  expect(validateLine('ReplyMessageRequest', { replyToken: 'x', messages })).toEqual([]);
  const flex = messages[0] as messagingApi.FlexMessage;
  const bubble = flex.contents as messagingApi.FlexBubble;
  const buttons = (bubble.footer?.contents ?? []).filter((c): c is messagingApi.FlexButton => c.type === 'button');
  const primary = buttons.find((b) => b.style === 'primary')?.action.label ?? null;
  return { answer, text: answer.text, primary, labels: buttons.map((b) => b.action.label ?? '') };
}

// The channels listed as ways to do it now: the 「・」 lines before 「このほか」 (planned ones come after).
const offered = (text: string) =>
  (text.split('このほか')[0] ?? '')
    .split('\n')
    .filter((l) => l.startsWith('・'))
    .map((l) => l.slice(1).split('：')[0]);

const CASES: {
  q: string;
  m: string;
  status: string;
  primary: string;
  says: string[];
  never: string[];
  why: string;
}[] = [
  {
    q: '住民票をコンビニで取りたい',
    m: 'hinode',
    status: 'convenience-store: none',
    primary: '窓口',
    says: ['日の出町では、窓口で手続きできます。', 'コンビニ交付は、日の出町の資料に記載がありません'],
    never: ['未実施', '・コンビニ交付', 'マルチコピー機'],
    why: "not in 日の出町's document: not offered, no national rule for コンビニ交付",
  },
  {
    q: '住民票をコンビニで取りたい',
    m: 'koganei',
    status: 'convenience-store: none',
    primary: '窓口',
    says: ['コンビニ交付は、小金井市の資料に記載がありません'],
    never: ['未実施', '・コンビニ交付', '自治体DX推進担当'],
    why: 'the DX office is not who issues 住民票',
  },
  {
    q: '住民票をコンビニで取りたい',
    m: 'nishitokyo',
    status: 'convenience-store: available',
    primary: 'コンビニ交付',
    says: ['・コンビニ交付：', '担当：西東京市 市民課'],
    never: ['資料に記載がありません', '情報推進課'],
    why: '西東京市 runs コンビニ交付; 市民課 handles it',
  },
  {
    q: '書かずに住民票を取りたい',
    m: 'hinode',
    status: 'kakanai: planned',
    primary: '窓口',
    says: ['このほか、次の方法は導入予定です。', '・書かない窓口：導入予定です（令和9年度'],
    never: ['未実施'],
    why: 'planned with its date, on its own line after what can be used now',
  },
  {
    q: '書かずに住民票を取りたい',
    m: 'nishitokyo',
    status: 'kakanai: available',
    primary: '書かない窓口',
    says: ['・書かない窓口：令和5年11月から運用中。', '担当：西東京市 市民課'],
    never: ['導入予定'],
    why: 'in operation since 令和5年11月 at 市民課',
  },
  {
    q: 'オンラインで転出届を出したい',
    m: 'musashino',
    status: 'online: planned, national rule',
    primary: 'オンライン申請',
    says: ['・オンライン申請：', 'マイナポータルからオンラインで提出できます（全国共通'],
    never: ['導入予定'],
    why: '転出届 through マイナポータル holds in every municipality',
  },
  {
    q: '手数料をキャッシュレスで払いたい',
    m: 'koganei',
    status: 'cashless: available',
    primary: 'キャッシュレス決済',
    says: ['・キャッシュレス決済：', '担当：小金井市 市民課'],
    never: ['自治体DX推進担当'],
    why: '市民課窓口のキャッシュレス決済 (the document names 市民課)',
  },
  {
    q: '手数料をキャッシュレスで払いたい',
    m: 'hinode',
    status: 'cashless: planned',
    primary: '窓口',
    says: ['・キャッシュレス決済：導入予定です（令和7年度'],
    never: ['・キャッシュレス決済：税金'],
    why: 'planned: a date, not a way to pay today',
  },
  {
    // (「税金の納付ってどこでできるの？」 names no certificate: 施策⑭ 電子決済（公金）'s 現状 answers it — route-or-answer.test.ts)
    q: '税金を納付したいんだけど、どうすればいい？',
    m: 'hinode',
    status: 'cashless: planned, with a note',
    primary: '窓口',
    says: [
      '・キャッシュレス決済：導入予定です（令和7年度',
      '税金は金融機関・農協・郵便局・コンビニエンスストアで納付できます',
    ],
    never: ['・キャッシュレス決済：税金'],
    why: 'planned, and what the data says meanwhile (where taxes are paid now) is not left out',
  },
  {
    q: '健康相談をオンラインでしたい',
    m: 'musashino',
    status: 'online-consultation: none',
    primary: '窓口',
    says: ['オンライン相談は、武蔵野市の資料に記載がありません'],
    never: ['・オンライン相談', '未実施'],
    why: 'not mentioned → said so once, never offered',
  },
];

describe('route replies per municipality × channel status', () => {
  it.each(CASES)('$q @ $m ($status) → primary $primary: $why', ({ q, m, primary, says, never }) => {
    const r = ask(q, m);
    expect(r.answer.kind).toBe('route');
    expect(r.primary).toBe(primary);
    for (const s of says) expect(r.text).toContain(s);
    for (const s of never) expect(r.text).not.toContain(s);
    // buttons only for what can be used now
    const usable = (r.answer.route?.details ?? []).filter((d) => d.status === 'available').map((d) => d.label);
    expect(r.labels.slice(0, usable.length)).toEqual(usable);
    for (const d of r.answer.route?.details ?? []) {
      if (d.status !== 'available') expect(r.labels).not.toContain(d.label);
    }
    expect(r.answer.route?.channels).toEqual(
      r.answer.route?.details.filter((d) => d.status === 'available').map((d) => d.id),
    );
    expect(offered(r.text)).toEqual(usable);
  });

  it("never names a municipality's DX policy office as who handles a procedure", () => {
    for (const mun of runtime.snapshot.municipalities) {
      const r = ask('住民票を取りたい', mun.id);
      if (mun.contact.department) expect(r.text, mun.id).not.toContain(mun.contact.department);
    }
  });
});

const BEREAVEMENT: { q: string; m: string; primary: string; first: string; why: string }[] = [
  {
    q: '母が亡くなりました。手続きはどこでできますか',
    m: 'nishitokyo',
    primary: 'おくやみ窓口',
    first: '・おくやみ窓口：',
    why: '西東京市 has an おくやみ窓口: it leads',
  },
  {
    q: '母が亡くなりました。手続きはどこでできますか',
    m: 'musashino',
    primary: '窓口',
    first: '・窓口：',
    why: "no おくやみ窓口 in 武蔵野市's document: the counter leads, with what to bring",
  },
  {
    q: '父の葬儀のあとの手続きを教えて',
    m: 'hinode',
    primary: '窓口',
    first: '・窓口：',
    why: '葬儀 is a bereavement cue',
  },
  {
    q: '相続の手続きをしたい',
    m: 'nishitokyo',
    primary: 'おくやみ窓口',
    first: '・おくやみ窓口：',
    why: '相続 follows a death',
  },
];

describe('bereavement wording', () => {
  it.each(BEREAVEMENT)('$q @ $m → $primary first ($why)', ({ q, m, primary, first }) => {
    const r = ask(q, m);
    expect(r.text.startsWith('お悔やみ申し上げます。\n')).toBe(true);
    expect(r.primary).toBe(primary);
    expect(r.text.split('\n').find((l) => l.startsWith('・'))).toMatch(new RegExp(`^${first}`));
    expect(r.text).not.toContain('未実施');
    if (primary === '窓口') expect(r.text).toContain('死亡診断書');
  });

  it('a question that is not about a death gets no condolence', () => {
    expect(ask('住民票をコンビニで取りたい', 'nishitokyo').text).not.toContain('お悔やみ');
  });
});
