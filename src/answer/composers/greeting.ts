// Greetings and requests for help: what Madoguchi can do, with example questions.
import type { Composer } from './types.js';

export const SUGGESTIONS = ['書かない窓口とは', 'マイナンバーカードの保有率は', 'DXの担当課はどこ？'];

export const greeting: Composer = {
  name: 'greeting',
  accepts: (frame) => frame.attribute === 'greeting',
  compose(frame, ctx) {
    const m = ctx.municipality(frame.municipality);
    const who = m ? `${m.name}の` : '';
    return {
      kind: 'greeting',
      text: `こんにちは。Madoguchi（窓口）です。${who}DX推進方針などの資料から、用語の意味・目標値・スケジュール・担当課をお答えし、手続きに合った窓口（オンライン申請、コンビニ交付、書かない窓口など）をご案内します。\n例：「${SUGGESTIONS.join('」「')}」`,
      sources: [],
      confidence: 1,
      related: SUGGESTIONS,
      evidence: [{ id: 'greeting', why: 'the message is a greeting or asks for help' }],
    };
  },
};
