// Question understanding: intent, municipality and target term(s), from the analyzer's normalized text.
// Rules are cue patterns over normalized (NFKC, lower-case) text; they never name a particular question.
import type { Analyzer } from '../analysis/index.js';
import type { Municipality, MunicipalityDetector, MunicipalityId } from '../knowledge/index.js';
import { detectProcedure, isProcedureInquiry, type ProcedureInquiry } from '../routing/index.js';
import { COUNTED_ITEMS } from './text.js';
import type { Intent } from './types.js';

export interface Understanding {
  normalized: string; // the question after the char filter
  intent: Intent;
  municipality: Municipality | null;
  municipalitySource: 'question' | 'user' | 'none';
  mentioned: Municipality[]; // every municipality named in the question
  query: string; // the question with municipality names removed, for retrieval
  target: string | null; // the term a definition question asks about (「書かない窓口」)
  inquiry: ProcedureInquiry;
}

const GREETING =
  /^(こんにちは|こんにちわ|こんばんは|こんばんわ|おはよう(ございます)?|はじめまして|初めまして|よろしく(お願いします)?|ありがとう(ございます|ございました)?|どうも|hello|hi|hey|ハロー|やあ|もしもし|ヘルプ|help|使い方|何ができる(の)?)[!！?？。.、\s〜~ー]*$/;

// 「〜とは」「〜って何」「〜の意味」「〜について知りたい」, with the target in group 1. The cue must close the
// question: 「オープンデータって何データセット…」 asks for a number, 「生成AIって使ってるの」 about use.
const DEFINITION = new RegExp(
  `^(.+?)(?:${[
    'とは(?:何|なに|なん)?(?:ですか|でしょうか|なの|か)?',
    'とは(?:どういう|どんな)(?:意味|こと|もの)(?:ですか|でしょうか|なの)?',
    'とは(?:何|なに|なん)の(?:こと|意味)(?:ですか|でしょうか)?',
    'って(?:何|なに|なん)(?:ですか|でしょうか|だろう|のこと|なの)?',
    'って(?:どういう|どんな)(?:意味|こと|もの)(?:ですか|でしょうか|なの)?',
    // 「マイナポータルって何ができるの」: what a thing is for is what its glossary entry says
    '(?:って|は|で)(?:何|なに|なん)が(?:できる|出来る)(?:の|んですか|のですか|ですか|んだろう|か)?',
    'って',
    // 「〜って結局なに」「〜ってなんの略？」「〜ってどういう仕組み」
    'って(?:結局|そもそも|いったい|一体)?(?:何|なに|なん)(?:の略|のこと)?(?:ですか|でしょうか|なの|だっけ)?',
    '(?:って|は)(?:どういう|どんな)(?:仕組み|しくみ|もの|意味|こと)(?:ですか|でしょうか|なの)?',
    'の意味(?:は|を(?:教えて|知りたい)(?:ください|下さい)?)?',
    'について(?:知りたい|教えて(?:ください|下さい|いただけますか|いただけませんか|もらえますか|くれる)?)',
    'を説明して(?:ください|下さい)?',
  ].join('|')})[?？!！。.\\s〜~]*$`,
);

const NUMBER =
  /何\s*(?:%|％|パーセント|件|枚|人|回|個|か所|カ所|ヶ所|箇所|拠点|施設|台|校|事業|手続|団体|割)|何(?=[ァ-ヶ一-龥a-z])|いくつ|いくら|どのくらい|どれくらい|どれだけ|割合|保有率|普及率|交付率|率は|件数|人数|目標値|実績値|達成率|数は|数値|何件|何人|規模|削減目標|目標は|目標$/;
const TIME =
  /いつ|何年|何月|何日|期間|期限|スケジュール|時期|何年度|から始ま|開始は|始まる|閣議決定|策定した|作った|はじめた|始めた/;
const WHO = /誰|だれ|どこ|担当|問い?合わせ|連絡先|住所|電話|部署|所管|窓口は|課は|どの課/;
const LIST =
  /何がある|なにがある|柱|方針|取組|取り組み|ビジョン|視点|目的|施策|項目|基本|考え方|目指す|将来像|体制|背景|原則|方向性|教えて/;

const COUNTED = new RegExp(`${COUNTED_ITEMS.source}(?:の|$)`);

// Things residents ask that no DX policy answers (weather, food, sports, entertainment …).
const OUT_OF_SCOPE =
  /天気|気温|雨|晩ごはん|晩ご飯|夕飯|ランチ|レストラン|美味しい|おいしい|グルメ|サッカー|野球|試合|スポーツの結果|競馬|株価|占い|恋愛|映画|ドラマ|ゲーム|カラオケ|ラーメン|旅行|観光地|宝くじ|今日の|明日の/;

// 「東久留米市の」 leaves a dangling particle once the name is stripped: drop it.
function stripMunicipalities(normalized: string, detector: MunicipalityDetector<Municipality>): string {
  return detector
    .strip(normalized)
    .replace(/^\s*(の|で|は|が)/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function cleanTarget(raw: string): string | null {
  const t = raw
    .replace(/^(えっと|あの|すみません|ところで|ねえ|ねぇ)[、,\s]*/, '')
    .replace(/^(そもそも|ちなみに)[、,\s]*/, '')
    // 「(西東京市の)方針に出てくるオムニチャネル」「小金井が入った東京自治体クラウド」: the term is what follows
    .replace(
      /^.*?(?:に出てくる|に出てきた|に書いてある|に載っている|が入った|が参加した|が使っている|でいう|で言う)/,
      '',
    )
    .replace(/[「」『』"“”?？!！。、\s]+/g, ' ')
    .trim();
  return t.length > 0 && t.length <= 40 ? t : null;
}

export function understand(
  question: string,
  analyzer: Analyzer,
  municipalities: MunicipalityDetector<Municipality>,
  chosen: MunicipalityId | null | undefined,
  strict = false,
): Understanding {
  const normalized = analyzer.normalize(question).replace(/\s+/g, ' ').trim();
  const mentioned = municipalities.find(normalized);
  const fromUser = municipalities.byId(chosen) ?? null;
  const municipality = strict && fromUser ? fromUser : (mentioned[0] ?? fromUser);
  // strict: the chosen municipality counts as if the question named it.
  const municipalitySource = mentioned[0] || (strict && fromUser) ? 'question' : fromUser ? 'user' : 'none';
  const query = stripMunicipalities(normalized, municipalities) || normalized;
  const inquiry = detectProcedure(normalized);

  const def = DEFINITION.exec(query);
  const target = def?.[1] ? cleanTarget(def[1].replace(/^(の|で|は)\s*/, '')) : null;
  let intent: Intent;
  if (GREETING.test(normalized)) intent = 'greeting';
  // 「…の3つの変革って何」 asks for the items, not for a glossary entry
  else if (def && target && !COUNTED.test(target)) intent = 'definition';
  else if (isProcedureInquiry(inquiry, false)) intent = 'procedure';
  else if (TIME.test(query)) intent = 'time';
  else if (NUMBER.test(query)) intent = 'number';
  else if (WHO.test(query)) intent = 'who';
  else if (OUT_OF_SCOPE.test(query)) intent = 'out-of-scope';
  else if (LIST.test(query)) intent = 'list';
  else intent = 'general';
  return {
    normalized,
    intent,
    municipality,
    municipalitySource,
    mentioned,
    query,
    target: intent === 'definition' ? target : null,
    inquiry,
  };
}
