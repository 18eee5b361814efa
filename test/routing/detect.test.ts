import { beforeAll, describe, expect, it } from 'vitest';
import { type Analyzer, createAnalyzer } from '../../src/analysis/index.js';
import { detectProcedure, isProcedureInquiry } from '../../src/routing/index.js';

// detectProcedure works on normalized (NFKC, lower-case) text, as the analyzer's char filter produces it, and on
// its tokens (the verbs are read by reading).
let analyzer: Analyzer;
beforeAll(async () => {
  analyzer = await createAnalyzer();
});
const n = (s: string) => analyzer.normalize(s);
const detect = (q: string) => detectProcedure(n(q), analyzer.tokenize(n(q)));

describe('detectProcedure: procedure and wished mode', () => {
  const cases = [
    { q: 'スマホから転出届を出したい', procedure: '転出届', mode: 'online', why: 'スマホ = 行かない online wish' },
    {
      q: 'コンビニで印鑑証明を取れますか',
      procedure: '印鑑登録証明書',
      mode: 'convenience-store',
      why: 'コンビニ named',
    },
    { q: '窓口で書類を書かずに済ませたい', procedure: null, mode: 'kakanai', why: '書かずに = 書かない窓口' },
    {
      q: '申請書を書かなくてもいいやり方で転出届を出したい',
      procedure: '申請',
      mode: 'kakanai',
      why: '書かなくてもいい: not having to write is the 書かない wish',
    },
    { q: '記入しなくて済む方法はある？', procedure: null, mode: 'kakanai', why: '記入しなくて済む = 書かない窓口' },
    { q: '父が亡くなったので手続きをしたい', procedure: '死亡・相続', mode: 'okuyami', why: 'a death → おくやみ窓口' },
    {
      q: '子育ての相談をビデオ通話でしたい',
      procedure: '子育て',
      mode: 'online-consultation',
      why: 'video call + 相談',
    },
    {
      q: '証明書の手数料をPayPayで払いたい',
      procedure: '支払い',
      mode: 'cashless',
      why: 'QR payment brand = cashless',
    },
    { q: '待ち時間なしで住民票がほしい', procedure: '住民票', mode: 'online', why: 'wait-less → online first' },
    {
      q: '印鑑証明って夜中にコンビニでとれる？',
      procedure: '印鑑登録証明書',
      mode: 'convenience-store',
      why: '「とれる」 in kana asks as 「取れる」 does; 夜中 is outside the counter’s hours',
    },
    {
      q: '住民票、深夜でもだせる？',
      procedure: '住民票',
      mode: 'convenience-store',
      why: '「だせる」 in kana is 「出せる」; 深夜 is outside the counter’s hours',
    },
    {
      q: '保育園の申し込み、家からネットでできたら助かるんですが',
      procedure: '子育て',
      mode: 'online',
      why: '保育 is child care; 家から and ネット are the 行かない wish',
    },
    {
      q: '図書館の利用登録の申し込みをオンラインでしたい',
      procedure: '申請',
      mode: 'online',
      why: '申し込み is an application, like 申請',
    },
    {
      q: '日曜日に印鑑証明が急に必要になった',
      procedure: '印鑑登録証明書',
      mode: 'convenience-store',
      why: 'a certificate needed outside counter hours → コンビニ交付; 「必要になった」 is the wish',
    },
    {
      q: '引っ越しのたびに同じことを何度も書くのがいやです',
      procedure: '引っ越し',
      mode: 'kakanai',
      why: 'writing the same again and again, disliked → 書かない窓口',
    },
    {
      q: '戸籍の証明を取るのに市役所に行かないといけませんか',
      procedure: '戸籍',
      mode: 'online',
      why: '「行かないといけませんか」: asks how else it can be done',
    },
    {
      q: '介護のことをオンラインで相談できたりする？',
      procedure: '相談',
      mode: 'online-consultation',
      why: '「できたりする？」 asks to do it',
    },
  ];
  it.each(cases)('$q → $mode ($why)', ({ q, procedure, mode }) => {
    const d = detect(q);
    if (procedure) expect(d.procedures).toContain(procedure);
    expect(d.modes).toContain(mode);
    expect(isProcedureInquiry(d, false)).toBe(true);
  });

  const notRoutes = [
    { q: '書かない窓口とは', definition: true, why: 'a definition question, not a wish to do something' },
    { q: 'キャッシュレス化は何施設で達成しましたか', definition: false, why: 'a figure question: no wish (たい/方法)' },
    { q: 'オンライン化の目標値は', definition: false, why: 'policy figure, nothing to do' },
    { q: '書かない窓口の導入に必要な費用は', definition: false, why: '「必要な」 about a policy is no wish' },
    {
      q: 'コンビニで取れる住民票の項目って前より増えたの？',
      definition: false,
      why: 'the predicate is a change (増えた): how a measure progressed; 取れる only describes the items',
    },
    {
      q: 'オンラインでできる手続きは増えましたか',
      definition: false,
      why: 'the same: whether the online procedures grew in number',
    },
    {
      q: '小金井市ってキャッシュレス決済どこで使えるの？',
      definition: false,
      why: 'where a service can be used, no procedure named: a question about the service (its places, its status)',
    },
    {
      q: 'コンビニ交付ってどこのコンビニでやってるの？',
      definition: false,
      why: 'the same: which stores offer the service',
    },
    {
      q: 'オンライン申請が増えると職員の負担はどうなる？',
      definition: false,
      why: '「〜と」 followed by a question, not by a benefit to the resident: no hope',
    },
  ];
  it.each(notRoutes)('$q is not a procedure inquiry ($why)', ({ q, definition }) => {
    expect(isProcedureInquiry(detect(q), definition)).toBe(false);
  });
});

