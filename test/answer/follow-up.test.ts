// Follow-ups with the real engine, through the conversation (a memory store): how a message is read against
// the previous turn — ellipsis, a new attribute, the next level of an answer, another channel — and when it
// is not (a topic of its own, a new topic announced, nothing to lean on). Each row says why.
import { beforeAll, describe, expect, it } from 'vitest';
import { RESTATE, restateKey, substitute } from '../../src/answer/follow-up.js';
import type { Answer, AnswerEngine } from '../../src/answer/types.js';
import { converseWith } from '../helpers/converse.js';
import { loadTestEngine } from '../helpers/engine.js';

let engine: AnswerEngine;
beforeAll(async () => {
  engine = await loadTestEngine();
}, 60_000);

// Runs the turns as one session and returns every answer.
const converse = (municipality: string | null, ...turns: string[]) => converseWith(engine, municipality, turns);

describe('a follow-up inherits from the previous turn', () => {
  it.each([
    {
      why: 'a pronoun keeps the topic; 「いつから」 is the new attribute',
      m: 'nishitokyo',
      turns: ['書かない窓口とは', 'それはいつから？'],
      resolved: /^書かない窓口はいつから/,
      frame: { attribute: 'date:start' },
      topic: '書かない窓口',
      text: /令和5年11月/,
    },
    {
      why: 'a municipality alone asks the previous question there (and says so when it is not stated)',
      m: 'hinode',
      turns: ['電子決裁とは', 'それはいつから？', '東久留米市は？'],
      resolved: /^東久留米市の電子決裁はいつから/,
      frame: { attribute: 'date:start', municipalities: ['higashikurume'] },
      text: /^東久留米市の資料には/,
    },
    {
      why: '「実績は？」 is the same figure, actual instead of target',
      m: 'nishitokyo',
      turns: ['マイナンバーカードの交付枚数の目標は？', '実績は？'],
      resolved: /^マイナンバーカードの交付枚数の実績/,
      frame: { attribute: 'count', modifiers: ['actual'] },
      topic: 'マイナンバーカードの交付枚数',
    },
    {
      why: '「達成率は？」 after 「実績は？」: the topic carried through two follow-ups',
      m: 'nishitokyo',
      turns: ['マイナンバーカードの交付枚数の目標は？', '実績は？', '達成率は？'],
      resolved: /^マイナンバーカードの交付枚数の達成率/,
      frame: { attribute: 'rate' },
    },
    {
      why: '「受け付けた」 is the previous topic’s 受付 in other kana, not a topic of its own: the actual figure of it',
      m: 'nishitokyo',
      turns: ['おくやみ窓口について、受付件数の目標は？', 'で、実際には何件受け付けたの？'],
      resolved: /窓口.*の実際には何件受け付けた/,
      frame: { attribute: 'count', modifiers: ['actual'] },
      text: /309件/,
    },
    {
      why: '「それっていつまでに終わらせる予定？」: 終わらせる asks until when, 予定 is no topic; the pronoun keeps it',
      m: 'nishitokyo',
      turns: ['情報システムの標準化はどうなってる？', 'それっていつまでに終わらせる予定？'],
      resolved: /^情報システムの標準化/,
      frame: { attribute: 'date:end' },
    },
    {
      why: '「その担当は？」: the department of the previous topic',
      m: 'hinode',
      turns: ['電子決裁とは', 'その担当は？'],
      resolved: /^電子決裁の担当は/,
      frame: { attribute: 'department' },
    },
    {
      why: '「日の出町ではいつからやる予定？」: a place and a verb (やる) name no topic of their own; the topic stays',
      m: 'hinode',
      turns: ['書かない窓口ってなに？', '日の出町ではいつからやる予定？'],
      resolved: /^日の出町の書かない窓口/,
      frame: { attribute: 'date:start' },
      text: /令和9年度/,
    },
    {
      why: 'another municipality and another verb (始める): the same',
      m: 'hinode',
      turns: ['電子決裁とは', '西東京市ではいつから始めたの？'],
      resolved: /^西東京市の電子決裁/,
      frame: { municipalities: ['nishitokyo'] },
    },
    {
      why: '「それの対象期間は？」: 「それの」 is the topic with its の, not 「…はの」',
      m: 'nishitokyo',
      turns: ['地域情報化基本方針について教えて', 'それの対象期間は？'],
      resolved: /^地域情報化基本方針の対象期間は/,
      frame: { attribute: 'date:period' },
    },
    {
      why: '「今後はどうするの」: 今後 frames the question (what comes next of the topic), it names no topic',
      m: 'nishitokyo',
      turns: ['市の公衆無線LANって何拠点ある？', '目標は？', '今後はどうするの'],
      resolved: /公衆無線lanの今後/i,
      frame: { attribute: 'chat' },
    },
    {
      why: '「現在は？」 asks the topic now, not the previous question again',
      m: 'nishitokyo',
      turns: ['マイナンバーカードの交付枚数の目標は？', '現在はどうなってる？'],
      resolved: /^マイナンバーカードの交付枚数の現在/,
      frame: {},
    },
    {
      why: '「書かない窓口は？」 after 「電子決裁はいつから始まる？」: a topic alone asks the previous question of it',
      m: 'hinode',
      turns: ['電子決裁はいつから始まる？', '書かない窓口は？'],
      resolved: /^書かない窓口はいつから/,
      frame: { attribute: 'date:start' },
      text: /令和9年度/,
    },
    {
      why: '「オンライン申請のほうは？」 after a target figure: the target of オンライン申請',
      m: 'nishitokyo',
      turns: ['マイナンバーカードの交付枚数の目標は？', 'オンライン申請のほうは？'],
      resolved: /^オンライン申請の目標/,
      frame: { modifiers: ['target'] },
    },
    {
      why: '「そこでは何の事業に使った？」: そこ points back like それ; a time word (最初) carried as the topic is no topic, the measure answered is',
      m: 'koganei',
      turns: ['小金井市のAIとかRPA、最初はどこの課で使ってたの？', 'そこでは何の事業に使った？'],
      resolved: /AI・RPA/,
      frame: {},
      text: /ワクチン接種/,
    },
    {
      why: '「武蔵野市は？」 after a policy topic (基本理念): asked as the same list, without a word 項目 the documents do not use',
      m: null,
      turns: ['西東京市の地域情報化の基本理念は？', '武蔵野市は？'],
      resolved: /^武蔵野市の地域情報化の基本理念を教えて/,
      frame: { attribute: 'items' },
      text: /誰もが安心して/,
    },
    {
      why: '「東久留米市だとどうなってる？」: another place and only how it stands: the previous question there; a topic phrase that is only 内容 gives way to the words around it',
      m: 'musashino',
      turns: ['武蔵野市の自治体DXの基本方針ってどんな内容？', '東久留米市だとどうなってる？'],
      resolved: /^東久留米市の自治体dxの基本方針/i,
      frame: { municipalities: ['higashikurume'] },
      text: /市民の利便性の向上|接点強化/,
    },
    {
      why: '「実績は？」 after 「Xとは」: the actual figure of X, not its definition again',
      m: 'nishitokyo',
      turns: ['オープンデータとは', '実績は？'],
      resolved: /^オープンデータの実績/,
      frame: { modifiers: ['actual'] },
      text: /11データセット/,
    },
    {
      why: '「目標は？」 after 「Xはいつから？」: the target of X, not when again',
      m: 'koganei',
      turns: ['キャッシュレス決済はいつから？', '目標は？'],
      resolved: /^キャッシュレス決済の目標/,
      frame: { modifiers: ['target'] },
    },
    {
      why: 'a topic with its own figure word (「公衆無線LANの実績は？」) is a question whole, not the previous one (いつから) asked of it',
      m: 'nishitokyo',
      turns: ['キャッシュレス決済はいつから？', '公衆無線LANの実績は？'],
      resolved: null,
      frame: { modifiers: ['actual'] },
      text: /8拠点/,
    },
  ])('$why', async ({ m, turns, resolved, frame, text, topic }) => {
    const answers = await converse(m, ...turns);
    const last = answers.at(-1)!;
    // null: read on its own, as the resident wrote it
    if (resolved === null) expect(last.resolvedQuestion).toBeUndefined();
    else expect(last.resolvedQuestion).toMatch(resolved);
    expect(last.frame).toMatchObject(frame);
    if (text) expect(last.text).toMatch(text);
    // the topic the next turn inherits is the one carried, as the resident first asked it
    if (topic) expect(last.turn?.frame.topic).toBe(topic);
  });

  it('a municipality outside the knowledge is no part of the topic carried (「小平市の」 is its place)', async () => {
    const [outside, next] = await converse(null, '小平市のDX推進計画について教えて', 'じゃあ西東京市は？');
    expect(outside!.kind).toBe('fallback');
    expect(outside!.turn?.frame.topic).not.toMatch(/小平/);
    expect(next!.resolvedQuestion).toMatch(/^西東京市の/);
    expect(next!.resolvedQuestion).not.toMatch(/小平/);
    expect(next!.sources[0]?.municipality).toBe('nishitokyo');
  });

  // After a question about what is done (「〜の取組ってどう？」, read as items), a topic alone asks what is done about
  // it; before, it was restated as 「〜の項目を教えて」, and 項目 became part of the topic no document writes.
  it.each([
    {
      why: 'another measure of the same city after 「書かない窓口の取組ってどう？」',
      turns: ['西東京市の書かない窓口の取組ってどう？', '電子決裁は？'],
      text: /電子決裁の推進/,
    },
    {
      why: 'the same after a measure of 東久留米市 (テレワーク → 電子申請)',
      turns: ['東久留米市のテレワークの取組は？', '電子申請は？'],
      text: /電子申請/,
    },
    {
      why: 'a short topic (AI) after 小金井市’s open data',
      turns: ['小金井市のオープンデータの取組は？', 'AIは？'],
      text: /AI・RPA/,
    },
  ])('a topic alone after a measures question: $why', async ({ turns, text }) => {
    const answers = await converse(null, ...turns);
    const last = answers.at(-1)!;
    expect(last.resolvedQuestion).toMatch(/の取組を教えて$/);
    expect(last.turn?.frame.topic ?? '').not.toMatch(/項目/);
    expect(last.text).toMatch(text);
  });

  it('a topic carried through follow-ups keeps its words (the merge keeps the topic, not only its phrase)', async () => {
    const answers = await converse(
      'nishitokyo',
      'ソーシャルメディアやLINEでの発信って目標何件？',
      '実績は？',
      '達成率は？',
    );
    const terms = (a: Answer | undefined) => a?.turn?.frame.terms.join(' ') ?? '';
    expect(terms(answers[0])).toMatch(/ソーシャルメディア/);
    expect(terms(answers[2])).toMatch(/ソーシャルメディア/);
  });

  it('a named municipality stays for the follow-ups after it (until another is named)', async () => {
    const [, second] = await converse(null, '西東京市の書かない窓口はいつから？', '担当課は？');
    expect(second!.resolvedQuestion).toMatch(/^西東京市の/);
    expect(second!.municipality).toBe('nishitokyo');
  });
});

