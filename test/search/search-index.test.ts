import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Analyzer, createAnalyzer } from '../../src/analysis/index.js';
import {
  buildIndex,
  cacheFiles,
  loadIndex,
  loadOrBuildIndex,
  type SearchIndex,
  type SearchOptions,
  serializeIndex,
} from '../../src/search/index.js';
import { snapshot } from './fixture.js';

let analyzer: Analyzer;
let index: SearchIndex;
beforeAll(async () => {
  analyzer = await createAnalyzer({ synonyms: snapshot.synonyms });
  index = buildIndex(snapshot, analyzer);
});

interface Case {
  q: string;
  top: string;
  why: string;
  opts?: SearchOptions;
}

const table = (cases: Case[]) =>
  it.each(cases)('$q → $top ($why)', (c) => {
    expect(index.search(c.q, c.opts)[0]?.id).toBe(c.top);
  });

describe('compounds', () => {
  table([
    { q: 'マイナンバー', top: 'p-card', why: 'a part of the joined noun run マイナンバーカード' },
    { q: '番号カードの交付', top: 'p-card2', why: '番号カード meets 個人番号カード through its parts' },
    { q: '個人番号カード', top: 'p-card2', why: 'the joined run outranks a passage with only 個人番号' },
    { q: '無線LAN環境', top: 'p-wifi', why: 'compound across kanji and Latin letters, joined with 環境' },
  ]);
});

describe('unknown katakana words', () => {
  table([
    { q: 'ガバメントクラウド', top: 'p-server', why: 'unknown to IPADIC, kept whole (basic form is *)' },
    { q: 'サーバ', top: 'p-server', why: 'katakana stem: サーバー and サーバ are one term' },
    { q: 'テレワークを始めたい', top: 'p-telework', why: 'unknown katakana word inside a colloquial question' },
  ]);
});

describe('numbers', () => {
  table([
    { q: '71.5%', top: 'p-card', why: 'a decimal stays one term' },
    { q: '205805人', top: 'p-pop', why: 'a comma-grouped number is indexed without the comma' },
    { q: '令和7年度', top: 'p-telework', why: 'era + year joined although IPADIC splits 令和' },
    { q: '20拠点', top: 'p-wifi', why: 'number with its counter' },
  ]);
});

describe('question intent', () => {
  table([
    { q: '公衆無線LANとは', top: 'g-wifi', why: '「〜とは」 asks for the glossary entry' },
    { q: '公衆無線LANの目標は何拠点', top: 'p-wifi', why: 'how many: a passage with a figure, not the glossary' },
    { q: 'テレワークはいつから', top: 'p-telework', why: 'when: a passage with a date' },
  ]);
});

describe('full-width and half-width input', () => {
  table([
    { q: 'ＤＸとは', top: 'g-dx', why: 'NFKC + lower-case; 「〜とは」 prefers the glossary entry' },
    { q: '７１．５％', top: 'p-card', why: 'full-width digits and point fold to 71.5' },
    { q: 'ﾃﾚﾜｰｸ', top: 'p-telework', why: 'half-width katakana fold' },
  ]);
});

describe('synonyms (down-weighted, query side)', () => {
  table([
    { q: 'マイナカードの普及', top: 'p-card', why: 'マイナカード expands to マイナンバーカード' },
    { q: 'リモートワーク', top: 'p-telework', why: 'リモートワーク expands to テレワーク' },
    {
      q: '最初に地域情報化計画を作ったのはいつ',
      top: 'p-plan-2004',
      why: '作った → 作る expands to 策定; いつ wants a date',
    },
  ]);

  it('rank a passage with the word as typed above one reached only by a synonym', () => {
    const ids = index.search('個人番号カード').map((h) => h.id);
    expect(ids.indexOf('p-card2')).toBeLessThan(ids.indexOf('p-card'));
  });
});

