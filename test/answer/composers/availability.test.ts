import { beforeAll, describe, expect, it } from 'vitest';
import type { Answer, AnswerEngine } from '../../../src/answer/types.js';
import type { MunicipalityId } from '../../../src/knowledge/index.js';
import { loadTestEngine } from '../../helpers/engine.js';

// The availability composer answers 「is this there (yet)?」 with the status the municipality's documents give.
// Each row names the fact (and the passage cited first) that must answer, and why; the route rows say why a
// yes/no procedure question stays a procedure.
let engine: AnswerEngine;
beforeAll(async () => {
  engine = await loadTestEngine();
});

const answered = (a: Answer) => a.debug?.composers?.find((c) => c.outcome === 'answered')?.reason ?? '';

describe('availability: which fact answers, and why', () => {
  const cases = [
    {
      q: 'スポーツ施設の使用料って交通系ICカードで払える？',
      m: 'nishitokyo',
      fact: 'nishitokyo:service:cashless',
      passage: 'nishitokyo-johoka:s52:p15',
      says: '令和5年4',
      why:
        'a yes/no payment question (no wish) whose object, スポーツ施設 with 交通系ICカード, is named by one KPI sentence of ' +
        'the キャッシュレス決済 measure (令和5年4月から導入): its status answers; before, it was routed',
    },
    {
      q: '証明書の発行手数料はキャッシュレスで払えますか',
      m: 'koganei',
      fact: 'koganei-dx:s35:p8:schedule',
      passage: 'koganei-dx:s35:p8',
      says: '市民課窓口',
      why:
        'the キャッシュレス決済の推進 row names 証明書 only in a column no stage was read from (「証明書発行窓口等の' +
        'キャッシュレス化の実施」): the whole row is the measure statement, so its status answers; before, it was routed',
    },
    {
      q: '妊婦面談をオンラインで受けることってできますか',
      m: 'koganei',
      fact: 'koganei-dx:s35:p7:schedule',
      passage: 'koganei-dx:s35:p7',
      says: '活用継続',
      why: 'the schedule row オンライン相談環境の構築 states 「オンライン妊婦面談の活用継続」: a measure, stated with its stage',
    },
    {
      q: '税金とか手数料を電子マネーで払えるようになる？',
      m: 'hinode',
      fact: 'hinode-dx:s47:p3:schedule',
      passage: 'hinode-dx:s47:p3',
      says: '令和7年度',
      why:
        '「〜ようになる？」 asks when it becomes possible: the 施策⑭ 電子決済（公金） schedule (令和7年度 開始), not ' +
        'the channels offered today',
    },
    {
      q: 'チャットボットで問い合わせできるサービスある？',
      m: 'koganei',
      fact: 'koganei-dx:s35:p4:schedule',
      passage: 'koganei-dx:s35:p4',
      says: '試行導入',
      why:
        '「問い合わせできるサービス」 asks whether a service exists, not whom to contact; no fact names チャットボット, but ' +
        'the sentence that does (s16:p1) sits under 「SNS活用によるポータルサイトの構築」, which the schedule row ' +
        '新たな情報の発信・提供手法構築 (SNSを活用…) states with its stages',
    },
    {
      q: '職員さんって在宅勤務できるようになったんですか',
      m: 'musashino',
      fact: 'musashino-dx:s18:p1',
      passage: 'musashino-dx:s18:p1',
      says: '検討',
      why:
        'no fact states telework for 武蔵野市: the sentence naming 在宅勤務 with its stage (導入に向けた検討) answers; ' +
        '「職員さん」 is 職員 (an honorific names no topic)',
    },
  ];
  it.each(cases)('$q ($m)', ({ q, m, fact, passage, says }) => {
    const a = engine.answer(q, { municipality: m as MunicipalityId, debug: true });
    expect(a.kind).toBe('answer');
    expect(a.composer).toBe('availability');
    expect(answered(a).startsWith(`${fact}:`)).toBe(true);
    expect(a.sources[0]?.passageId).toBe(passage);
    expect(a.text).toContain(says);
  });
});

describe('availability: yes/no procedure questions that stay procedures', () => {
  const cases = [
    {
      q: '証明書を取るときの手数料、現金以外で払えますか？',
      m: 'koganei',
      outcome: 'declined',
      why: 'no measure statement of 小金井市 names 証明書 or 手数料: only the channel キャッシュレス決済 matches, a route',
    },
    {
      q: '住民票ってコンビニで取れる？',
      m: 'nishitokyo',
      outcome: 'not-accepted',
      why:
        'a certificate to obtain (住民票) is a procedure to do, whatever a measure says of it (the sentence naming ' +
        '住民票 and コンビニ交付 reports on マイナンバーカードの活用): the channel コンビニ交付 is what the route answer gives',
    },
    {
      q: '税金を電子マネーで払いたい',
      m: 'hinode',
      outcome: 'not-accepted',
      why: 'a wish (〜たい) to do it: routed, whatever the plan says',
    },
  ];
  it.each(cases)('$q ($m)', ({ q, m, outcome }) => {
    const a = engine.answer(q, { municipality: m as MunicipalityId, debug: true });
    expect(a.kind).toBe('route');
    expect(a.composer).toBe('procedure');
    const trace = a.debug?.composers?.find((c) => c.composer === 'availability');
    expect(trace?.outcome).toBe(outcome);
  });
});