describe('a follow-up whose only words of its own are a verb of doing (交付した, 公開してる) asks it of the topic', () => {
  // 「何件受付したの？」「いくつ公開したの？」: a verbal noun with する says what was done with the topic (as 始めた
  // does), it names no topic of its own; read on its own, the message lost the topic and found another row.
  it.each([
    {
      why: '受付した: the bereavement counter’s own figure, not the row of another counter',
      m: 'nishitokyo',
      turns: ['おくやみ窓口とは', '何件くらい受付したの？'],
      resolved: /^おくやみ窓口/,
      text: /309件/,
    },
    {
      why: '整備した: the hotspots of 公衆無線LAN, whose figure the glossary answer did not give',
      m: 'nishitokyo',
      turns: ['公衆無線LANって何？', '何拠点整備したの？'],
      resolved: /^公衆無線lan/i,
      text: /拠点|か所|箇所/,
    },
    {
      why: '公開した: how many open data sets is asked of オープンデータ (the figure in データセット is the count composer’s to read)',
      m: 'nishitokyo',
      turns: ['オープンデータの取組は？', 'いくつ公開したの？'],
      resolved: /^オープンデータ.*いくつ公開した/,
      text: /オープンデータ/,
    },
    {
      why: '運用してる: since when the previous topic runs, with a verbal noun for 始まった',
      m: 'nishitokyo',
      turns: ['書かない窓口ってなに？', 'いつから運用してるの？'],
      resolved: /^書かない窓口/,
      text: /令和5年11月/,
    },
    {
      why: '導入する: when the previous topic starts, asked with a verb of doing instead of 始まる',
      m: 'hinode',
      turns: ['電子決裁とは', 'いつ導入するの？'],
      resolved: /^電子決裁/,
      text: /令和|R[0-9]/,
    },
    {
      why: 'another municipality named with the verb (交付した): the topic carried there',
      m: null,
      turns: ['小金井市のマイナンバーカードの取組は？', '西東京市は何枚くらい交付したの？'],
      resolved: /^西東京市のマイナンバーカード/,
      text: /159,565/,
    },
  ])('$why', async ({ m, turns, resolved, text }) => {
    const answers = await converse(m, ...turns);
    const last = answers.at(-1)!;
    expect(last.resolvedQuestion).toMatch(resolved);
    expect(last.text).toMatch(text);
  });
});

