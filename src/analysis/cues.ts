// The one cue table: how residents ask for each kind of fact, and what a text must hold to answer it.
// Data, one row per cue, each with the reason it exists. Read by the answer room's understand() (the question
// side), its sentence ranking and validation (the evidence side), and by the search room's ranking priors
// (search/intent.ts). It lives in the analysis room because both of those rooms import it already and it
// imports neither. Rows are general expressions of Japanese questions; none names a particular question.

/** What a question asks about its topic. */
export type Attribute =
  | 'definition'
  | 'quantity'
  | 'date'
  | 'person'
  | 'contact'
  | 'items'
  | 'status'
  | 'reason'
  | 'name'
  | 'overview'
  | 'procedure'
  | 'greeting'
  | 'chat';
export type QuantityKind = 'count' | 'rate' | 'amount';
export type DateKind = 'start' | 'end' | 'period' | 'made' | 'revised';
export type ContactKind = 'department' | 'phone' | 'fax' | 'address' | 'email' | 'hours';
/** one municipality; each of those named, side by side; which of all the municipalities. */
export type Scope = 'one' | 'each' | 'which';

export interface CueMeaning {
  attribute?: Attribute;
  quantity?: QuantityKind;
  date?: DateKind;
  contact?: ContactKind;
  scope?: Scope;
  modifier?: 'actual' | 'target' | 'national' | 'choice' | 'measures' | 'change';
}

export interface Cue {
  id: string;
  means: CueMeaning;
  /** Over the normalized question (NFKC, lower-case) with municipality names removed. */
  question: RegExp;
  reason: string;
  /**
   * Words that say this cue and name no topic (normalized): a question's terms among them are not what it is
   * about (「DXの担当課の電話番号」 is about DX). Read by the search (a contact question's colophon) and the
   * publisher composer.
   */
  words?: readonly string[];
  /** Attributes this row gives way to when one of their rows fires on the same question too. */
  yields?: readonly Attribute[];
}

// Counters residents put after 何 (「何件」「何拠点」); a figure with one of them answers a count.
export const COUNTERS =
  '件|人|名|回|時間|個|か所|カ所|ヶ所|箇所|拠点|施設|台|校|事業|手続|団体|枚|社|項目|桁|倍|歳|データセット|ポイント|本|つ';

// How a document is said to use or explain a term (「…で使ってるの」「…って説明してるの」): still its meaning.
const USED =
  '(?:使って|使われて|説明して|説明されて|書いて|書かれて|言って|定義して|定義されて)(?:る|いる|います|ますか|あるの|ある)?(?:の|ん(?:です|でしょう)か?)?';

