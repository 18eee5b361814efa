import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeSnapshot, Municipality } from '../../src/knowledge/index.js';
import { CHANNEL_ORDER, decideRoute, detectProcedure } from '../../src/routing/index.js';
import { loadSnapshot } from '../../src/runtime.js';
import { PROJECT_ROOT } from '../helpers/engine.js';

let snapshot: KnowledgeSnapshot;
const m = (id: string): Municipality => snapshot.municipalities.find((x) => x.id === id)!;
const route = (q: string, id: string | null) =>
  decideRoute(snapshot.routes, detectProcedure(q.normalize('NFKC').toLowerCase()), id ? m(id) : null);

beforeAll(async () => {
  snapshot = await loadSnapshot({ root: PROJECT_ROOT });
});

describe('decideRoute: only channels the municipality really has', () => {
  const cases = [
    {
      q: '書かずに住民票を取りたい',
      m: 'nishitokyo',
      has: 'kakanai',
      why: '西東京市: 書かない窓口 in operation since 令和5年11月',
    },
    {
      q: '書かずに住民票を取りたい',
      m: 'hinode',
      lacks: 'kakanai',
      planned: 'kakanai',
      why: '日の出町: planned for 令和9年度',
    },
    { q: '家族が亡くなった後の手続きをしたい', m: 'nishitokyo', has: 'okuyami', why: '西東京市 has おくやみ窓口' },
    {
      q: '家族が亡くなった後の手続きをしたい',
      m: 'musashino',
      lacks: 'okuyami',
      why: '武蔵野市: not mentioned → none',
    },
    {
      q: '手数料をキャッシュレスで払いたい',
      m: 'koganei',
      has: 'cashless',
      why: '小金井市: 市民課窓口のキャッシュレス',
    },
    {
      q: '手数料をキャッシュレスで払いたい',
      m: 'hinode',
      lacks: 'cashless',
      planned: 'cashless',
      why: '日の出町: 電子決済 starts 令和7年度',
    },
    {
      q: '妊婦面談をオンラインでしたい',
      m: 'koganei',
      has: 'online-consultation',
      why: '小金井市: オンライン妊婦面談',
    },
    { q: 'コンビニで住民票を取りたい', m: 'nishitokyo', has: 'convenience-store', why: '西東京市: コンビニ交付' },
    { q: 'オンラインで転出届を出したい', m: 'musashino', has: 'online', why: '転出届 via マイナポータル is national' },
  ];
  it.each(cases)('$q @ $m ($why)', ({ q, m: id, has, lacks, planned }) => {
    const r = route(q, id);
    if (has) expect(r.channels).toContain(has);
    if (lacks) expect(r.channels).not.toContain(lacks);
    if (planned) expect(r.details.find((d) => d.id === planned)?.status).toBe('planned');
    expect(r.channels.at(-1)).toBe('counter');
  });

  it('orders channels 行かない → 書かない → 待たない, counter last', () => {
    const r = route('窓口の混雑を避けて手続きしたい', 'nishitokyo');
    const positions = r.channels.map((c) => CHANNEL_ORDER.indexOf(c));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(r.channels.slice(0, 2)).toEqual(['online', 'kakanai']);
  });

  it('the same question gets different channels per municipality', () => {
    const a = route('書かない窓口で手続きしたい', 'nishitokyo').channels;
    const b = route('書かない窓口で手続きしたい', 'hinode').channels;
    expect(a).toContain('kakanai');
    expect(b).not.toContain('kakanai');
  });

  it('applies known rules: 転入 needs a visit', () => {
    const r = route('転入届をオンラインで出したい', 'koganei');
    expect(r.lines.join('\n')).toContain('窓口');
  });
});