describe('detectProcedure: a wish, or only whether it can be done', () => {
  const cases = [
    { q: '住民税をスマホ決済で払いたい', wish: true, why: '〜たい: a wish to do it' },
    { q: '手が不自由で申請書を書くのが大変です', wish: true, why: 'a hardship asks for help doing it' },
    { q: '住民票ほしいんだけどどうすればいい？', wish: true, why: 'how to: どうすれば' },
    { q: '住民票はどこで取れる？', wish: true, why: 'where to obtain a certificate named: a how-to' },
    {
      q: '税金ってどこで払えるの？',
      wish: false,
      why: 'where to pay, no certificate named: a question about the municipality’s measure (公金収納, 電子決済)',
    },
    { q: '施設の使用料って交通系ICカードで払える？', wish: false, why: '払える？ asks whether it can be done' },
    { q: '妊婦面談をオンラインで受けることってできますか', wish: false, why: 'できますか: yes/no' },
    {
      q: '保育園の申し込み、家からネットでできたら助かるんですが',
      wish: true,
      why: '「〜できたら助かる」: a hope phrased as a condition and its benefit is a wish',
    },
    { q: '児童手当の申請がスマホでできるとありがたい', wish: true, why: '「〜できるとありがたい」: the same hope' },
    { q: '住民票がコンビニで取れたら便利なのに', wish: true, why: '「〜たら便利なのに」: the same hope' },
    { q: '転入届、オンラインで出せればいいんだけど', wish: true, why: '「〜ればいい」: the same hope' },
    { q: '証明書の手数料をキャッシュレスで払えると嬉しいです', wish: true, why: '「〜と嬉しい」: the same hope' },
  ];
  it.each(cases)('$q → wish $wish ($why)', ({ q, wish }) => {
    const d = detect(q);
    expect(d.wish).toBe(wish);
    // Either way it is a procedure inquiry; the answer room decides whether a measure's status answers it.
    expect(isProcedureInquiry(d, false)).toBe(true);
  });
});