// 「〜とは」「〜って何」「〜の意味」「〜について知りたい」, with the term in group 1. The cue must close the
// question: 「オープンデータって何データセット…」 asks for a number, 「生成AIって使ってるの」 about use.
export const DEFINITION = new RegExp(
  `^(.+?)(?:${[
    'とは(?:何|なに|なん)?(?:ですか|でしょうか|なの|か)?',
    'とは(?:どういう|どんな)(?:意味|こと|もの)(?:ですか|でしょうか|なの)?',
    'とは(?:何|なに|なん)の(?:こと|意味)(?:ですか|でしょうか)?',
    // 「〜って結局なに」「〜ってなんの略？」「〜って」
    'って(?:結局|そもそも|いったい|一体)?(?:何|なに|なん)?(?:の略|のこと)?(?:ですか|でしょうか|だろう|なの|だっけ|なんですか|なんでしょうか)?',
    // 「〜って具体的にどういう自治体のこと」: an adverb, and the kind of thing, before こと (「〜思考ってどういう考え方」)
    '(?:って|は)(?:具体的に|簡単に|ざっくり(?:と)?|要するに|つまり)?(?:どういう|どんな)(?:[一-龥ァ-ヶー]{1,8}の)?(?:仕組み|しくみ|もの|意味|いみ|こと|考え方)(?:ですか|でしょうか|なの|なんですか|なんでしょうか)?',
    // 「〜ってどういう意味で使ってるの」「〜ってどういうものって説明してるの」: the meaning the documents give it
    `(?:って|は)(?:どういう|どんな)(?:意味|いみ|もの|こと)(?:で|として|って|と)(?:${USED})`,
    // 「〜って何をするところ」「〜はどんなことをする組織」: a body or place is defined by what it does
    `(?:って|は)(?:(?:何|なに|なん)を|どんなことを)(?:する|している|してる|やる|やっている|やってる|行う)(?:ところ|所|組織|機関|団体|場所)(?:ですか|でしょうか|なの|なんですか|なんでしょうか)?`,
    // 「〜ってよく聞くけど、どういう意味なんですか」「〜ってよく見るけど何の略？」: an aside between the term and the
    // question
    // 「〜って言葉が出てきたけど」「〜という用語があったけど」: the word itself named, and where it was seen
    '(?:って|は|という)(?:言葉|用語|ことば)?(?:が|を|は)?(?:よく|最近)?(?:聞く|聞きます|見かける|見る|見ます|書いてある|出てくる|出てきた|でてきた|出てきました|あった|ありました|載ってた|のってた)(?:けど|けれど|んですが|のですが|が)[、,\\s]*(?:(?:どういう|どんな)?(?:意味|いみ|こと)|(?:何|なに|なん)(?:の略|のこと)?)(?:ですか|でしょうか|なの|なんですか|なんでしょうか|だっけ)?',
    // 「〜は何の略ですか」「〜はなんのこと？」
    'は(?:何|なに|なん)の(?:略|こと)(?:ですか|でしょうか|なの|なんですか|だっけ)?',
    // 「〜って言葉、意味を教えてください」
    // 「〜という言葉の意味は」: the word named before its meaning
    '(?:って|という)(?:言葉|用語|ことば)?の?[、,\\s]*意味(?:は|って|を(?:教えて|知りたい)(?:ください|下さい)?)?',
    // 「〜って何を指すの」「〜は何を指していますか」: what a term refers to is what it means
    '(?:って|は)(?:何|なに|なん)を指(?:す|して(?:い)?る|します|していますか)(?:の|ん(?:です|でしょう)か|のですか|ですか|か)?',
    // 「マイナポータルって何ができるの」: what a thing is for is what its glossary entry says
    '(?:って|は|で)(?:何|なに|なん)が(?:できる|出来る)(?:の|んですか|のですか|ですか|んだろう|か)?',
    'の意味(?:は|を?(?:教えて|おしえて|知りたい|しりたい)(?:ください|下さい)?)?',
    // 「〜って、かんたんに言うと？」「〜をひとことで言うと」: a plain account of a term is its definition
    '(?:って|は|を)[、,\\s]*(?:簡単に|かんたんに|ざっくり(?:と)?|一言で|ひとことで|分かりやすく|わかりやすく)(?:言うと|いうと|説明すると|言えば|いえば)',
    // 「〜ってよく分からないんですが」「〜がいまいちわからない」: not knowing a term asks what it means (「意味がわからなく
    // て」 after a question is an aside to it, read there)
    '(?<!意味)(?:って|が|は)[、,\\s]*(?:よく|いまいち|イマイチ|ちょっと|あまり)?(?:分から|わから|分かん|わかん)(?:ない|なくて|ないです|ないんです|ないんですが|ないんですけど|ないのですが|ないんだけど)',
    'について(?:知りたい|教えて(?:ください|下さい|いただけますか|いただけませんか|もらえますか|くれる)?)',
    'を説明して(?:ください|下さい)?',
    // 「〜の説明をして」「〜の説明をお願いします」
    'の説明(?:を)?(?:して|お願い|教えて)(?:ください|下さい|ほしい|します|もらえますか)?',
  ].join('|')})[?？!！。.\\s〜~]*$`,
);

// 「書かない窓口ってどういう窓口なんですか」「スマート自治体ってどんな自治体？」: what kind of thing the term is, asked
// by the term's own head (group 2; the term in group 1). Only when the term ends with that head is it a definition:
// 「方針ってどんな内容」 asks for the contents, and understand() checks the head.
export const KIND_ASKED =
  /^(.+?)(?:って|は)(?:具体的に|簡単に|要するに|つまり)?(?:どういう|どんな)([一-龥々ァ-ヶーa-z]{1,10})(?:なん|なの)?(?:ですか|でしょうか|なの|だろう|か)?[?？!！。.\s〜~]*$/;

/**
 * A detail of a topic a question asks beyond the topic itself (「使える電子マネーの種類は」, 「講座はどこでやってる」),
 * which no attribute's own validation reads: a text about the topic that does not hold the detail answers only
 * part of the question, and the answer says first that the detail is not stated. `evidence`: what a text giving
 * the detail holds (for kinds, the answer room also reads kinds named beside the topic word).
 */
export interface DetailCue {
  id: 'kinds' | 'place';
  question: RegExp;
  label: string; // what the not-stated line calls it (「…の種類の記載はありません」)
  evidence: RegExp;
  reason: string;
}