describe('the next level of the previous answer', () => {
  it('「3つ目を詳しく」 answers from the third listed item’s own section', async () => {
    const [list, detail] = await converse('musashino', '自治体DXの取組事項を教えて', '3つ目を詳しく');
    const third = list!.text
      .split('\n')
      .filter((l) => l.startsWith('・'))[2]!
      .slice(1);
    expect(detail!.composer).toBe('focused'); // the item's section, not a new search
    expect(detail!.resolvedQuestion).toContain(third);
    expect(detail!.sources[0]?.section).toContain(third);
  });

  it('「その中の〜のところ」 picks the item its words name', async () => {
    const [, detail] = await converse(
      'higashikurume',
      '自治体DXの取組事項を教えて',
      'その中のテレワークのところを詳しく',
    );
    expect(detail!.composer).toBe('focused');
    expect(detail!.sources[0]?.section).toMatch(/テレワークの推進$/);
  });

  it('「2つ目を詳しく」 on an item whose own section is one line answers from its chapter', async () => {
    const [, detail] = await converse('koganei', '小金井市のDX推進の3本の柱って何？', '2つ目をもっと詳しく');
    expect(detail!.composer).toBe('focused');
    // 「② デジタル技術を活用した業務効率化の推進」 (s13) says only 「…つながり創出の視点」; the chapter titled the same
    // (s18) and the sections after it (東京自治体クラウド, AI・RPA, リモート技術) detail it
    expect(detail!.sources[0]?.passageId).toBe('koganei-dx:s18:p1');
    expect(detail!.text).toContain('東京自治体クラウド');
    expect(detail!.text).toContain('AI・RPA');
  });

  it.each([
    {
      why: 'a table of numbered items (①…⑯, no 「・」 lines) is a list too: 「7番目」 is item ⑦, detailed in its own section',
      m: 'hinode',
      turns: ['日の出町のDX重点16項目ってどんなのがある？', '7番目の項目をもっと詳しく'],
      section: /施策⑦ 防災DX$/,
    },
    {
      why: 'an ordinal alone (「7番目は？」) points as well as one with 詳しく',
      m: 'hinode',
      turns: ['日の出町のDX重点16項目ってどんなのがある？', '7番目は？'],
      section: /施策⑦ 防災DX$/,
    },
    {
      why: 'item ⑫ is found by its number, past the part of the table the answer had room to quote',
      m: 'hinode',
      turns: ['日の出町のDX重点16項目ってどんなのがある？', '12番目について詳しく'],
      section: /施策⑫ オンライン申請$/,
    },
    {
      why: '「2本目の柱」 counts pillars as 2つ目 does',
      m: 'koganei',
      turns: ['DX推進の3本の柱ってなに？', '2本目の柱をもっと詳しく'],
      text: /東京自治体クラウド/,
    },
    {
      why: '「最後の柱」 with 詳しく is the last item listed (no words of the item to go by)',
      m: 'koganei',
      turns: ['小金井市のDX推進の3本の柱を教えて', '最後の柱をもう少し詳しく'],
      resolved: /意識醸成とデジタル人材の育成/,
    },
  ])('$why', async ({ m, turns, section, text, resolved }) => {
    const [, detail] = await converse(m, ...turns);
    expect(detail!.composer).toBe('focused');
    if (section) expect(detail!.sources[0]?.section).toMatch(section);
    if (text) expect(detail!.text).toMatch(text);
    if (resolved) expect(detail!.resolvedQuestion).toMatch(resolved);
  });

  // A list item whose chapter heading the document's layout left as a line of text (koganei's pillars ① and ③: the
  // chapter title sits inside the passage before it), not as a section: the chapter is found from that line.
  it.each([
    {
      why: 'the first pillar: its chapter begins inside another section’s passage, and runs through the sections after it',
      turns: ['小金井市のDXの柱を教えて', '1つ目を詳しく'],
      text: /来庁しなくてもよい|オンライン化/,
      not: /業務効率化の推進/,
    },
    {
      why: 'the third pillar, asked with a kanji numeral: its own section holds another pillar’s text, its chapter is elsewhere',
      turns: ['DX推進の柱ってどんなの？', '三つ目について教えて'],
      text: /研修|セキュリティリテラシー|スキルアップ/,
      not: /来庁しなくてもよい/,
    },
    {
      why: 'a full-width ordinal alone (「１番目は？」) points the same way',
      turns: ['DXの3本柱は？', '１番目は？'],
      text: /キャッシュレス|ポータルサイト|オンライン化/,
      not: /業務効率化の推進/,
    },
    {
      why: '「最後の柱」 with 詳しく: the third pillar’s chapter',
      turns: ['DX推進の柱を全部教えて', '最後の柱についてもうちょっと詳しく'],
      text: /研修|セキュリティリテラシー|スキルアップ/,
      not: /来庁しなくてもよい/,
    },
  ])('an item whose chapter title is a line of text: $why', async ({ turns, text, not }) => {
    const [, detail] = await converse('koganei', ...turns);
    expect(detail!.composer).toBe('focused');
    expect(detail!.text).toMatch(text);
    expect(detail!.text).not.toMatch(not);
  });

  // A list the document heads with its own marks (「○市民目線で取り組もう」, each title on a line, what it says under
  // it), quoted by a passage answer: the titles are the items, and an item's text is the lines under its title.
  it.each([
    {
      why: '「3つ目ってどういうこと？」 is the third ○ title, quoted with the lines under it (before: the 柱 table’s ③)',
      turns: ['職員向けのDX推進5か条ってなに？', '3つ目ってどういうこと？'],
      text: /^「先を見て取り組もう」：.*将来仕事をやりやすく/,
    },
    {
      why: '「最後の」 with 詳しく is the fifth title, which the layout put in the next passage (past the answer’s clip)',
      turns: ['職員向けのDX推進5か条ってなに？', '最後のを詳しく'],
      text: /^「アンテナと想像力を広げよう」：日ごろから/,
    },
    {
      why: '「4番目は？」: an ordinal alone, the fourth title',
      turns: ['DX推進5か条って？', '4番目は？'],
      text: /^「常に見直し、チャレンジし続けよう」：前例にとらわれず/,
    },
  ])('items a document marks with ○: $why', async ({ turns, text }) => {
    const [, detail] = await converse('koganei', ...turns);
    expect(detail!.composer).toBe('focused');
    expect(detail!.text).toMatch(text);
    expect(detail!.sources[0]?.municipality).toBe('koganei');
  });

  it('「〜のやつ」 names nothing: 「セキュリティのやつ詳しく」 picks the item its other words name', async () => {
    const [, detail] = await converse('musashino', '自治体DXの取組事項を教えて', 'セキュリティのやつ詳しく');
    expect(detail!.composer).toBe('focused');
    expect(detail!.sources[0]?.section).toMatch(/情報セキュリティ対策の推進$/);
  });

  it.each([
    {
      why: 'a numbered table (⑦): its own number, and the item detailed after it',
      m: 'hinode',
      turns: ['日の出町のDX重点16項目ってどんなのがある？', '防災DXは何番目？'],
      text: /^一覧の7番目です。施策⑦ 防災DX/,
    },
    {
      why: 'a list marked with ○ (no numbers): its place, the item named by one word of it and 〜のやつ',
      m: 'koganei',
      turns: ['職員向けのDX推進5か条ってなに？', 'アンテナのやつは何番目？'],
      text: /^一覧の5番目です。「アンテナと想像力を広げよう」/,
    },
    {
      why: 'a list of (n) items our composer gave with 「・」, the item named by a word inside its title',
      m: 'musashino',
      turns: ['武蔵野市の自治体DXの取組事項ってどんなのがあるの？', '電子決裁は何番目にある？'],
      text: /^一覧の6番目です。/,
    },
  ])('「何番目？」 asks where an item stands: $why', async ({ m, turns, text }) => {
    const [, place] = await converse(m, ...turns);
    expect(place!.composer).toBe('focused');
    expect(place!.text).toMatch(text);
  });

  it('a focused item is the topic a later turn inherits (its label without its number)', async () => {
    const [, detail] = await converse('higashikurume', 'DX推進の基本的な考え方をおしえて', '2つ目をもっと詳しく');
    expect(detail!.turn?.frame.topic).toBe('オンラインとリアルの強化による市民と市の接点強化');
  });

  it('「第3条は？」 picks the article a definition lists inline, quoted from the entry the answer cited', async () => {
    const [definition, third, ninth, beyond] = await converse(
      'higashikurume',
      'サービス設計12箇条とは',
      '第3条は？',
      'じゃあ第9条は？',
      '第20条は？',
    );
    expect(definition!.composer).toBe('glossary');
    // the articles have no section of their own: the item is quoted from the glossary entry, with its source
    expect(third!.composer).toBe('focused');
    expect(third!.text).toContain('エンドツーエンドで考える');
    expect(third!.sources[0]?.section).toContain('サービス設計12箇条');
    // walking through the list: the next article comes from the same list, though the last answer listed none
    expect(ninth!.composer).toBe('focused');
    expect(ninth!.text).toContain('オープンにサービスを作る');
    // an article the list does not have is read on its own
    expect(beyond!.composer).not.toBe('focused');
  });

  it('「最初は」 asks when something began, not for the first item of a list', async () => {
    const [, first] = await converse(
      'koganei',
      '小金井市のDX推進の3本の柱を教えて',
      'AIは最初はどこの課で使ってたの？',
    );
    expect(first!.composer).not.toBe('focused');
  });

  it('an ordinal past the end of the list is read on its own, never an error', async () => {
    const [, detail] = await converse('musashino', '自治体DXの取組事項を教えて', '20番目を詳しく');
    expect(detail!.composer).not.toBe('focused');
    expect(['answer', 'fallback']).toContain(detail!.kind);
  });
});

describe('who is in charge of it, why, and when: asked of the measure the previous answer was about', () => {
  it.each([
    {
      why: 'a figure asked of 「ソーシャルメディアやLINEでの発信」 was answered from the row of 重点取組 7; its department is that row’s',
      m: 'nishitokyo',
      turns: ['ソーシャルメディアやLINEでの発信って目標何件？', 'それ担当してるのはどこの課？'],
      resolved: /^ソーシャルメディア、\s?LINE等の活用/,
      text: /秘書広報課/,
    },
    {
      why: 'the same after two figure follow-ups: the topic carried keeps the words the resident first gave it',
      m: 'nishitokyo',
      turns: [
        'ソーシャルメディアやLINEでの発信って目標何件？',
        'で、実際は何件だった？',
        '達成率にすると？',
        'それ担当してるのはどこの課？',
      ],
      resolved: /^ソーシャルメディア、LINE等の活用/,
      text: /秘書広報課/,
    },
    {
      why: '「スマホの使い方を教えてくれる教室」 was answered as 施策⑪ デジタルデバイス対策: why it is done is that measure’s 現状',
      m: 'hinode',
      turns: ['スマホの使い方を教えてくれる教室ってやる予定ある？', 'それってなんでやるの？'],
      resolved: /^デジタルデバイス対策/,
      text: /高齢化率/,
    },
  ])('$why', async ({ m, turns, resolved, text }) => {
    const answers = await converse(m, ...turns);
    const last = answers.at(-1)!;
    if (resolved) expect(last.resolvedQuestion).toMatch(resolved);
    expect(last.text).toMatch(text);
  });

  it.each([
    {
      why: '「会議の紙の資料」 was answered as 施策① ペーパーレス化: when it starts is that measure’s schedule',
      turns: ['会議の紙の資料って減らす予定ある？', 'いつ頃から？'],
      resolved: /^ペーパーレス化/,
      text: /令和6年度/,
    },
    {
      why: 'the same with other words for the same measure (紙の書類を減らす)',
      turns: ['紙の書類を減らす取組ってしてる？', 'いつから？'],
      resolved: /^ペーパーレス化/,
      text: /令和6年度/,
    },
    {
      why: 'a pointer too: 「それっていつから？」 after a class for older people answered as デジタルデバイス対策',
      turns: ['スマホの使い方がわからない高齢者向けに何かある？', 'それっていつから？'],
      resolved: /^デジタルデバイス対策/,
    },
    {
      why: 'whether it has begun (status) is the measure’s too; the resident named it as the document does, so it stays',
      turns: ['電子決裁ってやる予定ある？', 'もう始まってる？'],
      resolved: /^電子決裁/,
      text: /スモールスタート/,
    },
  ])('when: $why', async ({ turns, resolved, text }) => {
    const answers = await converse('hinode', ...turns);
    const last = answers.at(-1)!;
    expect(last.resolvedQuestion).toMatch(resolved);
    if (text) expect(last.text).toMatch(text);
  });

  it('when, asked for another municipality, is asked of the resident’s words, not this one’s measure', async () => {
    const [, other] = await converse('hinode', '会議の紙の資料って減らす予定ある？', '西東京市はいつから？');
    expect(other!.resolvedQuestion).not.toMatch(/ペーパーレス化/);
  });

  it('a measure naming no more of the question than the resident’s phrase (公衆無線LAN環境の充実) leaves the phrase', async () => {
    const [, department] = await converse('nishitokyo', '公衆無線LANの目標は何拠点？', '担当してる課は？');
    expect(department!.resolvedQuestion).toMatch(/^公衆無線lanの/i);
    expect(department!.text).toMatch(/情報推進課/);
  });

  it('another municipality is asked about the topic as the resident put it, not this one’s measure', async () => {
    const [, other] = await converse(
      'nishitokyo',
      'ソーシャルメディアやLINEでの発信って目標何件？',
      '日の出町だと担当は何課？',
    );
    expect(other!.resolvedQuestion).not.toMatch(/LINE等の活用/);
  });

  it('a figure follow-up keeps the figure’s own topic (the indicator, not the measure)', async () => {
    const [, actual] = await converse('nishitokyo', 'マイナンバーカードの交付枚数の目標は？', '実績は？');
    expect(actual!.resolvedQuestion).toMatch(/^マイナンバーカードの交付枚数の実績/);
  });
});

