// The composers in the order the engine tries them. Adding a kind of question is adding one composer here.

import { detailSubject, givesDetail } from '../details.js';
import { focused } from '../follow-up.js';
import { unknownHome } from '../follow-up-home.js';
import { address } from './address.js';
import { aggregation } from './aggregation.js';
import { availability } from './availability.js';
import { comparison } from './comparison.js';
import { document } from './document.js';
import { glossary } from './glossary.js';
import { greeting } from './greeting.js';
import { list } from './list.js';
import { outsideCoverage } from './outside.js';
import { passage } from './passage.js';
import { procedure } from './procedure.js';
import { publisher } from './publisher.js';
import { section } from './section.js';
import { type Composer, declined } from './types.js';

export { SUGGESTIONS } from './greeting.js';
export * from './types.js';

/** Composers for several municipalities at once; each runs the single-municipality list per municipality. */
export const MULTI: readonly Composer[] = [outsideCoverage, comparison, aggregation];

/**
 * A composer whose answer first says what the documents do not name: 「PayPayとかクレジットカードも使える？」 is
 * answered with what they say of キャッシュレス, after 「…「PayPay」「クレジットカード」についての記載はありません」;
 * and a detail asked that the quoted text does not give: 「使える電子マネーの種類は」 is answered with 「…電子マネーの
 * 種類の記載はありません。資料にあるのは次のことです。」 and then what the document says (「電子マネーによる納付の検討」).
 * Routes (written from routes.yaml) and greetings are left as they are.
 */
function sayingUnstated(composer: Composer): Composer {
  return {
    ...composer,
    compose(frame, ctx) {
      const out = composer.compose(frame, ctx);
      if (declined(out) || (out.kind && out.kind !== 'answer')) return out;
      const names = frame.topic.unstated;
      const detail = frame.detail && !givesDetail(frame, out.text) ? frame.detail : null;
      if (!names?.length && !detail) return out;
      const whose = frame.municipality ? `${ctx.catalog.municipalityName(frame.municipality)}の資料` : '資料';
      const lead = names?.length
        ? `${whose}には、${names.map((n) => `「${n}」`).join('')}についての記載はありません。\n`
        : `${whose}には、${detailSubject(frame)}の${detail!.label}の記載はありません。資料にあるのは次のことです。\n`;
      return { ...out, text: `${lead}${out.text}` };
    },
  };
}

/** Composers for one municipality (or none chosen), most specific first. */
export const SINGLE: readonly Composer[] = [
  greeting,
  // before anything that would answer for a municipality the resident did not say is theirs
  unknownHome,
  focused,
  // before procedure: a yes/no procedure question a measure's status answers (the rest it declines)
  availability,
  procedure,
  glossary,
  publisher,
  address,
  document,
  section,
  list,
  passage,
].map((c) => (c === greeting ? c : sayingUnstated(c)));

export const COMPOSERS: readonly Composer[] = [greeting, ...MULTI, ...SINGLE.slice(1)];
