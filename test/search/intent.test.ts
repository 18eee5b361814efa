// The search priors read the question through the same cue table as understand(): a question the frame reads
// as a phone-number question is not ranked as a count question by the search, and the other way round.
// Questions written for this table; each row says why it reads so.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Analyzer, createAnalyzer } from '../../src/analysis/index.js';
import { understand } from '../../src/answer/index.js';
import { createMunicipalityDetector } from '../../src/knowledge/index.js';
import { definedWord, detectIntent } from '../../src/search/intent.js';

let analyzer: Analyzer;
const detector = createMunicipalityDetector([
  { id: 'hinode', name: '日の出町', shortName: '日の出', aliases: [], contact: {} },
]);

beforeAll(async () => {
  analyzer = await createAnalyzer();
});

type Prior = 'definition' | 'time' | 'number' | 'contact' | null;

describe('one reading of a question for understanding and for the search priors', () => {
  it.each<{ q: string; prior: Prior; attribute: string; why: string }>([
    {
      q: '担当課の電話番号は何番',
      prior: 'contact',
      attribute: 'contact',
      why: '何番 asks a phone number, not a count',
    },
    { q: 'マイナンバーは何桁', prior: 'number', attribute: 'quantity', why: '何 + a counter (桁) is a count' },
    {
      q: 'この計画って何年度まで',
      prior: 'time',
      attribute: 'date',
      why: '「って何年度」 is no 「って何」 definition',
    },
    { q: 'テレワークの実施率はどのくらい', prior: 'number', attribute: 'quantity', why: 'a share (率) is a figure' },
    {
      q: 'オムニチャネルって？',
      prior: 'definition',
      attribute: 'definition',
      why: 'a bare 「〜って？」 asks what it is',
    },
    { q: '日の出町でDXを担当してる課は', prior: 'contact', attribute: 'contact', why: '担当 + 課は: the department' },
    {
      q: '電子申請はもう始まってる？',
      prior: null,
      attribute: 'status',
      why: 'availability is answered by a status and its date, not by any dated passage',
    },
  ])('$q → $prior ($why)', ({ q, prior, attribute }) => {
    const frame = understand(q, { analyzer, municipalities: detector, sets: [] });
    expect(frame.attribute).toBe(attribute);
    const intent = detectIntent(frame.query);
    const on = (Object.keys(intent) as (keyof typeof intent)[]).filter((k) => intent[k]);
    expect(on).toEqual(prior ? [prior] : []);
  });

  it('the word a definition question asks about is the term understand() reads', () => {
    const frame = understand('公衆無線LANとは何ですか', { analyzer, municipalities: detector, sets: [] });
    expect(definedWord(frame.query)).toBe('公衆無線lan');
    expect(frame.target).toBe('公衆無線lan');
  });
});
