import { beforeAll, describe, expect, it } from 'vitest';
import { findServices, type KnowledgeSnapshot, type ServiceStatusFact } from '../../../src/knowledge/index.js';
import { loadCorpus } from './corpus.js';

let snapshot: KnowledgeSnapshot;
beforeAll(async () => {
  snapshot = await loadCorpus();
});

const service = (m: string, phrase: string): ServiceStatusFact | undefined =>
  findServices(snapshot.facts, phrase, m)[0];

describe('service status per municipality: status, date and the evidence it comes from', () => {
  it.each([
    {
      m: 'nishitokyo',
      q: 'kakanai',
      status: 'available',
      since: '令和5年11月',
      from: 'routes',
      why: 'staff recorded it; the result sheet’s 「令和5年11月から「書かない窓口」の運用を開始しました」 agrees',
    },
    {
      m: 'hinode',
      q: '電子決裁',
      status: 'planned',
      plannedFor: '令和7年度',
      smallStart: '令和6年度',
      from: 'schedule',
      why: '重点16項目: 令和6年度 スモールスタート, 令和7年度 開始',
    },
    {
      m: 'nishitokyo',
      q: '電子決裁',
      status: 'studying',
      from: 'kpi',
      why: 'result sheet 17: 取組段階 適用検討',
    },
    {
      m: 'musashino',
      q: '電子決裁',
      status: 'studying',
      from: 'prose',
      why: 'item heading 「(6) 文書の電子化の推進及び電子決裁の導入の検討」',
    },
    {
      m: 'koganei',
      q: 'cashless',
      status: 'available',
      from: 'routes',
      why: 'routes.yaml, and the plan’s 「市民課窓口の活用継続」 in its first year',
    },
    {
      m: 'hinode',
      q: 'cashless',
      status: 'planned',
      plannedFor: '令和7年度',
      from: 'routes',
      why: '電子決済(公金) is the cashless channel by synonyms.yaml (キャッシュレス ↔ 電子決済)',
    },
    {
      m: 'koganei',
      q: '新たな情報の発信・提供手法構築',
      status: 'planned',
      plannedFor: '令和6年度',
      smallStart: '令和5年度',
      from: 'schedule',
      why: 'SNS portal: 令和5年度 試行導入 (a pilot), 令和6年度 活用範囲の検討・拡大',
    },
    {
      m: 'koganei',
      q: 'okuyami',
      status: 'not-mentioned',
      from: 'prose',
      why: 'no passage of 小金井市’s document names おくやみ窓口',
    },
    {
      m: 'higashikurume',
      q: '電子決裁',
      status: 'not-mentioned',
      from: 'prose',
      why: 'named by three other municipalities, never by 東久留米市',
    },
  ])('$m $q → $status: $why', ({ m, q, status, since, plannedFor, smallStart, from }) => {
    const f = service(m, q);
    expect(f?.status).toBe(status);
    expect(f?.since).toBe(since);
    expect(f?.plannedFor).toBe(plannedFor);
    expect(f?.smallStart).toBe(smallStart);
    expect(f?.evidence[0]?.from).toBe(from);
  });

  it('西東京市 キャッシュレス決済: one fact, its evidence from routes.yaml and each result sheet (12-1, 12-2, 13)', () => {
    const f = service('nishitokyo', 'cashless');
    expect(f?.evidence.map((e) => e.from)).toEqual(['routes', 'kpi', 'kpi', 'kpi']);
    expect(f?.evidence.slice(1).map((e) => e.citation.passageId)).toEqual([
      'nishitokyo-johoka:s52:p14',
      'nishitokyo-johoka:s52:p15',
      'nishitokyo-johoka:s52:p16',
    ]);
  });

  it('no 「not mentioned」 where the documents name the service: 小金井市 デジタルデバイド (「情報格差（デジタルデバイド）」), 日の出町 オンライン相談 (an example in a national section)', () => {
    expect(service('koganei', 'デジタルデバイド対策')?.status).not.toBe('not-mentioned');
    expect(findServices(snapshot.facts, 'online-consultation', 'hinode').map((f) => f.status)).not.toContain(
      'not-mentioned',
    );
  });

  it('「which municipalities have キャッシュレス決済」 reads one fact per municipality that says anything', () => {
    const all = findServices(snapshot.facts, 'cashless').map((f) => `${f.municipality} ${f.status}`);
    expect(all.sort()).toEqual([
      'higashikurume not-mentioned',
      'hinode planned',
      'koganei available',
      'musashino not-mentioned',
      'nishitokyo available',
    ]);
  });

  it('a result sheet’s evidence carries its 進捗内容 (地域BWA: the vendor withdrew), not only its stage', () => {
    const f = service('nishitokyo', '地域BWA');
    expect(f?.status).toBe('studying');
    expect(f?.evidence[0]?.text).toContain(
      '提案企業の撤退により、地域BWAを活用できず、導入の見通しが立っていない状況です。',
    );
  });

  it('every service fact cites a document of its own municipality', () => {
    for (const f of snapshot.facts.all.filter((x) => x.kind === 'service')) {
      expect(f.citation.municipality).toBe(f.municipality);
    }
  });
});
