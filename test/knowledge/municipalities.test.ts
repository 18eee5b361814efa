// The one municipality detector: names from the data, matched ignoring case and width.
import { describe, expect, it } from 'vitest';
import { createMunicipalityDetector, loadKnowledge, type Municipality } from '../../src/knowledge/index.js';
import { ROOT } from './corpus.js';

const bundled = await loadKnowledge({ root: ROOT });
if (!bundled.ok) throw new Error('the bundled knowledge must load');
const mitaka: Municipality = {
  id: 'mitaka',
  name: '三鷹市',
  shortName: '三鷹',
  aliases: ['みたか', 'Mitaka'],
  contact: {},
};
const detector = createMunicipalityDetector([...bundled.snapshot.municipalities, mitaka]);

describe('resolve: an id or a name typed alone', () => {
  it.each([
    { v: 'musashino', id: 'musashino', why: 'the id' },
    { v: 'Musashino', id: 'musashino', why: 'romaji alias as written' },
    { v: 'ＭＵＳＡＳＨＩＮＯ', id: 'musashino', why: 'full-width capitals fold to the alias' },
    { v: 'nishitokyo', id: 'nishitokyo', why: 'lower-case romaji' },
    { v: 'Nishi-Tokyo', id: 'nishitokyo', why: 'hyphenated romaji alias' },
    { v: 'ﾋﾉﾃﾞﾏﾁ', id: 'hinode', why: 'half-width katakana folds to the kana alias' },
    { v: ' 小金井 ', id: 'koganei', why: 'the short form, spaces around' },
    { v: '西 東京市', id: 'nishitokyo', why: 'a space typed inside the name' },
    { v: 'みたか', id: 'mitaka', why: 'a municipality that is only data' },
    { v: '東京', id: undefined, why: 'not a name of any municipality' },
    { v: '小金井市の方針', id: undefined, why: 'a question is not a name typed alone' },
  ])('$v → $id ($why)', ({ v, id }) => {
    expect(detector.resolve(v)?.id).toBe(id);
  });
});

describe('find: every municipality named in a question, in order', () => {
  it.each([
    { q: '武蔵野市と小金井市の違い', ids: ['musashino', 'koganei'], why: 'order of mention' },
    { q: 'MUSASHINOのDX', ids: ['musashino'], why: 'romaji in capitals' },
    { q: '西東京市の目標', ids: ['nishitokyo'], why: 'the longest name wins over a shorter one inside it' },
    { q: '三鷹の書かない窓口', ids: ['mitaka'], why: 'the data-only sixth' },
    { q: 'マイナンバーカードとは', ids: [], why: 'no municipality named' },
  ])('$q → $ids ($why)', ({ q, ids }) => {
    expect(detector.find(q).map((m) => m.id)).toEqual(ids);
  });

  it('strip removes the whole name, leaving no stray 市', () => {
    expect(detector.strip('西東京市の目標').trim()).toBe('の目標');
  });

  it('a reload with another list gives another detector: nothing is remembered in the module', () => {
    const five = createMunicipalityDetector(bundled.snapshot.municipalities);
    expect(five.resolve('三鷹')).toBeUndefined();
    expect(detector.resolve('三鷹')?.id).toBe('mitaka');
  });
});