export const DETAILS: readonly DetailCue[] = [
  {
    id: 'kinds',
    question: /種類|銘柄|ブランド|(?:何|なに|どれ)が使え/,
    label: '種類',
    evidence: /種類|銘柄|ブランド/,
    reason:
      'which kinds of a thing (「電子マネーの種類」「何が使える」): a text that only names the thing (「電子マネーによる納付の検討」) does not say which',
  },
  {
    id: 'place',
    question: /(?:どこ|何処)で(?:やって|開催|実施|行われ|行って|受け|使え|利用|でき|参加)|(?:開催|実施)?場所|会場/,
    label: '場所',
    evidence:
      /施設|センター|会館|公民館|図書館|庁舎|市役所|役場|窓口|駅|学校|ホール|会場|場所|オンライン|自宅|店舗|コンビニ/,
    reason: 'where something is held or used: a text naming no place or facility does not say where',
  },
];

// The kinds of organisation a resident asks for (「どの組織」「どこの機関」): a body described by what it does (本部,
// 会議, 事務局), never part of the name that answers; the document's publisher (a 課) does not answer it by itself.
export const ORGANISATION_KINDS: readonly string[] = ['組織', '機関', '部門', '会議体'];

// A count of items (「3つの」「5か条」「十項目の」), the number in group 1.
export const COUNTED_ITEMS = /([0-9０-９一二三四五六七八九十]+)\s*(?:つ|本|個|項目|点|か条|箇条|分野|本柱)/;

// 「どの長期計画」「何という制度」「どんな名前のサービス」「どこの施設」: the noun asked for (group 1). Not an amount (どのくらい), a
// manner (どのように), a place or department (どの市, どの課) or a time (どの年度): other cues read those.
export const NAME_ASKED =
  /(?:どの|どこの|(?:どんな|何という|なんという|何て|なんて)(?:名前|名称)の|何という|なんという|何て(?:いう)?|なんて(?:いう)?)(?!くらい|ぐらい|位|程度|よう|辺|あたり|下|上|中|方|ほう|[市町村区課部]|自治体|まち|部署|組織|機関|時|頃|年|月|日)([一-龥々ァ-ヶーa-z0-9・]{1,20}?)(?:を|に|が|で|と|は|から|[?？]|$)/;