describe('after a route, 「その窓口」 is the service the answer led with', () => {
  it('「その窓口、どれくらい使われてるの？」 after a bereavement route asks about おくやみ窓口', async () => {
    const [route, usage] = await converse(
      'nishitokyo',
      '家族が亡くなったときの手続きをまとめてできる窓口ってありますか？',
      'その窓口、どれくらい使われてるの？',
    );
    expect(route!.kind).toBe('route');
    // the question said only 「窓口」; the answer led with おくやみ窓口, so the pointer and its kind are that service
    expect(usage!.resolvedQuestion).toBe('おくやみ窓口、どれくらい使われてるの?');
    expect(usage!.text).toContain('309件');
  });

  it('substitute: 「その＋kind」 is the topic itself when the topic is of that kind', () => {
    expect(substitute('その窓口、どれくらい使われてるの?', 'おくやみ窓口')).toBe(
      'おくやみ窓口、どれくらい使われてるの?',
    );
    // a kind the topic is not: the pointer alone is replaced (「その担当」 → 「…の担当」)
    expect(substitute('その担当は?', 'おくやみ窓口')).toBe('おくやみ窓口の担当は?');
    // a message naming the topic itself: not put before it again (was 「rpaのrpaの進捗内容は?」)
    expect(substitute('rpaの進捗内容は?', 'rpa')).toBe('rpaの進捗内容は?');
    expect(substitute('進捗内容は?', 'rpa')).toBe('rpaの進捗内容は?');
  });
});

describe('a pointer with words of its own asks an aspect of the previous topic', () => {
  it('「それってどんな効果があるの？」 after 「電子決裁は？」 is about 電子決裁, not a new topic 効果', async () => {
    const [, , effect] = await converse(
      'hinode',
      'ペーパーレス化はいつから始まる？',
      '電子決裁は？',
      'それってどんな効果があるの？',
    );
    // before: read on its own (効果 counted as a topic of its own, no place named), 施策⑮ 書かない窓口 answered
    expect(effect!.resolvedQuestion).toBe('電子決裁ってどんな効果があるの?');
    expect(effect!.sources[0]?.section).toContain('電子決裁');
  });
});

describe('「〜のやつは？」 after a question asks the same of the part of the previous topic its words name', () => {
  it.each([
    {
      why: 'a count of 重点取組, then 「導入実行のやつ」: those of the previous topic at that stage, counted',
      m: 'nishitokyo',
      turns: ['前の地域情報化方針の最後の年って、重点取組いくつあったんだっけ', '導入実行のやつは？'],
      resolved: /地域情報化方針の最後の年の導入実行の件数は/,
    },
    {
      why: 'the same with another stage',
      m: 'nishitokyo',
      turns: ['前の方針の最終年度の重点取組っていくつ？', '調査研究のやつは？'],
      resolved: /方針の最終年度の重点取組の調査研究の件数は/,
    },
    {
      why: 'after a date question: when the part named began',
      m: 'hinode',
      turns: ['日の出町の施策はいつから始まる？', '防災のやつは？'],
      resolved: /^(?:日の出町の)?施策の防災はいつから/,
    },
  ])('$why', async ({ m, turns, resolved }) => {
    const answers = await converse(m, ...turns);
    expect(answers.at(-1)!.resolvedQuestion).toMatch(resolved);
  });
});

describe('「なんでそんなに少ないの」 weighs the figure just answered: the reason is asked of its topic', () => {
  it.each([
    {
      why: 'the adjective (少ない) judges the figure; before: read on its own as a topic 少ない',
      m: 'nishitokyo',
      turns: ['公衆無線LANの実績は？', 'なんでこんなに少ないんですか'],
      resolved: /^公衆無線lan(?:はなんでこんなに少ない|の.*進捗は)/i,
    },
    {
      why: 'a rate judged low',
      m: 'nishitokyo',
      turns: ['キャッシュレス決済の達成率は？', 'どうしてそんなに低いの？'],
      resolved: /^キャッシュレス決済(?:はどうしてそんなに低い|の.*進捗は)/,
    },
    {
      why: 'a count judged high, asked after its actual figure',
      m: 'nishitokyo',
      turns: ['行政手続のオンライン化の実績は？', 'なんでそんなに多いの'],
      resolved: /^行政手続のオンライン化はなんでそんなに多い/,
    },
  ])('$why', async ({ m, turns, resolved }) => {
    const answers = await converse(m, ...turns);
    expect(answers.at(-1)!.resolvedQuestion).toMatch(resolved);
    // the reason as asked, or — not written as such — the progress the document gives beside the figure
    expect(['reason', 'status']).toContain(answers.at(-1)!.frame?.attribute);
  });
});

describe('「それってYにもつながる？」 asks whether the previous topic leads to Y: the passage saying so', () => {
  it.each([
    {
      why: 'the network measure and ペーパーレス化 (before: read as whether the network works, its schedule answered)',
      m: 'koganei',
      turns: ['小金井市って庁内のネットワーク何か変えるの？', 'それってペーパーレスにもつながる？'],
      text: /ペーパーレス化/,
    },
    {
      why: 'the same measure and 業務効率化',
      m: 'koganei',
      turns: ['庁内ネットワークの最適化って何するの？', 'それって業務効率化にもつながる？'],
      text: /業務効率化/,
    },
    {
      why: 'another municipality’s measure and ペーパーレス',
      m: 'hinode',
      turns: ['電子決裁は？', 'それってペーパーレスにもつながるの？'],
      text: /ペーパーレス/,
    },
  ])('$why', async ({ m, turns, text }) => {
    const answers = await converse(m, ...turns);
    expect(answers.at(-1)!.composer).not.toBe('availability');
    expect(answers.at(-1)!.text).toMatch(text);
  });
});

describe('a count asked by a counter the figure just answered is not counted in asks how many all the same', () => {
  it.each([
    {
      why: '「何か所」 after 20拠点 (before: read as 何か所, no 拠点 figure accepted, a fallback)',
      turns: ['公衆無線LANの目標は？', '今は何か所？'],
      resolved: /^公衆無線lanの今はいくつ/i,
      text: /8拠点/,
    },
    {
      why: '「何ヶ所できたの」: another spelling, a verb after it',
      turns: ['公衆無線LANの目標は？', '実際は何ヶ所できたの？'],
      resolved: /^公衆無線lanの実際はいくつできたの/i,
      text: /8拠点/,
    },
    {
      why: '「何手続き」 after 150件: the counter word with its kana',
      turns: ['行政手続のオンライン化の目標は？', '今は何手続き？'],
      resolved: /^行政手続のオンライン化の今はいくつ\?/,
      text: /195/,
    },
    {
      why: 'a counter the answered text does use stays (「何データセット」 after 14データセット)',
      turns: ['オープンデータの目標は？', '何データセット公開できたの？'],
      resolved: /何データセット/,
      text: /11データセット/,
    },
  ])('$why', async ({ turns, resolved, text }) => {
    const [, count] = await converse('nishitokyo', ...turns);
    expect(count!.resolvedQuestion).toMatch(resolved);
    expect(count!.text).toMatch(text);
  });
});