describe('municipality filters', () => {
  table([
    { q: '公衆無線LAN', opts: { municipality: 'hinode' }, top: 'p-wifi-hinode', why: 'explicit filter' },
    { q: '日の出町の公衆無線LAN', top: 'p-wifi-hinode', why: 'a municipality named in the question filters' },
    {
      q: '公衆無線LANの整備',
      opts: { municipality: 'hinode', filter: 'boost' },
      top: 'p-wifi-hinode',
      why: 'boost keeps other municipalities but ranks hinode first',
    },
    {
      q: '武蔵野市のDXの担当課はどこ',
      top: 'p-cover',
      why: 'a contact question about the policy as a whole: the cover',
    },
    { q: '武蔵野市の問い合わせ先', top: 'p-cover', why: 'no topic besides the contact words: the cover' },
    {
      q: '武蔵野市のキャッシュレス決済の担当課は',
      top: 'p-cashless-row',
      why: 'a topic of its own: the passage naming its 所管課, not the cover',
    },
  ]);

  it('only: no hit from another municipality; FAQ without a municipality applies everywhere', () => {
    const hits = index.search('公衆無線LAN', { municipality: 'koganei' });
    expect(hits.every((h) => h.municipality === 'koganei' || h.municipality === null)).toBe(true);
    expect(index.search('ペーパーレスはいつから', { municipality: 'koganei' })[0]?.id).toBe('f-paperless');
  });

  it('null turns detection off', () => {
    const hits = index.search('日の出町の公衆無線LAN', { municipality: null });
    expect(hits.map((h) => h.id)).toContain('p-wifi');
  });

  it('types restricts the kinds of hits', () => {
    const hits = index.search('DX', { types: ['passage'] });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.type === 'passage')).toBe(true);
  });
});

describe('hits', () => {
  it('carry the matched terms, the fields and the source object', () => {
    const [hit] = index.search('マイナンバーカードの普及率');
    expect(hit?.type).toBe('passage');
    expect(hit?.passage?.id).toBe('p-card');
    expect(hit?.terms).toContain('マイナンバーカード');
    expect(hit?.match['普及率']).toContain('body');
  });

  it('a question of only question words finds nothing', () => {
    expect(index.search('何ですか')).toEqual([]);
  });
});

describe('serialized cache', () => {
  it('round-trips to the same ranking', () => {
    const loaded = loadIndex(serializeIndex(index), snapshot, analyzer);
    expect(loaded).not.toBeNull();
    for (const q of ['マイナカード', '令和7年度', 'ＤＸとは']) {
      expect(loaded!.search(q).map((h) => h.id)).toEqual(index.search(q).map((h) => h.id));
    }
  });

  it('is refused when any passage changed, even with the same input-file hash (never stale)', () => {
    const edited = {
      ...snapshot,
      passages: snapshot.passages.map((p, i) => (i ? p : { ...p, text: `${p.text}追記` })),
    };
    expect(loadIndex(serializeIndex(index), edited, analyzer)).toBeNull();
  });

  it('is refused for another analyzer version', () => {
    expect(loadIndex(serializeIndex(index), snapshot, { ...analyzer, version: 'other' })).toBeNull();
  });

  it('keeps one file per shard: a knowledge edit rebuilds and replaces only the edited shard', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'madoguchi-cache-'));
    try {
      const first = await loadOrBuildIndex(snapshot, analyzer, dir);
      expect(first.fromCache).toBe(false);
      expect((await loadOrBuildIndex(snapshot, analyzer, dir)).fromCache).toBe(true);
      const edited = {
        ...snapshot,
        passages: snapshot.passages.map((p, i) => (i ? p : { ...p, text: `${p.text}追記` })),
      };
      const again = await loadOrBuildIndex(edited, analyzer, dir);
      expect(again.fromCache).toBe(false);
      expect(again.shardsBuilt).toBe(1); // only the edited passage's municipality
      const files = (await readdir(dir)).filter((f) => f.startsWith('search-index-')).sort();
      expect(files).toEqual(
        cacheFiles(dir, edited, analyzer)
          .map((f) => basename(f))
          .sort(),
      );
      expect(files.length).toBe(first.index.shards().length);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