export const CUES: readonly Cue[] = [
  {
    id: 'definition',
    means: { attribute: 'definition' },
    question: DEFINITION,
    reason: 'what a term means: its glossary entry, or the sentence that defines it',
  },
  // ── greeting and chat: the whole message is the cue
  {
    id: 'greeting',
    means: { attribute: 'greeting' },
    question:
      /^(こんにちは|こんにちわ|こんばんは|こんばんわ|おはよう(ございます)?|はじめまして|初めまして|よろしく(お願いします)?|ありがとう(ございます|ございました)?|どうも|hello|hi|hey|ハロー|やあ|もしもし|ヘルプ|help|使い方|何ができる(の)?)[!！?？。.、\s〜~ー]*$/,
    reason: 'a greeting or a request for help is answered with what Madoguchi can do',
  },
  // ── quantity
  {
    id: 'rate',
    means: { attribute: 'quantity', quantity: 'rate' },
    question:
      /割合|[^効]率(?:は|って|を|が|$)|^率|何\s*(?:%|％|パーセント|割)|パーセント|普及率|保有率|交付率|達成率|普及(?:状況|度|具合)|(?:どの|どれ)(?:くらい|ぐらい)普及|どれだけ普及|普及[^。?？]{0,12}(?:どの|どれ)(?:くらい|ぐらい)|普及[^。?？]{0,12}どこまで|(?:どの|どれ)(?:くらい|ぐらい)の(?:人|市民|方|住民)[^。?？]{0,16}(?:持って|持っている|取得|作って|作った)|(?:持って|持ってい|取得し|取得して|作っ)(?:る|た|い)?(?:人|市民|方|住民)[^。?？]{0,12}(?:どの|どれ)(?:くらい|ぐらい)|何人に\s*(?:1|一)\s*人/,
    // 「どのくらいの人が持ってる」「持ってる人はどれくらい」「何人に1人」: how many hold something is its share too
    // 「普及状況」「どれくらい普及」「普及はどのくらい進んでる」: how far something has spread is a share (保有率, 交付率)
    reason: 'a share (保有率, 何%, 割合, how far it has spread) is answered by a percentage, not by any figure',
    // 「どのくらい普及してる」: 普及 says a share is asked (a 保有率 sentence need not repeat it), not what of
    words: ['普及', '具合'],
  },
  {
    id: 'amount',
    means: { attribute: 'quantity', quantity: 'amount' },
    question: /いくら|金額|費用|予算|何円|何万円|何億/,
    reason: 'an amount of money is answered by a figure in 円',
  },
  {
    id: 'count',
    means: { attribute: 'quantity', quantity: 'count' },
    question: new RegExp(
      `(?:何|なん)\\s*(?:${COUNTERS})|何(?=[ァ-ヶ一-龥a-z])(?!年|月|日|時|の|が|を|で|と|か|も|処|故|度も)|いくつ(?!もり)|(?:どのくらい|どれくらい|どれだけ)(?!\\s*(?:進ん|進め|すすん|進捗))|件数|人数|回数|[^年]数は|数値|数字|規模|目標値|実績値|削減目標|目標は|目標$|(?:どんな|どういう|どのような)目標|目標(?:に|と)し|何年(?:後|前)`,
    ),
    // 「何度も出てきた」: 何度も is an adverb (many times), asking no number; 「何年後の姿」 asks a number of years
    // 「どういう目標にしてる」「数字で比べると」: the goal or the figures are asked, as 「目標は」「数値は」 ask them
    reason: 'a number asked with a counter (何件, 何拠点) or a figure word (件数, 目標値) is answered by a number',
  },
  // ── date
  {
    id: 'date-end',
    means: { attribute: 'date', date: 'end' },
    question: /いつまで|まで(?:です|なの|か)?[?？]?$|何年度?まで|期限|終わ(?:る|らせる|らせ|った)|終える|終了/,
    reason: 'until when: 「…年度までとします」 answers it, not the date something was decided',
  },
  {
    id: 'date-start',
    means: { attribute: 'date', date: 'start' },
    question:
      /いつから|から始|開始|始まる|始まった|始める|始めた|はじまる|はじめた|導入した(?:の|のは)?(?:は|って)?(?:いつ|何年)|できたのは/,
    reason: 'since when: the answer must say when something starts (開始, 導入, 〜から), not only a year',
  },
  {
    id: 'date-made',
    means: { attribute: 'date', date: 'made' },
    question: /策定|作った(?!人|方)|作られた|つくった(?!人|方)|閣議決定|決定された|公表|発行/,
    // 「カードを作った人」 asks who made one (how many), not when something was made
    reason: 'when a plan was made or decided: its making date',
  },
  {
    id: 'date-revised',
    means: { attribute: 'date', date: 'revised' },
    question: /改定|改訂|見直し(?:た|は|って)?(?:いつ|何年)/,
    reason: 'when a plan was revised',
  },
  {
    id: 'date-period',
    means: { attribute: 'date', date: 'period' },
    question: /期間|何年間|何年分|スケジュール|目標年次|年次/,
    reason: 'how long, or which years: a span (3年間, 令和4年度から8年度) answers it',
  },
  {
    id: 'date',
    means: { attribute: 'date' },
    question: /いつ|何年(?![後前])|何月|何日|時期|何年度|頃/,
    reason: 'when: a year, month or fiscal year answers it (「何年後」 asks a number of years: the count row)',
  },
  // ── who and where
  {
    id: 'person',
    means: { attribute: 'person' },
    question: /誰|だれ|どなた|責任者|トップ|[^副]長は/,
    reason: 'who: a named office (副市長, CIO) or a person answers it',
  },
  {
    id: 'hours',
    means: { attribute: 'contact', contact: 'hours' },
    // 「何時まで相談できる」「受付時間は」「役場は何時から開いてる」: the hours of a counter or a service (before the date
    // rows: 「何時まで」 asks a time of day, not a deadline). 「何時間」 asks a number of hours: the count row.
    question:
      /(?:受付|開庁|営業|開館|窓口|利用|相談|対応)(?:の)?時間(?!外)|何時(?!間)(?:から|まで|に|ごろ|頃)?|(?:開いて|空いて|やって)(?:る|いる)時間/,
    reason: 'the hours of a counter or service: a time of day (8時30分, 17:15) answers it, not a date',
    words: [
      '時間',
      '受付時間',
      '開庁時間',
      '営業時間',
      '開館時間',
      '利用時間',
      '相談時間',
      '何時',
      '受付',
      '開庁',
      '営業',
      '開館',
    ],
  },
  {
    id: 'fax',
    means: { attribute: 'contact', contact: 'fax' },
    // 「FAXレス化」 names a measure, not a number to send to
    question: /(?:fax|ファックス|ファクス)(?!レス)/,
    reason:
      'a FAX number is asked (「FAXで送りたい」「ファックス番号は」): a text giving one answers, not the phone number',
    words: ['fax', 'ファックス', 'ファクス', '番号', '送る', '送信', '件'],
  },
  {
    id: 'email',
    means: { attribute: 'contact', contact: 'email' },
    // 「メールで問い合わせたい。アドレスは」: the mail address is asked; 「防災メールの登録者数」 names a service
    question:
      /メールアドレス|e-?mail|(?:メール|mail)[^。？?]{0,16}(?:アドレス|宛先|送り先|送信先)|(?:メール|mail)で(?:問い?合わせ|問合せ|連絡|質問|相談)/,
    reason: 'an e-mail address is asked: only a text holding one answers',
    words: [
      'メール',
      'メールアドレス',
      'アドレス',
      'e-mail',
      'email',
      'mail',
      '宛先',
      '送り先',
      '送信先',
      '質問',
      '相談',
    ],
  },
  {
    id: 'phone',
    means: { attribute: 'contact', contact: 'phone' },
    question: /電話|何番|tel(?![a-z])/,
    reason: 'a phone number is asked (「電話番号は何番」 is a contact question, not a count)',
    words: ['電話', '電話番号', '番号', '何番', '番', 'fax'],
  },
  {
    id: 'address',
    means: { attribute: 'contact', contact: 'address' },
    question: /住所|所在地|どこにある|郵便番号/,
    reason: 'an address is asked',
    words: ['住所', '所在地', '郵便番号', 'メールアドレス'],
  },
  {
    id: 'department',
    means: { attribute: 'contact', contact: 'department' },
    // 「問い合わせできるサービス」「問い合わせに使えるアプリ」: 問い合わせ modifies a thing asked about, not whom to ask
    question:
      /担当|所管|部署|(?:問い?合わせ|問合せ)(?!(?:が|も|に)?(?:でき|する|使え|使う|答え|応え)[^、。?？\s]{0,4}(?:サービス|仕組み|しくみ|システム|ツール|アプリ|機能|もの|やつ))|連絡先|連絡(?:すれば|したら|をすれば|をしたら|を取れば)|(?:どこ|どの|何)の?(?:課|係|部署|組織|機関|部門)|(?:組織|機関|部門|会議体)(?:は|って)(?:それぞれ)?(?:どこ|何|どう)|課は|(?<!関)係は|(?:た|る)(?:課|係)(?:は|に|を|って|$)|窓口はどこ|(?:誰|だれ|どなた|どこ)(?:が|で)?(?:書い|作っ|つくっ|まとめ|作成し|編集し|発行し)た|(?:書い|作っ|つくっ|まとめ|作成し|編集し|発行し)た(?:の|人|ひと)(?:は|って)?(?:誰|だれ|どなた|どこ)/,
    // 「どこに連絡すればいい」「方針を作った課」「どこの係」: whom to contact, a department described by what it did;
    // 「決めるのはどの組織」「どこの機関」: an organisation (本部, 会議) is asked as a department is; 「会議体ってそれぞれ
    // 何」「庁内の組織はどうなってる」 ask which bodies they are; 「これ書いたのだれ」「誰が作ったの」: who wrote a document
    // is the body that issued it (its colophon's 発行/編集), a department, not a person
    reason: 'the department in charge, or whom to contact',
    // 窓口, 役場, どこ: in a contact question the place asked for is the municipality's, not a topic
    words:
      `担当 担当課 担当部署 担当部局 担当部門 所管 所管課 部署 課 係 連絡 連絡先 問い合わせ 問合せ 問い合わせ先 問合せ先
      お問い合わせ 先 窓口 役場 市役所 町役場 役所 場所 どこ 組織 機関 部門 会議体`.split(/\s+/),
  },
  // ── scope: several municipalities
  {
    id: 'which',
    means: { scope: 'which' },
    question:
      /(?:どこ|どの)(?:の)?(?:市|町|村|区|自治体|まち)|(?:している|してる|やっている|やってる|導入している|導入してる|書いている|書いてる|書いてある|書かれている|載っている|載ってる|掲げている|掲げてる|触れている|取り組んでいる|取り組んでる|進めている|実施している)(?:の|ところ)(?:は|って)(?:どこ|どの)(?!の?(?:課|係|部署|組織|機関|部門|会議))|自治体は(?:どこ)?[?？]?$/,
    // 「統括しているのはどの組織」: the one doing it is an organisation of the municipality, not which municipality
    reason: 'which of the municipalities do something: answered across all of them',
  },
  {
    id: 'each',
    means: { scope: 'each' },
    question: /それぞれ|違い|違う|ちがう|比べ|比較|両方|各自治体|どちらも/,
    reason: 'a comparison: the same question for each municipality named, side by side',
  },
  // ── status (availability)
  {
    id: 'status',
    means: { attribute: 'status' },
    question:
      /もう(?:始まって|始まった|はじまって|使える|できる|ある|導入|実施)|(?:始まって|はじまって)(?:る|います|いる|ますか)|(?<!どんな[一-龥ァ-ヶーぁ-ん]{0,8}が|(?:方針|柱|考え方|理念|ビジョン|将来像|原則|方向性|視点|目的|背景|か条|箇条|項目)(?:って|は|には|に)?(?:何|なに)が|書いて|書かれて|載って|記載して)(?:ありますか|あるの|ある[?？])|(?<!(?:どんな|何が|なにが)[^?？]{0,10})(?:でき|使え|利用でき|(?<!に|にも)つなが)(?:る|ます)(?:の|か|ん(?:です|でしょう)か?)?[?？]?$|もう[^?？。]{0,20}(?:になって|されて|化して)(?:る|いる|います|ますか)|見られる|導入されて|導入して(?:いる|る|います)|入れて(?:いる|る|います)|入って(?:いる|る|います)|使って(?:いる|る|います)|実施されて|やってる|やっている|どうなった|進んでる|進んでいる|進んでます|どこまで進/,
    // 「〜できるんですか」「もう〜になってるの」: the same asked politely, or by the state it would be in
    // 「どのくらい進んでる」: how far along a measure is, its stage (not a count)
    // 「どんな効果があるの」 asks what the effect is, not whether there is one; 「どう書いてある？」 how it is put;
    // 「基本方針って何がある？」 asks what a policy holds (its items), as 「推進体制はどうなってる」 does (the state row) —
    // of a measure (「オンライン相談の取組は何がある」) it asks what is being done, its status
    reason: 'is the service there yet: answered with its status, date and source',
  },
  {
    id: 'state',
    means: { attribute: 'status' },
    question:
      /どうなって(?:る|いる|います|ますか)|(?:どんな|どういう)状況|(?<![一-龥ァ-ヶー])状況(?:は|を(?:教えて|知りたい))|(?:導入|実施|進捗|整備|取組|取り組み)状況|進捗/,
    yields: ['items'],
    reason:
      'how things stand (「テレワークはどうなってる」「窓口の状況は」「導入状況」): a measure’s stage (not 「混雑状況」, a ' +
      'state of something else); but a policy topic (「推進体制はどうなってる」) ' +
      'is asked for its contents, so the items row wins',
  },
  {
    id: 'status-change',
    means: { attribute: 'status', modifier: 'change' },
    question: /ように(?:なる|なった|なります|なりました|なって|なるの|なるん)/,
    reason:
      'whether or when something becomes possible (「払えるようになる？」「見れるようになった？」): a measure’s status and ' +
      'year answer it, not how to do it today',
  },
  // ── reason and items
  {
    id: 'reason',
    means: { attribute: 'reason' },
    question: /なぜ|何故|どうして(?!(?:い|ゆ)(?:く|き|こう|かない)|い?(?:る|ま[すし]))|理由|なんで(?!す|しょう)/,
    // 「なんですか」 is not 「なんで」; 「どうしていくの」 asks what will be done (どう + していく), not why, and
    // 「どうしてる」「どうしています」 what is being done
    reason: 'why: the text that gives the reason or background',
  },
  {
    id: 'name',
    means: { attribute: 'name' },
    question: NAME_ASKED,
    reason: 'which named thing (「どの長期計画」「何という制度」): a text naming one (「第六期長期計画」) answers it',
  },
  {
    id: 'choice',
    means: { modifier: 'choice' },
    question: /どっち|どちら(?!も)|(?:と|か).{1,20}(?:のどちら|のどっち)/,
    reason: 'which of two named options: only a text that picks one answers it',
  },
  {
    id: 'items',
    means: { attribute: 'items' },
    question:
      /何がある|なにがある|何に取り組|どんな(?:こと|取組|取り組み)|柱|方針|取組|取り組み|ビジョン|視点|目的|施策|項目|基本|考え方|目指す|将来像|体制|背景|原則|方向性|か条|箇条/,
    reason: 'a list or a policy topic: the section that lists it answers',
  },
  {
    id: 'overview',
    means: { attribute: 'overview' },
    question: /教えて|について|どんな|どういう|どう進め|どう取り組|仕方|やり方/,
    reason: 'a general request about a topic: the best passage about it',
  },
  // ── modifiers
  {
    id: 'measures',
    means: { modifier: 'measures' },
    question:
      /(?:どう|どのように|どうやって)(?:進め|取り組|取組|やって|して|行|実施|対応|推進|育て|使|活用)|何に取り組|何を(?:する|やる|行う|して|やって|行って|実施)|何(?:して|やって)(?:る|いる|います|ますか)|どんな(?:取組|取り組み|こと|施策|事業)|取(?:り)?組(?:み)?(?:は|って)(?:それぞれ)?(?:何|なに|どう)|仕方|やり方|進め方/,
    reason: 'how or what a municipality does: the sentence naming its measures, not the one defining the topic',
  },
  {
    id: 'actual',
    means: { modifier: 'actual' },
    // 「今どのくらい」「今何%」「今までに何件」「これまでに」: the figure as it stands now (not 今後, a plan)
    question: /実績|実際|現在|今は|達成|(?:今|いま)(?:まで|どの|どれ|何|なん|いくつ|[、,])|これまで(?:に|で)/,
    reason: 'the actual figure, not the target',
  },
  {
    id: 'target',
    means: { modifier: 'target' },
    question: /目標|目指/,
    reason: 'the target figure, not the actual',
  },
  {
    id: 'national',
    means: { modifier: 'national' },
    question: /国の|国は|国が|政府|東京都|東京の|都の|都は|都民|都内|国民|全国|デジタル庁/,
    reason: 'about national or Tokyo policy: background chapters may answer it',
  },
];

