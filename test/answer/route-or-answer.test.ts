// Route or answer: a resident who wants to DO a procedure is sent to the channels the municipality has; one asking
// WHETHER (or where) the municipality offers a service is answered with what its documents say of it. A certificate
// or a notification to obtain or hand in (住民票, 印鑑登録証明書, 転出届 …) makes a procedure, whatever the channel
// word or a measure mentioning it in passing; a payment or a service asked with an availability ending and no such
// object is a question about the municipality's measure. Rows written from the seeds.
import { beforeAll, describe, expect, it } from 'vitest';
import { createConversation } from '../../src/answer/index.js';
import type { Answer, AnswerEngine } from '../../src/answer/types.js';
import type { MunicipalityId } from '../../src/knowledge/index.js';
import { createMemoryStore } from '../../src/state/index.js';
import { loadTestEngine } from '../helpers/engine.js';

let engine: AnswerEngine;
beforeAll(async () => {
  engine = await loadTestEngine();
}, 60_000);

const ask = (q: string, m: string) => engine.answer(q, { municipality: m as MunicipalityId, debug: true });
const composerOf = (a: Answer, name: string) => a.debug?.composers?.find((c) => c.composer === name);

describe('a certificate or notification to obtain or hand in is routed, whatever a measure says of it', () => {
  it.each([
    {
      q: 'マイナンバーカードがあれば住民票の写しはコンビニで取れますか',
      m: 'nishitokyo',
      channel: 'convenience-store',
      why:
        '西東京市 reports コンビニ交付 of 住民票 under マイナンバーカードの活用(市独自利用) (調査研究), a measure sharing ' +
        'マイナンバーカード with the question: that is not how the resident gets a 住民票 — コンビニ交付 is',
    },
    {
      q: 'ﾏｲﾅﾝﾊﾞｰｶｰﾄﾞで住民票とれる？',
      m: 'nishitokyo',
      channel: 'convenience-store',
      why: 'half-width katakana and とれる in kana read as the row above (NFKC, the verb by its reading)',
    },
    {
      q: '転出届はマイナポータルで出せる？',
      m: 'higashikurume',
      channel: 'online',
      why: '転出届 is handed in: 東久留米市 states マイナポータル among its online channels',
    },
    {
      q: '死亡届ってオンラインで出せる？',
      m: 'nishitokyo',
      channel: 'okuyami',
      why: '死亡届 is a notification (unlike おくやみ窓口 named as a service): routed, おくやみ窓口 first',
    },
  ])('$q ($m) → route ($why)', ({ q, m, channel }) => {
    const a = ask(q, m);
    expect(a.kind).toBe('route');
    expect(a.route?.channels).toContain(channel);
    expect(composerOf(a, 'availability')?.outcome).toBe('not-accepted');
  });
});

describe('a payment asked with an availability ending and no certificate is answered from the measure', () => {
  it.each([
    {
      q: '証明書の手数料って払えたりする？',
      m: 'koganei',
      says: ['キャッシュレス決済', '証明書発行手数料'],
      why:
        'no channel named: whether fees can be paid (otherwise than in cash) is 小金井市’s キャッシュレス決済の推進 — 「利用の多い' +
        '証明書発行手数料などから、キャッシュレス決済を導入」 (the sentence under キャッシュレス決済の拡大); 証明書 is the fee’s',
    },
    {
      q: '税金はどこで払えますか',
      m: 'hinode',
      says: ['電子決済（公金）', 'コンビニエンスストア'],
      why:
        'where taxes are paid is 日の出町’s 施策⑭ 電子決済（公金）: its sheet’s 現状 (金融機関・農協・郵便局のほか、コンビニ' +
        'エンスストアにおいても税金の納付ができる) says how it is now, before the plan’s years',
    },
  ])('$q ($m) → answer ($why)', ({ q, m, says }) => {
    const a = ask(q, m);
    expect(a.kind).toBe('answer');
    expect(a.composer).toBe('availability');
    for (const s of says) expect(a.text).toContain(s);
  });

  it('naming a channel, a payment question is still answered only by a statement naming nearly all it asks', () => {
    // 「現金じゃなくてカードとかで」 describes the cashless channel; no 小金井市 statement names カード: routed
    const a = ask('証明書の発行手数料、現金じゃなくてカードとかで払える？', 'koganei');
    expect(a.kind).toBe('route');
    expect(a.route?.channels[0]).toBe('cashless');
  });
});

describe('after a route, another channel asked keeps the route', () => {
  it('「マイナンバーカードがあればコンビニでも取れる？」 after 住民票: the procedure carried, the channel asked', async () => {
    const store = createMemoryStore();
    const conversation = createConversation({ sessions: store, ttlSeconds: 60 });
    const opts = { municipality: 'nishitokyo' as MunicipalityId, session: 'r1' };
    expect((await conversation.ask(engine, '住民票の写しがほしい', opts)).kind).toBe('route');
    const next = await conversation.ask(engine, 'マイナンバーカードがあればコンビニでも取れる？', opts);
    expect(next.kind).toBe('route');
    expect(next.route?.channels).toContain('convenience-store');
    await store.close();
  });
});

describe('a service asked with an availability ending is answered with its own measure’s status', () => {
  it.each([
    {
      q: '公民館でスマホ講座ある？',
      m: 'koganei',
      says: '市民のデジタル環境向上への寄与',
      never: '教育現場のDX推進',
      why:
        'the row naming 公民館 (「公民館主催事業「パソコン相談室」」) is 市民のデジタル環境向上への寄与’s own row: its ' +
        'schedule answers, not a measure the table’s heading 「DX 推進の主な取組項目」 happens to share words with',
    },
    {
      q: '市の公共施設でWi-Fiって使えるようになる？',
      m: 'koganei',
      says: '市民のデジタル環境向上への寄与',
      never: '教育現場のDX推進',
      why: '「公共施設のWifi環境拡充検討」 is in the same row: the same measure',
    },
  ])('$q ($m) → $says ($why)', ({ q, m, says, never }) => {
    const a = ask(q, m);
    expect(a.kind).toBe('answer');
    expect(a.composer).toBe('availability');
    expect(a.text.split('\n')[0]).toContain(says);
    expect(a.text).not.toContain(never);
  });
});
