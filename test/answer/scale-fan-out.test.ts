// A question scoped to one municipality reads a bounded set of index shards however many municipalities there
// are (issue 18): its own, the shared one, and — for a 参考 quote of another municipality or the ranking of other
// glossaries — the few whose documents hold most of the topic. Counted (not timed) on a small scaled corpus
// built here: the bundled five plus copies of two of them under new ids (bench/scale-corpus.ts), 11
// municipalities. The quotes are the ones the bundled corpus gives: the copies do not outrank the originals.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeScaledCorpus } from '../../bench/scale-corpus.js';
import { loadRuntime, type Runtime } from '../../src/runtime.js';

let runtime: Runtime;
let root: string;
// Which shards a question reads: each shard's retrieval (the real one, counted on its way through).
const reads = vi.hoisted(() => ({ visited: new Set<string>(), names: new WeakMap<object, string>() }));
const visited = reads.visited;
vi.mock('../../src/search/corpus-scoring.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/search/corpus-scoring.js')>();
  return {
    ...real,
    retrieve: (...args: Parameters<typeof real.retrieve>) => {
      reads.visited.add(reads.names.get(args[0]) ?? '?');
      return real.retrieve(...args);
    },
  };
});

beforeAll(async () => {
  root = makeScaledCorpus(4, undefined, ['musashino', 'higashikurume']);
  runtime = await loadRuntime({ root, cacheDir: null });
  for (const shard of runtime.index.shards()) reads.names.set(shard.mini, shard.name || 'shared');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function ask(q: string, municipality?: string) {
  visited.clear();
  const answer = runtime.engine.answer(q, { ...(municipality ? { municipality } : {}), debug: true });
  return { answer, shards: [...visited] };
}

// Own shard + the shared one + four others (OTHERS_READ in engine.ts).
const BOUND = 6;

describe('a scoped question reads a bounded set of shards', () => {
  it('the corpus has more shards than the bound', () => {
    expect(runtime.snapshot.municipalities).toHaveLength(11);
    expect(runtime.index.shards().length).toBeGreaterThan(BOUND + 4);
  });

  const notStated = [
    {
      q: '武蔵野市のマイナンバーカードの交付枚数は何枚？',
      m: 'musashino',
      from: 'nishitokyo',
      why: '武蔵野市 gives no count of cards; 西東京市 (its result sheet: 交付枚数 159,565枚) is read, not every copy',
    },
    {
      q: 'マイナンバーカードの交付枚数は何枚？',
      m: 'musashino-x3',
      from: 'nishitokyo',
      why: 'a copy of 武蔵野市 states no more than 武蔵野市: the same 参考, from the same few shards',
    },
    {
      q: 'AI・RPAは何年度までに導入するの？',
      m: 'musashino',
      from: 'koganei',
      why: '小金井市 names its AI・RPA 取組; the copies of 東久留米市 hold the words too but are not all read',
    },
  ];
  it.each(notStated)('not stated: $q ($m)', ({ q, m, from }) => {
    const { answer, shards } = ask(q, m);
    expect(answer.composer).toBe('not-stated');
    expect(answer.text).toContain(`参考：${nameOf(from)}の資料では`);
    expect(answer.sources[0]?.municipality).toBe(from);
    expect(shards).toContain(m);
    expect(shards.length).toBeLessThanOrEqual(BOUND);
  });

  it('a definition the chosen municipality lacks: another glossary, ranked in a few shards, the rest counted', () => {
    // (武蔵野市's own text defines デジタルデバイド, which then answers; ガバメントクラウド it only mentions)
    const { answer, shards } = ask('ガバメントクラウドとは', 'musashino');
    expect(answer.composer).toBe('glossary');
    // 日の出町's entry, as in the bundled corpus: no copy outranks the originals
    expect(answer.text).toContain('武蔵野市の資料の用語集には「ガバメントクラウド」の説明はありません。');
    expect(answer.sources[0]?.municipality).toBe('hinode');
    // more other glossaries explain it (東久留米市 and its three copies, …) than are named: four named, all counted,
    // so the line cannot crowd out the definition as municipalities grow
    expect(answer.text).toMatch(/など\d+自治体の資料にも説明があります。$/);
    expect(answer.text).toContain('クラウド');
    expect(shards.length).toBeLessThanOrEqual(BOUND);
  });

  it('an unscoped question may read every shard (fan-out and merge)', () => {
    const { answer, shards } = ask('マイナンバーカードの交付枚数は何枚？');
    expect(answer.kind).not.toBe('fallback');
    expect(shards.length).toBeGreaterThan(BOUND);
  });
});

const nameOf = (id: string) => runtime.snapshot.municipalities.find((m) => m.id === id)?.name;