// When rows of several attributes fire, the first attribute of this order is the one asked: 「担当課の電話番号は
// 何番」 is a contact question although 何番 also reads as a count; 「いつから何件に」 asks the date first.
export const ATTRIBUTE_ORDER: readonly Attribute[] = [
  'contact',
  'date',
  'quantity',
  'person',
  'name',
  'status',
  'reason',
  'items',
  'overview',
];

/** The attribute a question asks by the rows that fired on it (ATTRIBUTE_ORDER decides between them), if any. */
export function askedAttribute(fired: readonly Cue[]): Attribute | undefined {
  return askingRow(fired)?.means.attribute;
}

/** The row that decides the asked attribute: ATTRIBUTE_ORDER's first, skipping a row that yields to another fired. */
export function askingRow(fired: readonly Cue[]): Cue | undefined {
  const attributes = new Set(fired.map((c) => c.means.attribute));
  const deciding = fired.filter((c) => !c.yields?.some((a) => attributes.has(a)));
  for (const a of ATTRIBUTE_ORDER) {
    const row = deciding.find((c) => c.means.attribute === a);
    if (row) return row;
  }
  return undefined;
}

// ── the evidence side: what a text must hold to answer an attribute (validation, sentence ranking, priors)

/** A figure with a counter, or a filled-in target/actual cell of a KPI row. Starts only at a number's start. */
export const FIGURE_CUE = new RegExp(
  `(?<![0-9,.])[0-9][0-9,.]*\\s*(?:${COUNTERS}|%|％|円|万|億|割|か年)|(?:目標値|実績値|達成率|目標|実績)\\s*[:：]?\\s*[0-9]`,
);
/** A percentage or a share. */
export const RATE_CUE = /(?<![0-9,.])[0-9][0-9,.]*\s*(?:%|％|パーセント|割)|[0-9]+\s*分の/;
/** An amount of money. */
export const AMOUNT_CUE = /(?<![0-9,.])[0-9][0-9,.]*\s*(?:円|万円|億円|千円)/;
// A date, or a span of time (「1年とします」「3か年」「6か月間」 answer 「期間は」).
export const DATE_CUE =
  /令和|平成|昭和|[0-9]{4}\s*年|年度|[0-9]+\s*月|(?<![a-z])r\s?[0-9]|から|まで|[0-9]{1,2}\s*(?:年間?|[かカヶケ]年|[かカヶケ]月)/i;