describe('a question of its own that nothing answers alone is asked about the previous topic (a part of it)', () => {
  it.each([
    {
      why: '「根拠になってる法律」 of 情報システムの標準化 (before: read alone, 「根拠になってる法律の記載はありません」)',
      m: 'musashino',
      turns: ['武蔵野市は情報システムの標準化、どうするつもり？', '根拠になってる法律ってなに？'],
      text: /令和3年法律第40号/,
    },
    {
      why: 'the cards one can pay with, of the cashless measure just answered',
      m: 'nishitokyo',
      turns: ['キャッシュレス決済の促進は？', '使えるカードの種類は？'],
      text: /交通系IC/,
    },
    {
      why: 'by when the state meant everyone to hold 「カード」, after the card measure (the card named by half its name)',
      m: 'hinode',
      turns: [
        'マイナンバーカードの普及促進ってどうなってる？',
        '国はカードをいつまでにみんなに行き渡らせるつもりだったの？',
      ],
      text: /2022年度末/,
    },
  ])('$why', async ({ m, turns, text }) => {
    const answers = await converse(m, ...turns);
    expect(answers.at(-1)!.resolvedQuestion).toBeDefined();
    expect(answers.at(-1)!.text).toMatch(text);
    expect(answers.at(-1)!.sources[0]?.municipality).toBe(m);
  });

  it('an anchored answer that does not name the previous topic is not kept (「推進」 alone is no 柔軟な働き方)', async () => {
    const [, tools] = await converse('musashino', '武蔵野市の柔軟な働き方の推進は？', '導入したツールは？');
    expect(tools!.resolvedQuestion).toBeUndefined();
    expect(tools!.text).toBe(engine.answer('導入したツールは？', { municipality: 'musashino' }).text);
  });

  it('a count the documents do not give stays unanswered, anchored or not (学校のDX: no 端末 count either)', async () => {
    const [, , count] = await converse(
      'koganei',
      '小金井市って庁内のネットワーク何か変えるの？',
      '話かわるけど、学校のDXって何かやる？',
      'GIGAスクールの端末って市で何台あるの？',
    );
    expect(count!.kind).toBe('fallback');
  });
});

describe('a pointer that only says where the words came from: the words are the topic', () => {
  it.each([
    {
      why: '「その〜ってどういう意味」: the definition of the term the previous answer used, not of 「<topic>の<term>」',
      m: 'koganei',
      turns: ['デジタル人材の育成はどう進める？', 'そのセキュリティリテラシーってどういう意味？'],
      resolved: 'セキュリティリテラシーとは',
      composer: 'glossary',
      says: '正しい知識',
    },
    {
      why: '「この〜とは」: the same with この (the previous turn named its place, the definition stays there)',
      m: null,
      turns: ['東久留米市のDX推進の基本的な考え方は？', 'このBPRとは？'],
      resolved: '東久留米市のbprとは',
      composer: 'glossary',
      says: '業務プロセス',
    },
    {
      why:
        '「それと一緒に作ってる〜」: another thing made alongside the previous topic; it is asked about itself, in the ' +
        'place of the conversation (not 「<previous topic>と一緒に…」, whose words the documents do not put together)',
      m: null,
      turns: ['西東京市の地域情報化基本方針の期間は？', 'それと一緒に作ってるアクションプランの対象期間は？'],
      resolved: '西東京市のアクションプランの対象期間は?',
      composer: 'passage',
      says: '1年',
    },
  ])('$why', async ({ m, turns, resolved, composer, says }) => {
    const [, second] = await converse(m, ...turns);
    expect(second!.resolvedQuestion).toBe(resolved);
    expect(second!.composer).toBe(composer);
    expect(second!.text).toContain(says);
  });
});

describe('a definition that names its term asks what the term means, whatever the conversation was about', () => {
  // 「オープンデータってそもそも何」 after a question about the same thing: the term is named, so nothing is put before
  // it (before: 「…のオープンデータのオープンデータってそもそも何」, answered from a policy section, not the glossary).
  it.each([
    {
      why: 'the previous topic named again, with そもそも',
      m: 'hinode',
      turns: ['電子決裁はいつから？', '電子決裁ってそもそもなに？'],
      resolved: /^電子決裁とは$/,
    },
    {
      why: 'a word inside the previous topic (ペーパーレス of ペーパーレス化), そもそも first',
      m: 'hinode',
      turns: ['ペーパーレス化はいつから？', 'そもそもペーパーレスってどういうこと？'],
      resolved: /^ペーパーレスとは$/,
    },
    {
      why: 'an abbreviation asked after a question about where it is used',
      m: 'koganei',
      turns: ['RPAってどこの課で使ってるの？', 'RPAって何の略？'],
      resolved: /^rpaとは$/i,
    },
    {
      why: 'the term after a question about when a move to it happens (移行 is no part of the term)',
      m: 'koganei',
      turns: ['ガバメントクラウドへの移行はいつ？', 'ガバメントクラウドってなに'],
      resolved: /^ガバメントクラウドとは$/,
    },
    {
      why: 'the place the conversation named stays: the definition is looked up there first',
      m: null,
      turns: ['西東京市は書かない窓口やってる？', '書かない窓口ってそもそも何？'],
      resolved: /^西東京市の書かない窓口とは$/,
    },
  ])('$why', async ({ m, turns, resolved }) => {
    const answers = await converse(m, ...turns);
    const last = answers.at(-1)!;
    expect(last.resolvedQuestion).toMatch(resolved);
    expect(last.frame?.attribute).toBe('definition');
  });

  it('「それってどういう意味？」 names no term: the previous topic is what it asks about', async () => {
    const [, meaning] = await converse('hinode', '電子決裁はいつから？', 'それってどういう意味？');
    expect(meaning!.resolvedQuestion).toMatch(/^電子決裁/);
  });
});

describe('a route follow-up keeps the procedure and changes the channel', () => {
  it('「コンビニでもいける？」 after 住民票: 住民票 at a convenience store', async () => {
    const [first, second] = await converse('nishitokyo', '住民票がほしいんだけど', 'じゃあそれ、コンビニでもいける？');
    expect(first!.kind).toBe('route');
    expect(second!.kind).toBe('route');
    expect(second!.resolvedQuestion).toMatch(/^住民票を/);
    expect(second!.route?.channels[0]).toBe('convenience-store');
  });

  it('where the documents do not give that channel, the route says so (the counter comes first)', async () => {
    const [, second] = await converse('koganei', '住民票がほしいんだけど', 'じゃあそれ、コンビニでもいける？');
    expect(second!.kind).toBe('route');
    expect(second!.text).toMatch(/コンビニ交付は、小金井市の資料に記載がありません/);
  });
});

describe('a message that does not inherit', () => {
  it.each([
    { why: 'a topic of its own', turns: ['マイナンバーカードの保有率は', 'オープンデータとは'] },
    { why: 'a new topic announced', turns: ['書かない窓口とは', 'ところで、担当課はどこ？'] },
    { why: 'a greeting is no follow-up', turns: ['書かない窓口とは', 'ありがとう'] },
    {
      why: 'a place and a noun topic of its own (オンライン会議) with a verb: a question of its own',
      turns: ['書かない窓口とは', '日の出町ではオンライン会議をいつからやる予定？'],
    },
  ])('$why', async ({ turns }) => {
    const answers = await converse('higashikurume', ...turns);
    const last = answers.at(-1)!;
    expect(last.resolvedQuestion).toBeUndefined();
    expect(last.text).toBe(engine.answer(turns.at(-1)!, { municipality: 'higashikurume' }).text);
  });

  it('a follow-up with nothing before it is a question on its own', async () => {
    const [alone] = await converse('hinode', 'それはいつから？');
    expect(alone!.resolvedQuestion).toBeUndefined();
    expect(alone!.text).toBe(engine.answer('それはいつから？', { municipality: 'hinode' }).text);
  });
});

