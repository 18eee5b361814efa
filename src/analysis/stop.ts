// Stop lists of the Lucene/Elasticsearch kuromoji chain (ja/stoptags.txt, ja/stopwords.txt), plus the
// question words residents wrap around a topic (「〜とは」「いつから」「教えて」), dropped on the query side only.

/** Top-level parts of speech Lucene's JapanesePartOfSpeechStopFilter drops by default. */
const STOP_POS = new Set(['助詞', '助動詞', '記号', '接続詞', 'フィラー', '非言語音', '感動詞']);

/** Lucene's ja/stopwords.txt, compared against base forms. */
export const STOP_WORDS = new Set(
  `の に は を た が で て と し れ さ ある いる も する から な こと として い や れる など なっ ない この ため
  その あっ よう また もの という あり まで られ なる へ か だ これ によって により おり より による ず なり られる
  において ば なかっ なく しかし について せ だっ その後 できる それ う ので なお のみ でき き つ における および
  いう さらに でも ら たり その他 に関する たち ます ん なら に対して 特に せる 及び これら とき では にて ほか
  ながら うち そして とともに ただし かつて それぞれ または お ほど ものの に対する ほとんど と共に といった です
  とも ところ ここ おる られる せる`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Words that frame a question rather than name its topic. Query side only. The honorifics residents put after
 * a person (職員さん, 保健師さん) name no topic either.
 */
export const QUESTION_WORDS = new Set(
  `何 なに なん 何故 なぜ いつ いつごろ いつ頃 どこ どちら だれ 誰 どう どの どれ どんな どういう どうして いくつ いくら
  教える 知る 知れる 分かる わかる 意味 ください 下さい くださる 欲しい ほしい 聞く 伺う 思う 言う いう たい
  ござる 方 って 様子 について ですか
  さん さま 様 ちゃん くん`
    .split(/\s+/)
    .filter(Boolean),
);

export function isStopPos(pos: string, pos1: string): boolean {
  if (STOP_POS.has(pos)) return true;
  if (pos === 'その他' && pos1 === '間投') return true;
  // 名詞-非自立 (こと, もの, ため) and 代名詞 (これ, それ) carry no topic.
  if (pos === '名詞' && (pos1 === '非自立' || pos1 === '代名詞')) return true;
  // 動詞-非自立 (〜ている, 〜てくる) and 動詞-接尾 (〜れる) are inflection helpers.
  if (pos === '動詞' && (pos1 === '非自立' || pos1 === '接尾')) return true;
  return false;
}

const PUNCT_ONLY = /^[\p{P}\p{S}\s]+$/u;
export function isPunctuation(s: string): boolean {
  return PUNCT_ONLY.test(s);
}

/**
 * Hiragana that residents type around a topic: particles, endings, question words. When a hiragana-only
 * question is cut into words (respell.ts) these stay as typed, so 「どういう」 is never read as 同意 + う.
 */
export const FUNCTION_KANA = new Set(
  `が の を に へ と で や か も は ね よ な ぞ さ わ って とは では には での への との から まで より ので のに けど
  けれど ん んだ んです んですが んだけど なの なんだ ても でも ほど だけ しか など なら ば ながら です ます でした ました ですか ますか でしょう だ だった た て
  ない なく たい たく たかった れる られる せる させる する した して します しました しない したい しよう できる
  できない できます できますか できた できれば ある あり あります ありますか いる いた おり なる なった なります
  して している していた しています ている ていた ています てる てた いる います になる になって になった になっ
  こんにちは こんにちわ こんばんは おはよう ありがとう よろしく すみません はい いいえ
  おすすめ なに なん なんで なんの どう どこ どれ どの どんな どういう どうして どうやって どうすれば どうしたら いつ いくら いくつ だれ
  どうしてる どうしている どうしてます どうしていく どうしてた どうなってる どうなっている
  おしえて ください くれ ほしい しりたい わかる わからない こと もの ため ところ とき よう これ それ あれ この その あの`
    .split(/\s+/)
    .filter(Boolean)
    .concat([...STOP_WORDS, ...QUESTION_WORDS].filter((w) => /^[ぁ-ゖー]+$/.test(w))),
);