/** A date proper (not a span): what 「いつ」 must find. */
export const CALENDAR_CUE = /令和|平成|昭和|[0-9]{4}\s*年|年度|[0-9]+\s*月|(?<![a-z])r\s?[0-9]/i;
// The words that answer each aspect of a date question (「2026(令和8)年度までとします」「計画期間は…」).
export const ASPECT_CUE: Record<DateKind, RegExp> = {
  end: /まで|期限|終了/,
  start: /から|開始|始|導入|運用|スタート|実施|初年度/, // 「令和2年度を初年度とする」: a plan's first year
  period: /期間|年間|[かカヶケ]年|から.*まで|目標年次/,
  made: /策定|決定|作成|公表|発行|制定|閣議/,
  revised: /改定|改訂|見直/,
};
// Organizations and contacts (担当課, 本部, 住所 …); 部 only as the end of a name, not inside 外部・全部.
export const ORG_CUE =
  /課|室|係|局|本部|部会|[^外全一内]部(?![分門])|委員会|役場|市役所|住所|電話|〒|[0-9]{2,4}-[0-9]{2,4}-[0-9]{3,4}/;
export const PHONE_CUE = /[0-9]{2,5}-[0-9]{2,4}-[0-9]{3,4}/;
/** A time of day (8時30分, 午前9時, 17:15): what an hours question must find. */
export const HOURS_CUE =
  /(?:午前|午後)?\s*[0-9]{1,2}\s*時(?![間点期代])|(?<![0-9])[0-9]{1,2}\s*[:：]\s*[0-9]{2}(?![0-9])/;