describe('restating', () => {
  // The ellipsis path writes the previous attribute back in words; understand() must read them as it.
  it.each(Object.keys(RESTATE))('「…%s」 reads back as the same attribute', (key) => {
    const answer = engine.answer(`電子決裁${RESTATE[key]}`, { municipality: 'hinode' });
    const [attribute, detail, modifier] = key.split(':');
    const f = answer.frame!;
    const read = restateKey({
      attribute: attribute === 'quantity' || attribute === 'date' || attribute === 'contact' ? attribute : f.attribute,
      ...(detail ? { detail: f.attribute.replace(/^date:/, '') } : {}),
      modifiers: f.modifiers ?? [],
    });
    if (key === 'overview') expect(f.attribute).toBe('overview');
    else if (attribute === 'quantity' || attribute === 'contact') expect(f.attribute).toBe(detail);
    else if (attribute === 'date') expect(f.attribute).toBe(detail ? `date:${detail}` : 'date');
    else expect(f.attribute).toBe(attribute);
    if (modifier) expect(f.modifiers).toContain(modifier);
    expect(read).not.toBeNull();
  });

  it.each([
    { query: 'それはいつから?', out: 'Xはいつから?', why: 'それは → Xは' },
    { query: 'その担当は?', out: 'Xの担当は?', why: 'その → Xの' },
    { query: '達成率は?', out: 'Xの達成率は?', why: 'no pointer: X の before it' },
    { query: 'いつまで?', out: 'Xはいつまで?', why: 'a question word first: X は before it' },
    { query: 'じゃあそれって何年度から?', out: 'Xって何年度から?', why: 'glue dropped, the particle kept' },
    { query: 'それぞれの目標は?', out: 'Xのそれぞれの目標は?', why: 'それぞれ is no pointer' },
    { query: 'それの対象期間は?', out: 'Xの対象期間は?', why: 'それの → Xの' },
  ])('substitute: $query → $out ($why)', ({ query, out }) => {
    expect(substitute(query, 'X')).toBe(out);
  });
});

describe('another municipality after a question its attribute cannot restate: the question in its own words there', () => {
  it('「小金井市は？」 after 「オープンデータって何に使われるの？」 asks that of 小金井市, not a fixed attribute', async () => {
    // 何に使われるの is no row of RESTATE: before, the switch found nothing to restate and was read alone
    const [, other] = await converse('nishitokyo', 'オープンデータって何に使われるの？', '小金井市は？');
    expect(other!.resolvedQuestion).toMatch(/^小金井市のオープンデータって何に使われるの/);
    expect(other!.sources[0]?.municipality).toBe('koganei');
    expect(other!.text).toMatch(/オープンデータ/);
  });

  it('「うちの町だと？」 is the municipality the resident chose, not the one asked about before', async () => {
    const [, home] = await converse('hinode', '小金井市はペーパーレスで何をやるの？', 'うちの町だと？');
    expect(home!.resolvedQuestion).toMatch(/^日の出町のペーパーレスで何をやるの/);
    expect(home!.sources[0]?.municipality).toBe('hinode');
    expect(home!.text).toMatch(/ペーパーレス/);
  });

  it('a place outside the knowledge after such a question is answered as outside, not read into the topic', async () => {
    const [, outside] = await converse('nishitokyo', 'オープンデータって何に使われるの？', '国分寺市は？');
    expect(outside!.kind).toBe('fallback');
    expect(outside!.text).toMatch(/国分寺市の資料はありません/);
  });
});

describe('a channel named after a route asks for the procedure that way only when it asks for the way', () => {
  it('「書かない窓口はもう使える？」 after a route asks whether the channel is there yet (its status)', async () => {
    const [first, status] = await converse('hinode', '住民票を取りたい', '書かない窓口はもう使える？');
    expect(first!.kind).toBe('route');
    expect(status!.kind).toBe('answer');
    expect(status!.sources[0]?.municipality).toBe('hinode');
    expect(status!.text).toMatch(/書かない窓口/);
  });

  it('after a figure (not a route), a channel word asks about the figure, not for a route', async () => {
    const [first, next] = await converse(
      'nishitokyo',
      'オンライン申請できる手続きはいくつ？',
      'コンビニ交付の実績は？',
    );
    expect(first!.kind).toBe('answer');
    expect(next!.kind).not.toBe('route');
  });

  it('the channel the resident described (申請書は書かなくて済む？) is what 「それはいつから」 asks about', async () => {
    const [route, since] = await converse(
      'nishitokyo',
      '転居届を出したいけど、申請書は書かなくて済む？',
      'それはいつから始めたの？',
    );
    expect(route!.kind).toBe('route');
    expect(route!.route?.channels[0]).toBe('kakanai');
    expect(since!.resolvedQuestion).toMatch(/^書かない窓口/);
    expect(since!.text).toMatch(/令和5年11月/);
  });
});

describe('「この方針」 after an item of it is the document the answer quoted', () => {
  it('「この方針はいつ作られたの？」 after a pillar in detail asks when the plan was made', async () => {
    const [, , made] = await converse(
      'koganei',
      '小金井市のDX推進の柱を教えて',
      '2つ目を詳しく',
      'この方針はいつ作られたの？',
    );
    expect(made!.resolvedQuestion).toMatch(/^小金井市DX推進全体方針/);
    expect(made!.text).toMatch(/令和4年10月/);
  });
});

describe('which ones, after a count: the things counted, not the count again', () => {
  it('「どれ？」 after 「…はいくつある？」 lists them, and the next ordinal picks from that list', async () => {
    const [, which, second] = await converse(
      'higashikurume',
      '東久留米市のDXの基本的な考え方はいくつある？',
      'どれ？',
      '2つ目を詳しく',
    );
    expect(which!.resolvedQuestion).toMatch(/基本的な考え方を教えて$/);
    expect(which!.text).toMatch(/市民の利便性の向上/);
    expect(which!.text).toMatch(/業務の効率化/);
    expect(second!.text).toMatch(/書類を書かない/);
  });
});

describe('a bare word that names nothing the knowledge names is said of the topic being talked about', () => {
  it.each([
    {
      why: 'メリット is said of something: the previous topic’s, not a topic asked when it starts',
      m: 'hinode',
      turns: ['電子決裁はいつから？', 'メリットは？'],
      resolved: /^電子決裁のメリットは/,
    },
    {
      why: '場所 after a figure: where the previous topic is, not 「場所の目標」',
      m: 'nishitokyo',
      turns: ['公衆無線LANの目標は？', '場所は？'],
      resolved: /^公衆無線lanの場所は/i,
    },
    {
      why: '書かない窓口 is a name the knowledge has (glossary, services): the previous question asked of it',
      m: 'nishitokyo',
      turns: ['おくやみ窓口はいつから？', '書かない窓口は？'],
      resolved: /^書かない窓口はいつから/,
    },
  ])('$why', async ({ m, turns, resolved }) => {
    const answers = await converse(m, ...turns);
    expect(answers.at(-1)!.resolvedQuestion).toMatch(resolved);
  });
});

describe('a message whose only words say what was done asks that of the topic being talked about', () => {
  it('「何を追加したの？」 after 西東京市’s open data: what was added to it, in the place of the conversation', async () => {
    // 追加 is a verbal noun done with する: no topic of its own; before, it was read alone in the chosen municipality
    const [, added] = await converse('koganei', '西東京市のオープンデータの目標は？', '何を追加したの？');
    expect(added!.resolvedQuestion).toMatch(/^西東京市のオープンデータについて、何を追加したの/);
    expect(added!.sources[0]?.municipality).toBe('nishitokyo');
  });
});

// 「Xのほうは？」「Xは？」 naming a new topic and nothing else: the resident moves the conversation to X and asks
// "and X?"; 「武蔵野市は？」 asks the same of another place. The previous question is carried (a schedule of another
// measure, a target of another indicator, the same question elsewhere). When the documents of the place asked do not
// give it, the resident still wants to hear about X there: that is said, then what those documents say of X — not
// another municipality's answer to a question they may not have meant, nor a bare fallback.
describe('a new topic or place alone asks the previous question; not given there, what is said of the topic', () => {
  it.each([
    {
      why: 'both measures have a schedule in 日の出町’s plan: when RPA starts',
      m: 'hinode',
      turns: ['テレワークはいつから始まる？', 'RPAのほうは？'],
      resolved: /^rpaはいつから/i,
      text: /^施策⑩ RPA.*令和9年度/,
    },
    {
      why: 'both are indicators with a target in 西東京市’s results table: RPA’s target',
      m: 'nishitokyo',
      turns: ['オープンデータの目標はいくつ？', 'RPAのほうは？'],
      resolved: /^rpaの目標/i,
      text: /目標値/,
    },
    {
      why: '武蔵野市 gives no date for RPA: said, then what it says of RPA (not a bare fallback)',
      m: 'musashino',
      turns: ['マイナンバーカードっていつまでに行き渡らせるの？', 'RPAのほうは？'],
      resolved: /^rpaはいつまで/i,
      text: /^武蔵野市の資料には、rpaの期限の記載はありません。[\s\S]*AI・RPA/i,
    },
    {
      why: '西東京市 gives no start for おくやみ窓口: said, then that it is being considered (重点取組 24)',
      m: 'nishitokyo',
      turns: ['書かない窓口はいつから？', 'おくやみ窓口のほうは？'],
      resolved: /^おくやみ窓口はいつから/,
      text: /^西東京市の資料には、[\s\S]*おくやみ窓口/,
    },
    {
      why: '武蔵野市 gives no start for 電子決裁: said, then its own text (文書の電子化 and 電子決裁 with it), not 日の出町’s plan again',
      m: null,
      turns: ['日の出町の電子決裁はいつから始まる？', '武蔵野市は？'],
      resolved: /^武蔵野市の電子決裁はいつから/,
      text: /^武蔵野市の資料には、[\s\S]*文書の電子化/,
    },
  ])('$why', async ({ m, turns, resolved, text }) => {
    const last = (await converse(m, ...turns)).at(-1)!;
    expect(last.kind).toBe('answer');
    expect(last.resolvedQuestion).toMatch(resolved);
    expect(last.text).toMatch(text);
    expect(last.sources[0]?.municipality).toBe(m ?? 'musashino');
  });

  it('nothing of the topic in the place asked: the not-stated reply as before', async () => {
    const answers = await converse('musashino', 'RPAはいつまでに導入するの？', '西東京市は？');
    expect(answers.at(-1)!.resolvedQuestion).toMatch(/^西東京市の.*いつまで/);
  });
});

