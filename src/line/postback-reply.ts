// What our postback buttons reply, given a way to ask the engine: the webhook (handler.ts) and the staff
// console's preview both call this, so a button clicked in the console does what it does on LINE.
import type { messagingApi } from '@line/bot-sdk';
import type { Answer } from '../answer/index.js';
import { createMunicipalityDetector, type MunicipalityId } from '../knowledge/index.js';
import type { Postback } from './postback.js';
import {
  buildChannelReply,
  buildContactReply,
  buildMunicipalityChoice,
  buildMunicipalitySet,
  buildOtherMunicipalitiesReply,
  buildReply,
  buildSourcesReply,
  buildTypeMunicipality,
} from './replies.js';
import type { MunicipalityInfo } from './types.js';

export interface PostbackReplyDeps {
  municipalities: MunicipalityInfo[];
  // the order a choice list offers them in (LINE: the most chosen first); default: as listed
  choiceOrder?: MunicipalityInfo[];
  ask(question: string, municipality: MunicipalityId | null, strict: boolean): Answer | Promise<Answer>;
  // 他の自治体では？ asks the same question without the names that would override the choice
  withoutMunicipalityNames(question: string): string;
}

export interface PostbackReply {
  messages: messagingApi.Message[];
  remember?: MunicipalityId; // the resident chose this municipality (set, or ask with s)
}

export async function replyToPostback(p: Postback, deps: PostbackReplyDeps): Promise<PostbackReply> {
  const { municipalities } = deps;
  const choices = deps.choiceOrder ?? municipalities;
  const ctx = (question: string) => ({ question, municipalities });
  switch (p.a) {
    case 'set': {
      // a button from before a reload that removed its municipality: offer today's list instead
      const chosen = municipalities.find((m) => m.id === p.m);
      if (!chosen) return { messages: buildMunicipalityChoice(choices) };
      return { messages: buildMunicipalitySet(chosen.name), remember: chosen.id };
    }
    case 'choose':
      return { messages: buildMunicipalityChoice(choices) };
    case 'type':
      return { messages: buildTypeMunicipality() };
    case 'other':
      return { messages: buildOtherMunicipalitiesReply(p.q, p.m, municipalities) };
    case 'src':
      return { messages: buildSourcesReply(await deps.ask(p.q, p.m, false), ctx(p.q)) };
    case 'contact':
      return { messages: buildContactReply(await deps.ask(p.q, p.m, false), ctx(p.q)) };
    case 'ch':
      return { messages: buildChannelReply(await deps.ask(p.q, p.m, false), p.c) };
    case 'ask': {
      if (!municipalities.some((m) => m.id === p.m)) return { messages: buildMunicipalityChoice(choices) };
      const q = p.s ? p.q : deps.withoutMunicipalityNames(p.q);
      // 「他の自治体では？」: that municipality's documents only, or an honest 「見つかりませんでした」.
      const messages = buildReply(await deps.ask(q, p.m, !p.s), ctx(q));
      return p.s ? { messages, remember: p.m } : { messages };
    }
  }
}

// 他の自治体では？ asks the same question for another municipality: the names in it that would override
// the choice are dropped (as handler.ts does).
export function withoutMunicipalityNames(question: string, municipalities: readonly MunicipalityInfo[]): string {
  const detector = createMunicipalityDetector(municipalities);
  if (detector.find(question).length === 0) return question;
  const q = detector.strip(question).replace(/\s+/g, ' ');
  return q.replace(/^[のはで、\s]+/, '').trim() || question;
}