/** A FAX number, as a colophon prints it (「FAX : 042-…」「FAX / 0 4 2 - …」). */
export const FAX_CUE = /(?:fax|ファックス|ファクス)\s*[/／:：]?\s*[0-9０-９]/i;
/** An e-mail address. */
export const EMAIL_CUE = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/i;
/** A postal code: 〒, or 123-4567 standing alone (not part of a phone number). */
export const POSTAL_CUE = /〒|(?:^|[^0-9-])[0-9]{3}-[0-9]{4}(?:$|[^0-9-])/;
/** A street address's number: 五丁目6番13号, 1234番地. */
export const STREET_CUE = /丁目\s*[0-9]+\s*番|[0-9]+番地/;
/** A colophon's or cover's contact details (what the search priors rank first for a contact question). */
export const CONTACT_DETAIL_CUE = new RegExp([PHONE_CUE, POSTAL_CUE, STREET_CUE].map((r) => r.source).join('|'));
export const ADDRESS_CUE = /〒|丁目|番地|[0-9]+番[0-9]+号|東京都\S{2,}[市町村区]/;
// Who holds a role: a named office (副市長) answers 「誰」 better than a generic role word (責任者).
export const PERSON_TITLE = /副?市長|副?町長|副?区長|知事|教育長/;
// Roles that are not offices (コンサルタント, 有識者): who does a task a question asks about (「誰が評価する」).
export const ROLE_CUE =
  /責任者|本部長|部長|課長|補佐官|担って|担う|務め|コンサルタント|専門人材|専門家|有識者|アドバイザー/;