// Walking through a list: the resident's own ordinals set the list they walk. After 「2本目の柱を詳しく」 (answered
// with the measures under that pillar), a bare 「1本目は？」 is the next pillar, not the first measure under the
// second; 「その中の1つ目」 says it is the list just shown. 「最後のは？」「最初のって」: の stands for the item itself.
// And an aside (「ところで…」) between the list and the ordinal does not hide the list.
describe('ordinals walk the list the resident is walking', () => {
  it('a bare ordinal after an item in detail picks a sibling of that item, not one of its own sub-items', async () => {
    const [, , first] = await converse('koganei', 'DX推進の3本の柱を教えて', '2本目の柱を詳しく', '1本目は？');
    expect(first!.composer).toBe('focused');
    expect(first!.resolvedQuestion).toMatch(/市民目線でのサービスの質の向上/);
  });

  it('「その中の2つ目」 after an item in detail is the second of the sub-items that answer listed', async () => {
    const [, detail, within] = await converse(
      'koganei',
      'DX推進の3本の柱を教えて',
      '2本目の柱を詳しく',
      'その中の2つ目は？',
    );
    const second = detail!.text.split(/\s・/)[2]?.split('：')[0]?.trim() ?? '';
    expect(second.length).toBeGreaterThan(2);
    expect(within!.resolvedQuestion).toContain(second);
  });

  it.each([
    { why: '「最後のは？」: the last item', q: '最後のは？', item: /情報セキュリティ対策の強化/ },
    {
      why: '「最初のってどういうこと？」: the first item, asked what it means',
      q: '最初のってどういうこと？',
      item: /行政サービスの利便性向上/,
    },
    { why: '「一番最後のやつ」: the same with やつ', q: '一番最後のやつを教えて', item: /情報セキュリティ対策の強化/ },
  ])('$why', async ({ q, item }) => {
    const [, edge] = await converse('musashino', '自治体DXの基本方針ってなに？', q);
    expect(edge!.composer).toBe('focused');
    expect(edge!.resolvedQuestion).toMatch(item);
  });

  it('an aside between the list and the ordinal: the ordinal picks from the list, in its municipality', async () => {
    const [, , , third] = await converse(
      null,
      '武蔵野市の自治体DXの基本方針ってなに？',
      '1つ目をくわしく',
      'ところで日の出町の電子決裁はいつから？',
      'さっきの話に戻るけど、3つ目は？',
    );
    expect(third!.composer).toBe('focused');
    expect(third!.resolvedQuestion).toMatch(/情報セキュリティ対策の強化/);
    expect(third!.resolvedQuestion).not.toMatch(/日の出町/);
    expect(third!.sources[0]?.municipality).toBe('musashino');
  });
});

// 「さっきの話に戻るけど」「前の話に戻るけど」: the resident goes back past an aside; the turn before it is what the message
// leans on (its topic, its place), not the aside.
describe('going back to the topic before an aside', () => {
  it('「前の話に戻るけど、担当課は？」 asks the department of the topic before the aside', async () => {
    const answers = await converse(
      'nishitokyo',
      '書かない窓口はいつから？',
      'ところで、オープンデータの目標は？',
      '前の話に戻るけど、担当課は？',
    );
    expect(answers.at(-1)!.resolvedQuestion).toMatch(/^書かない窓口の担当課/);
    expect(answers.at(-1)!.text).toMatch(/市民課/);
  });

  it('without the cue, the aside is what the message leans on', async () => {
    const answers = await converse(
      'nishitokyo',
      '書かない窓口はいつから？',
      'ところで、オープンデータの目標は？',
      '担当課は？',
    );
    expect(answers.at(-1)!.resolvedQuestion).toMatch(/^オープンデータの担当課/);
  });

  it('a place named with the cue (「武蔵野の話に戻るけど」) picks the earlier turn in that place', async () => {
    const answers = await converse(
      null,
      '武蔵野市のテレワークの取組は？',
      '日の出町の電子決裁はいつから？',
      '武蔵野の話にもどるけど、担当課は？',
    );
    expect(answers.at(-1)!.resolvedQuestion).toMatch(/^武蔵野市のテレワーク/);
  });
});

describe('a channel named in full is the topic kept, though its verb is read as a verb (書かない窓口, not 窓口)', () => {
  it('「担当課は？」 after 「書かない窓口はいつから？」 is the department of 書かない窓口', async () => {
    const [first, next] = await converse('nishitokyo', '書かない窓口はいつから？', '担当課は？');
    expect(first!.turn?.frame.topic).toBe('書かない窓口');
    expect(next!.resolvedQuestion).toMatch(/^書かない窓口の担当課/);
    expect(next!.text).toMatch(/市民課/);
  });
});

// 「それってトータルでいくつ出す目標なの？」: words that only frame a figure or a date (全部で, トータルで, 最終的に) can make
// the question as the resident wrote it unanswerable; the same question in the words the cue table reads back (「…の目標
// は？」「…はいつまで？」) is asked next, and kept when it is answered.
describe('a figure or a date asked in words of their own: asked plainly when not answered as written', () => {
  it.each([
    {
      why: '西東京市’s open data: トータルで frames the target (14データセット)',
      m: 'nishitokyo',
      turns: ['オープンデータの取組ってどんな感じ？', 'それってトータルでいくつ出す目標なの？'],
      resolved: /^オープンデータの取組の目標は/,
      text: /14データセット/,
    },
    {
      why: '武蔵野市’s cards: 全部で and 配りおわる frame until when (令和4年度末)',
      m: 'musashino',
      turns: ['マイナンバーカードってどうなってる？', 'それって全部でいつまでに配りおわる予定なの？'],
      resolved: /^マイナンバーカードはいつまで/,
      text: /令和4年度末/,
    },
  ])('$why', async ({ m, turns, resolved, text }) => {
    const last = (await converse(m, ...turns)).at(-1)!;
    expect(last.resolvedQuestion).toMatch(resolved);
    expect(last.text).toMatch(text);
  });
});

describe('inside a procedure conversation, 「その窓口」 is the channel the resident named', () => {
  it('a channel named in a route follow-up is what 「その窓口」 points at next (not the bereavement lead)', async () => {
    // 西東京市: 死亡・相続 leads with おくやみ窓口, but the resident asked for 書かない窓口 (運用開始 令和5年11月)
    const turns = ['父が他界しまして、相続の手続きをしたい', '書かない窓口でもいける？', 'その窓口はいつ始まったの？'];
    const [, channel, when] = await converse('nishitokyo', ...turns);
    expect(channel!.route?.channels).toContain('kakanai');
    expect(when!.resolvedQuestion).toMatch(/^書かない窓口/);
    expect(when!.text).toMatch(/令和5年11月/);
  });

  it('a procedure of its own after a route is routed as it stands: its pointer is at what was told, not the channel', async () => {
    // 「それ関係」 after a general procedure is the death just told; read as the previous answer's lead channel it would
    // add that channel (オンライン申請) to a bereavement
    const [, bereavement] = await converse(
      'nishitokyo',
      '市役所で手続きをしたいです',
      '父が他界したので、それ関係です',
    );
    expect(bereavement!.resolvedQuestion).toBeUndefined();
    expect(bereavement!.route?.channels[0]).toBe('okuyami');
    expect(bereavement!.route?.channels).not.toContain('online');
  });
});

