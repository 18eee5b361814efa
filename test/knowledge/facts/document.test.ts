import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentAttribute, KnowledgeSnapshot } from '../../../src/knowledge/index.js';
import { docFact, loadCorpus } from './corpus.js';

let snapshot: KnowledgeSnapshot;
beforeAll(async () => {
  snapshot = await loadCorpus();
});

interface Row {
  m: string;
  attribute: DocumentAttribute;
  value: string;
  person?: string;
  start?: string;
  end?: string;
  line: number;
  why: string;
}

describe('document facts: read from cover, colophon and 本方針 sentences, each cited to its seed line', () => {
  it.each<Row>([
    { m: 'higashikurume', attribute: 'made', value: '令和4年8月', line: 3, why: 'cover line 「令和4年8月策定 …」' },
    {
      m: 'higashikurume',
      attribute: 'revised',
      value: '令和5年8月',
      line: 3,
      why: 'first of two 改訂 on the cover line',
    },
    {
      m: 'higashikurume',
      attribute: 'period',
      value: '2022(令和4)年度から2026(令和8)年度まで',
      start: '2022(令和4)年度',
      end: '2026(令和8)年度',
      line: 203,
      why: '「本方針の計画期間は、…までとします」 names the document itself',
    },
    {
      m: 'higashikurume',
      attribute: 'phone',
      value: '042-470-7704',
      line: 442,
      why: 'colophon 「電話/042-470-7704 (直通)」',
    },
    { m: 'higashikurume', attribute: 'fax', value: '042-470-7811', line: 444, why: 'colophon FAX with spaced digits' },
    {
      m: 'koganei',
      attribute: 'made',
      value: '令和4年10月',
      line: 8,
      why: 'a bare date on the cover is when it was made',
    },
    {
      m: 'koganei',
      attribute: 'period',
      value: '令和4年度から令和7年度まで',
      start: '令和4年度',
      end: '令和7年度',
      line: 5,
      why: 'cover 「令和4～7年度」: the era carried to the end year',
    },
    {
      m: 'koganei',
      attribute: 'cio',
      value: '副市長',
      person: '小澤 賢治',
      line: 22,
      why: 'foreword signature 「小金井市副市長（小金井市CIO）」 above the name line',
    },
    {
      m: 'koganei',
      attribute: 'head',
      value: '市長',
      person: '西岡 真一郎',
      line: 20,
      why: '「小金井市長 西岡 真一郎」',
    },
    {
      m: 'hinode',
      attribute: 'made',
      value: '令和5年2月',
      line: 679,
      why: 'colophon 「発行・編集 : 令和5年2月」 (verb before the date)',
    },
    {
      m: 'hinode',
      attribute: 'period',
      value: '令和5年（2023年）4月から令和10年（2028年）年3月までの5年間',
      line: 281,
      why: '「本方針の期間は、…までの5年間とします」 wins over the cover range (listed first)',
    },
    {
      m: 'hinode',
      attribute: 'phone',
      value: '042-588-4117',
      line: 685,
      why: 'colophon 電話 with FAX on the same line',
    },
    { m: 'musashino', attribute: 'made', value: '令和4年2月', line: 7, why: 'bare date on the cover' },
    {
      m: 'musashino',
      attribute: 'cio',
      value: '副市長',
      line: 213,
      why: 'footnote 「本市においては副市長がその役割を担う」',
    },
    {
      m: 'nishitokyo',
      attribute: 'cio',
      value: '副市長',
      line: 487,
      why: '「CIO(副市長)が責任者として本部長を担っています」, the 「*」 glossary mark dropped',
    },
    {
      m: 'nishitokyo',
      attribute: 'period',
      value: '令和6(2024)年度から令和10(2028)年度までの5年',
      start: '令和6(2024)年度',
      end: '令和10(2028)年度',
      line: 72,
      why: '「本基本方針の対象期間は」 — not the アクションプラン period (1年) in the next sentence',
    },
  ])('$m $attribute: $why', ({ m, attribute, value, person, start, end, line }) => {
    const fact = docFact(snapshot, m, attribute)[0];
    expect(fact?.value).toBe(value);
    expect(fact?.citation.line).toBe(line);
    if (person) expect(fact?.person).toBe(person);
    if (start) expect(fact?.start).toBe(start);
    if (end) expect(fact?.end).toBe(end);
  });

  it.each([
    { m: 'hinode', attribute: 'cio' as const, why: '日の出町 names no CIO: only a glossary entry explains the word' },
    { m: 'higashikurume', attribute: 'cio' as const, why: '東久留米市 names no CIO' },
    {
      m: 'musashino',
      attribute: 'period' as const,
      why: '武蔵野市 gives no plan period (令和7年度まで is a national schedule)',
    },
  ])('no $attribute for $m: $why', ({ m, attribute }) => {
    expect(docFact(snapshot, m, attribute)).toEqual([]);
  });

  it('koganei: the CIO sentence of the national plan (「副市長等であることが望ましい」) gives no fact', () => {
    const lines = docFact(snapshot, 'koganei', 'cio').map((f) => f.citation.line);
    expect(lines).not.toContain(452);
  });

  it('推進体制 comes from the municipality’s own 推進体制 section, cited to its passage', () => {
    const f = docFact(snapshot, 'higashikurume', 'structure')[0];
    expect(f?.value).toContain('DX推進事務局を設置');
    expect(f?.citation.passageId).toMatch(/^higashikurume-dx:s\d+:p\d+$/);
    expect(f?.citation.headingPath.at(-1)).toBe('1. 推進体制');
  });
});