describe('detectProcedure: a complaint about a procedure asks for a way out of it', () => {
  // 「書くのがめんどうなんだけど、どうにかならない？」: a hardship (in kana or kanji, read from the tokens) or a plea for
  // a remedy is a wish to do the procedure some easier way; writing named with the hardship is the 書かない wish.
  const cases = [
    {
      q: '転居のたびに住所を何度も書くのがめんどくさい',
      mode: 'kakanai',
      why: 'めんどくさい in kana is a hardship; writing again and again is 書かない',
    },
    {
      q: '申請書書くのめんどうなんだけど',
      mode: 'kakanai',
      why: 'めんどう without が: the hardship still follows 書く',
    },
    {
      q: '住民票を取りに行くのがたいへんで困ってる',
      mode: null,
      why: 'たいへん in kana and 困ってる: a hardship about a procedure named',
    },
    {
      q: '引っ越しの手続き、書類が多すぎてつらい',
      mode: null,
      why: 'つらい: a hardship; 引っ越し is the procedure',
    },
    {
      q: '窓口で証明書の申請書を毎回書かされるの、なんとかならない？',
      mode: 'kakanai',
      why: 'なんとかならない asks for a remedy; 書かされる is the 書かない wish',
    },
    {
      q: '転出届ってどうにかならないの？紙ばっかりで',
      mode: null,
      why: 'どうにかならない: a plea for an easier way, with the procedure named',
    },
  ];
  it.each(cases)('$q → a wish ($why)', ({ q, mode }) => {
    const d = detect(q);
    expect(d.wish).toBe(true);
    expect(isProcedureInquiry(d, false)).toBe(true);
    if (mode) expect(d.modes).toContain(mode);
  });

  it.each([
    { q: 'DXの推進ってたいへんなの？', why: 'a hardship with no procedure or channel named is no inquiry' },
    { q: 'オープンデータの公開ってどうにかならないの？', why: 'a plea about a policy, no procedure named' },
  ])('$q is not a procedure inquiry ($why)', ({ q }) => {
    expect(isProcedureInquiry(detect(q), false)).toBe(false);
  });
});

describe('detectProcedure: applying to a class or an event is the event’s business, not a front-yard procedure', () => {
  // 「スマホ教室」「オンライン講座」: the channel word says what the event is about, not how the resident wishes to
  // apply; 申し込み・予約 of an event is no procedure of the counter. Read as a question about the event, the answer
  // says what the documents state of it (and that where or how to apply is not stated).
  it.each([
    {
      q: 'パソコン講座に申し込みたいんだけど、どうすればいい？',
      why: 'パソコン names the course; the application is the course’s',
    },
    { q: 'オンライン講座の予約ってどうすれば？', why: 'オンライン names the course, not the channel wished' },
    {
      q: '高齢者向けのスマホ相談会はどこで申し込めるの？',
      why: 'a consultation day: 相談 there is the event, not a counter',
    },
    { q: 'タブレット教室ってどこでやってるの？申し込みは？', why: 'where an event is held, and how to apply to it' },
  ])('$q is not a procedure inquiry ($why)', ({ q }) => {
    const d = detect(q);
    expect(isProcedureInquiry(d, false)).toBe(false);
    expect(d.modes).toEqual([]);
  });

  it.each([
    { q: '住民票をスマホで申し込みたい', mode: 'online', why: 'no event: スマホ is the channel wished' },
    {
      q: 'スマホ教室にネットで申し込みたい',
      mode: 'online',
      why: 'ネット outside the event’s name is the channel wished',
    },
  ])('$q is still a procedure inquiry ($why)', ({ q, mode }) => {
    const d = detect(q);
    expect(isProcedureInquiry(d, false)).toBe(true);
    expect(d.modes).toContain(mode);
  });
});