describe('「目標に届いてる？」 after a figure asks how far it got towards its target', () => {
  it.each([
    {
      why: '西東京市’s public Wi-Fi: 目標値 20拠点, 実績値 8拠点, 達成率 40% (達する, one verb of reaching)',
      m: 'nishitokyo',
      turns: ['公衆無線LANの拠点は今いくつ？', '目標に達してる？'],
      text: /^目標20拠点に対して実績は8拠点.*達成率40%で、目標にはまだ届いていません/,
    },
    {
      why: '西東京市’s online education: 目標値 11件, 実績値 11件, 達成率 100% — reached (到達, another verb)',
      m: 'nishitokyo',
      turns: ['オンライン教育の実績は？', '目標には到達した？'],
      text: /^目標11件に対して実績は11件.*目標に届いています/,
    },
    {
      why: '西東京市’s open data: 目標 14データセット; クリア is another verb of reaching',
      m: 'nishitokyo',
      turns: ['オープンデータの実績は？', 'それ、目標はクリアできた？'],
      text: /達成率/,
    },
  ])('$why', async ({ m, turns, text }) => {
    const last = (await converse(m, ...turns)).at(-1)!;
    expect(last.resolvedQuestion).toMatch(/の達成率は/);
    expect(last.kind).toBe('answer');
    expect(last.text).toMatch(text);
  });
});

describe('the resident’s own place with no municipality chosen is asked back, not guessed', () => {
  it('「うちのまちは？」 after a question about 日の出町: which municipality, then the question asked in the one named', async () => {
    const [, asked, named] = await converse(null, '日の出町のペーパーレス化はいつから？', 'うちのまちは？', '小金井市');
    expect(asked!.kind).toBe('clarify');
    expect(asked!.choices).toHaveLength(5);
    expect(asked!.sources).toHaveLength(0);
    // a name sent alone is the place to ask the kept question in, not a topic of its own
    expect(named!.resolvedQuestion).toMatch(/^小金井市のペーパーレス化はいつから/);
    expect(named!.sources[0]?.municipality).toBe('koganei');
  });

  it.each([
    { why: 'asked alone, nothing chosen: asked back', m: null, kind: 'clarify' },
    { why: 'the chosen municipality is the resident’s own: answered there', m: 'nishitokyo', kind: 'answer' },
  ])('「地元のオープンデータの目標は？」 — $why', async ({ m, kind }) => {
    const [answer] = await converse(m, '地元のオープンデータの目標は？');
    expect(answer!.kind).toBe(kind);
    if (m) expect(answer!.sources[0]?.municipality).toBe(m);
  });
});

describe('another place asked about a part of the heading just detailed: the message as written there', () => {
  it('「日の出町は業務効率化どうしてる？」 after 小金井市’s pillar 「デジタル技術を活用した業務効率化の推進」', async () => {
    // the pillar is 小金井市’s own heading; 日の出町 has no such pillar, but writes about 業務効率化 in its own words
    const turns = ['DX推進の3本の柱を教えて', '2つ目を詳しく', '日の出町は業務効率化どうしてる？'];
    const last = (await converse('koganei', ...turns)).at(-1)!;
    expect(last.resolvedQuestion).toBeUndefined();
    expect(last.kind).toBe('answer');
    expect(last.sources[0]?.municipality).toBe('hinode');
  });
});

// The last turn of a conversation read as `resolved` and answered with `text`.
async function answersThread(row: { m: string; turns: string[]; resolved: RegExp; text: RegExp }) {
  const last = (await converse(row.m, ...row.turns)).at(-1)!;
  expect(last.kind).toBe('answer');
  expect(last.resolvedQuestion).toMatch(row.resolved);
  expect(last.text).toMatch(row.text);
}

// Classes of follow-up, each read against the previous turn: the last turn is read as `resolved` and answered with
// `text`.
describe('a follow-up of each class is read against the previous turn and answered', () => {
  it.each([
    // 「何がある？」 of a policy asks what there is (a list the next ordinal walks), not whether there is one
    {
      why: '東久留米市’s ways of thinking: the second in its own words (書類を書かない)',
      m: 'higashikurume',
      turns: ['東久留米市の基本的な考え方って何がある？', '2つ目をもっと詳しく'],
      resolved: /接点強化について詳しく/,
      text: /書類を書かない/,
    },
    {
      why: '武蔵野市’s basic policies: the third in its own words (安全な行政サービス)',
      m: 'musashino',
      turns: ['武蔵野市のDXの基本方針は何があるの？', '3つ目をもっと詳しく'],
      resolved: /情報セキュリティ対策の強化について詳しく/,
      text: /安全な行政サービス/,
    },
    // a person or a department asked in words that only frame it (「そのトップは誰」) is asked plainly when the words as
    // written are not answered; 「Xのほうは？」 after a question asked freely of a target (「どこまで目指してるの？」)
    // asks X's target — both in the words the cue table reads back
    {
      why: '小金井市’s DX organisation: トップ frames who is in charge (副市長 as CIO); no word of its own is left',
      m: 'koganei',
      turns: ['DX推進の体制はどうなってるの？', 'そのトップは誰なの？'],
      resolved: /体制の(?:トップ|責任者)/,
      text: /副市長/,
    },
    {
      why: '西東京市’s 推進体制 in detail: its トップ is the CIO (副市長) who heads the 情報化推進本部',
      m: 'nishitokyo',
      turns: ['DXの推進体制について教えて', 'もっと詳しく', 'そのトップは誰なの？'],
      resolved: /推進体制の(?:トップ|責任者)/,
      text: /CIO\(副市長\)/,
    },
    {
      why: '西東京市: open data’s target after a question of how far another measure aims (14データセット)',
      m: 'nishitokyo',
      turns: ['公衆無線LANはどこまで目指してるの？', 'オープンデータのほうは？'],
      resolved: /^オープンデータの目標は/,
      text: /14データセット/,
    },
    {
      why: '小金井市: online procedures’ target after the card’s (優先27事業, 19事業, 70%)',
      m: 'koganei',
      turns: ['マイナンバーカードはどこまで普及を目指してるの？', '行政手続のオンライン化のほうは？'],
      resolved: /^行政手続のオンライン化の目標は/,
      text: /19事業/,
    },
    // 「なんでそんなに少ないの」 after a KPI's figure: the documents explain the result in the measure's progress
    // (進捗内容 on its result sheet), asked plainly when no reason is written as such; the figure's own row
    {
      why: '西東京市’s online consultation for children (15-2, 子育て支援課): its progress, not the 健康課 row’s',
      m: 'nishitokyo',
      turns: ['オンライン相談の実績は？', 'なんでそんなに少ないの？'],
      resolved: /^オンライン相談の.*進捗は/,
      text: /いこいーな窓口/,
    },
    {
      why: '西東京市’s cashless payments at 市民課 (10.6%): its result sheet answers as asked (目標値を大きく下回っている状況)',
      m: 'nishitokyo',
      turns: ['市民課のキャッシュレス決済の達成率は？', 'どうしてそんなに低いの？'],
      resolved: /^市民課のキャッシュレス決済/,
      text: /目標値を大きく下回/,
    },
    // 「市民課のほうの実績は？」: the documents name a measure's department beside it and rows of one measure differ
    // by department, so a department as the other side is that department's part of the topic, kept for the next turn
    {
      why: '「文化振興課のほうの実績は？」 after 西東京市’s cashless target: that department’s row (10,029件)',
      m: 'nishitokyo',
      turns: ['キャッシュレス決済の目標件数は？', '文化振興課のほうの実績は？'],
      resolved: /^キャッシュレス決済の文化振興課の実績は/,
      text: /10,029件/,
    },
    {
      why: 'the part is kept: 「目標には届いてる？」 next compares that row’s figures',
      m: 'nishitokyo',
      turns: ['キャッシュレス決済の目標件数は？', '文化振興課のほうの実績は？', '目標には届いてる？'],
      resolved: /^キャッシュレス決済の文化振興課の達成率は/,
      text: /^目標20,000件に対して実績は10,029件/,
    },
    {
      why: '「市民課のほうは？」 asks the previous question of 市民課’s row (its target, 52,600件)',
      m: 'nishitokyo',
      turns: ['キャッシュレス決済の目標件数は？', '市民課のほうは？'],
      resolved: /^キャッシュレス決済の市民課の目標は/,
      text: /52,600件/,
    },
  ])('$why', answersThread);
});

describe('a question asked again elsewhere in its own words keeps them whole where a place was taken out', () => {
  it('「テレワーク、日の出町はどう進めるの」 then 「武蔵野市はどう？」: the comma and the place’s particle do not split it', async () => {
    const last = (await converse('hinode', 'テレワーク、日の出町はどう進めるの', '武蔵野市はどう？')).at(-1)!;
    expect(last.resolvedQuestion).toBe('武蔵野市のテレワークはどう進めるの');
    expect(last.text).toMatch(/在宅勤務|テレワーク/);
    expect(last.sources[0]?.municipality).toBe('musashino');
  });
});