/**
 * Whether a text names an instance of what a 「どの〜」 question asks for (nouns, head last): a quoted name
 * (「第五次日の出町長期総合計画」), an ordinal one (第六期長期計画) or a Latin one before the head (kintoneサービス),
 * holding every noun asked (「第七次総合情報化基本計画」 is a 計画 but not a 長期計画).
 */
export function namesInstance(nouns: readonly string[], text: string): boolean {
  const head = nouns.at(-1);
  if (!head) return false;
  const h = head.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const names = new RegExp(
    `[「『][^」』]{0,40}${h}[^」』]{0,12}[」』]|第[0-9０-９一二三四五六七八九十]+[期次版][^。、\\s]{0,16}${h}|[a-z][a-z0-9.\\-]{2,}\\s*${h}`,
    'gi',
  );
  const flat = text.normalize('NFKC').toLowerCase();
  return [...flat.matchAll(names)].some((m) => nouns.every((n) => m[0].includes(n)));
}
// What a municipality does (「…を進めていきます」「…の活用を検討していきます」「実施します」): a measure, not a need.
export const MEASURE_CUE =
  /取り?組(?:んで|み(?:ます|を進))|進めて(?:いき|いく|います|きました)|進めます|実施(?:します|して|する|し、|しました)|行います|行って|図ります|図って|活用(?:し|を|する)|導入(?:し|を|する)|検討(?:して|します|を行)|計画的に|推進(?:します|して)|構築|開催|提供(?:し|する)|整備(?:し|する|を)|拡充|充実を図/;
// Why something is needed or what it is (「…の向上が必要となります」「…が重要です」): background, not the measure.
export const NEED_CUE =
  /必要(?:があ|とな|で|だ|不可欠)|重要(?:です|だ|で|な)|求められ|不可欠|とは[、,]|のことです|(?:^|—\s*)(?:現状|課題)\s*[:：]/;
// A proper name in a sentence: quoted (「…」), a Latin word (e-learning, LoGo), or a glossary-marked term (…*).
export const PROPER_NAME_CUE = /[「『][^」』]{2,30}[」』]|[a-z][a-z-]{3,}|[ァ-ヶー一-龥]{3,}\*/i;
/** A text that defines a word (〜とは, 〜のこと, 〜を指す, 〜の略): what a definition question is answered by. */
export const DEFINING_CUE = /とは|のこと|を指す|を意味|の略|の総称|をいう|という意味/;
/** A stage a service is at: in use, being introduced, planned, studied. */
export const STATUS_CUE =
  /開始|導入|実施|運用|稼働|開設|試行|構築|検討|調整|予定|拡大|拡充|継続|推進|準備|実行|達成|完了|実証|設置|スモールスタート|開催|利用/;

// Chapters on national or Tokyo policy (国の動向, デジタル田園都市国家構想, 東京のDX推進) describe that level, not the
// municipality's own: they answer a question about a municipality only when it asks about that level.
export const NATIONAL_CHAPTER = /国の|国・|政府|デジタル田園|東京都|東京の|都の|動向/;
// Background chapters more widely (序論, 背景, 参考 too): a section answer for every municipality leaves them out.
export const BACKGROUND = new RegExp(`${NATIONAL_CHAPTER.source}|序論|背景|参考`);

/** The words of the contact rows: a contact question's words that name no topic. */
export const CONTACT_WORDS: readonly string[] = CUES.filter((c) => c.means.attribute === 'contact').flatMap(
  (c) => c.words ?? [],
);

/** The rows of the table that fire on a question. */
export function cuesOf(query: string): Cue[] {
  return CUES.filter((c) => c.question.test(query));
}