describe('detectProcedure: verbs read by reading, whatever their spelling', () => {
  const cases = [
    {
      q: '税の証明書って役所に行かずにスマホから申し込める？',
      action: true,
      why: '申し込める: the potential of 申し込む',
    },
    { q: '証明書、スマホからもうしこめる？', action: true, why: 'もうしこめる: the same verb in kana' },
    { q: '住民票はコンビニで取れますか', action: true, why: '取れますか: the potential of 取る' },
    { q: '住民票ってコンビニでとれる？', action: true, why: 'とれる: the same verb in kana' },
    { q: '手数料はキャッシュレスではらえる？', action: true, why: 'はらえる: 払える in kana' },
    { q: '妊婦面談はオンラインで受けられますか', action: true, why: '受けられる: a verb with the potential suffix' },
    {
      q: '高齢の父の申請書、代わりに作ってもらえる？',
      action: true,
      why: 'もらえる after a verb: asks for it to be done',
    },
    { q: 'キャッシュレス決済の目標件数は', action: false, why: 'a figure: no verb of doing' },
    { q: '都市計画図などの地図情報はネットで見られる？', action: false, why: '見られる: seeing is no procedure verb' },
  ];
  it.each(cases)('$q → wantsAction $action ($why)', ({ q, action }) => {
    expect(detect(q).wantsAction).toBe(action);
  });

  const knowing = [
    {
      q: 'おくやみ窓口の実績は何件だったの？達成率も知りたい',
      wish: false,
      why: '知りたい wishes to be told a figure, not to do the bereavement procedures',
    },
    { q: '住民票のコンビニ交付について詳しく教えてほしい', wish: false, why: '教えてほしい: to be told' },
    { q: 'キャッシュレス決済のことを聞きたい', wish: false, why: '聞きたい: to hear about it' },
    {
      q: 'おくやみ窓口って予約が必要ですか',
      wish: false,
      why: '「が必要ですか」 asks whether it is needed; no need told',
    },
    { q: '住民票を取りたい', wish: true, why: '取りたい: a wish to do it' },
    { q: '転出届をスマホで出したかったんです', wish: true, why: '出したかった: the same auxiliary たい, past' },
    {
      q: 'スマホ教室みたいなデジタルデバイド対策は何をするの？',
      wish: false,
      why: 'みたいな holds the letters たい but is no wish: たい is read as the auxiliary it is',
    },
    { q: '母が亡くなったので手続きを知りたい', wish: true, why: 'a death told asks what to do, whatever the verb' },
    { q: '急に住民票が必要です', wish: true, why: '「が必要です」 tells a need' },
  ];
  it.each(knowing)('$q → wish $wish ($why)', ({ q, wish }) => {
    expect(detect(q).wish).toBe(wish);
  });
});

describe('detectProcedure: the certificate or notification asked for, and the verb asked in its potential', () => {
  it.each([
    { q: '住民票ってコンビニで取れる？', object: '住民票', why: 'a certificate obtained' },
    { q: 'ｺﾝﾋﾞﾆで印鑑証明とれる？', object: '印鑑登録証明書', why: 'half-width katakana and kana read alike' },
    { q: '転出届ってオンラインで出せる？', object: '転出届', why: 'a notification handed in' },
    { q: '死亡届ってオンラインで出せる？', object: '死亡・相続', why: '死亡届 is a notification' },
    { q: 'おくやみ窓口で相談できる？', object: undefined, why: 'おくやみ窓口 named as a service, no notification' },
    {
      q: '住民票の手数料ってスマホ決済で払える？',
      object: undefined,
      why: 'the fee of a certificate: paying is what is asked, a measure of its own',
    },
  ])('$q → $object ($why)', ({ q, object }) => {
    expect(detect(q).object).toBe(object);
  });

  it.each([
    { q: '施設の使用料って交通系ICカードで払えますか', verb: '払える', why: 'the basic form of 払え' },
    { q: '住民票とれる？', verb: 'とれる', why: 'とれる in kana, as written' },
    { q: '住民票を取りたい', verb: null, why: 'a wish, no potential' },
  ])('$q → verbs hold $verb ($why)', ({ q, verb }) => {
    const { verbs } = detect(q);
    if (verb) expect(verbs).toContain(verb);
    else expect(verbs).toEqual([]);
  });

  it.each([
    {
      q: '証明書の手数料、現金じゃなくてカードとかで払える？',
      cashless: true,
      why: 'said by what it is not, and a card',
    },
    { q: '現金持ってないんだけど手数料払える？', cashless: true, why: 'no cash: another way of paying' },
    { q: 'マイナンバーカードで住民票を取りたい', cashless: false, why: 'a マイナンバーカード is shown, not paid with' },
  ])('$q → cashless $cashless ($why)', ({ q, cashless }) => {
    expect(detect(q).modes.includes('cashless')).toBe(cashless);
  });
});
