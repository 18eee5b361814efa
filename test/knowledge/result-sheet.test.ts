import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeSnapshot, Passage } from '../../src/knowledge/index.js';
import { mergeCells } from '../../src/knowledge/parse/result-sheet.js';
import { loadCorpus } from './corpus.js';

let snapshot: KnowledgeSnapshot;
beforeAll(async () => {
  snapshot = await loadCorpus();
});

const sheets = (): Passage[] =>
  snapshot.passages.filter(
    (p) =>
      p.documentId === 'nishitokyo-johoka' && p.kind === 'table-row' && p.headingPath.at(-1) === '重点取組の取組結果',
  );
const sheet = (head: string): string =>
  sheets()
    .filter((p) => p.text.split('\n')[0] === head)
    .map((p) => p.text)
    .join('\n');

describe('西東京市 result sheets read as 「項目: 値」 lines under the sheet name', () => {
  it.each([
    {
      head: '重点取組 1 マイナンバーカードの普及促進（所管課: 市民課）',
      lines: [
        '概要: 行政サービスの利便性向上を図るため、マイナンバーカードの交付促進を行います。',
        '取組段階: 導入実行',
        '成果指標: マイナンバーカードの交付枚数',
        '目標: 205,805枚 / 実績: 159,565枚 / 達成率: 77.5%',
      ],
      why: 'cell read twice (「行政サービスの | 行政サービスの利便性向上…」), title fragments 「マイナンバーカ | ードの | の普及促進」 joined on the overlap, digits split by a cell boundary rejoined',
    },
    {
      head: '重点取組 3 オープンデータの活用促進（所管課: 情報推進）',
      lines: [
        '概要: 官民協働による公共サービスの提供や改善などの課題解決等に資するため、データのオープン化を進めます。',
      ],
      why: 'the garbled label 「4817 255」 starts the field whose label 概 要 is printed on its second row',
    },
    {
      head: '重点取組 7 ソーシャルメディア、 LINE等の活用（所管課: 秘書広報課）',
      lines: ['取組段階: 導入実行', '成果指標: メッセージ発信数(単年度)', '目標: 600件 / 実績: 411件 / 達成率: 68.5%'],
      why: '取組段階 printed inside the 概要 text starts its own field; 「68. | 68.5%」 joined on the overlap',
    },
    {
      head: '重点取組 14 窓口業務の利便性向上の促進(手 -続)（所管課: 市民課）',
      lines: ['取組段階: 導入実行', '成果指標: 窓口での受付件数', '目標: 660件 / 実績: 309件 / 達成率: 46.8%'],
      why: 'a label printed across the item column (「| 取組段階 導入実行 成果指標 … |」)',
    },
    {
      head: '重点取組 16 窓口業務の利便性に向上の検討(手続)（所管課: 市民課）',
      lines: ['進捗内容: 令和5年11月から「書かない窓口」の運用を開始しました。'],
      why: 'the progress line that dates 書かない窓口',
    },
    {
      head: '重点取組 17 電子決裁の推進（所管課: 総務課·情報推進課）',
      lines: [
        '取組段階: 適用検討',
        '進捗内容: 押印の廃止状況を整理するとともに、文書事務に係る電子決裁の推進期間を定めるなど、文書の電子決裁の推進に取り組みました。',
      ],
      why: 'garbled labels 「HIT 255」「\\# \\t \\ \\」「+ + +」 dropped, their rows kept in the field below',
    },
    {
      head: '重点取組 12-1 キャッシュレス決済等の促進（所管課: 市民課）',
      lines: ['成果指標: キャッシュレス決済利用件数'],
      why: 'item number from two rows (「12」「-1」)',
    },
  ])('$head: $why', ({ head, lines }) => {
    const text = sheet(head);
    for (const line of lines) expect(text.split('\n')).toContain(line);
  });

  it('every sheet keeps the as-of note of the table', () => {
    for (const p of sheets()) expect(p.text).toContain('（※「実績」は令和5年9月30日現在の数値）');
  });

  it('no sheet line is a garbled label (「HIT 255」, 「+ + +」, 「\\#」)', () => {
    for (const p of sheets()) expect(p.text).not.toMatch(/HIT 255|\+ \+ \+|\\#|4817 255/);
  });

  it('27 sheets (a long one split into passages by whole lines), each passage opening with the sheet name', () => {
    const heads = new Set(sheets().map((p) => p.text.split('\n')[0]));
    expect(heads.size).toBeGreaterThanOrEqual(27);
    for (const p of sheets()) expect(p.text).toMatch(/^重点取組/);
  });
});

describe('mergeCells: one row of OCR cells → one text', () => {
  it.each([
    {
      cells: ['行政サービスの', '行政サービスの利便性向上'],
      out: '行政サービスの利便性向上',
      why: 'a cell read twice',
    },
    {
      cells: ['マイナンバーカ', 'ードの', 'の普及促進'],
      out: 'マイナンバーカードの普及促進',
      why: 'Japanese joined, 1-char overlap',
    },
    { cells: ['キャッシュレス決済', '済等の促進'], out: 'キャッシュレス決済等の促進', why: 'kanji overlap' },
    { cells: ['達成率 68.', '68.5%'], out: '達成率 68.5%', why: 'a 3-char overlap of digits' },
    {
      cells: ['RPA 50件', 'RPA', '5件'],
      out: 'RPA 50件 RPA 5件',
      why: 'Latin cells keep their space, no 1-char overlap',
    },
  ])('$why', ({ cells, out }) => {
    expect(mergeCells(cells)).toBe(out);
  });
});
