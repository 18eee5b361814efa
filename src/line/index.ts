// The LINE room: the webhook router (signature check, events, replies through the Messaging API) and
// the pure message builders, which the staff console also uses to preview what a resident would see.
// @line/bot-sdk is used only in this room.
export { BUTTON_LABELS, buildAnswerBubble, sourceLine } from './flex.js';
export type { EventOutcome, EventReport, EventStage, LineHooks } from './handler.js';
export { userTag } from './handler.js';
export { charLength, fitsJsonBytes, jsonBytes, jsonBytesBound, LINE_LIMITS, truncate } from './limits.js';
export { decodePostback, encodePostback, type Postback } from './postback.js';
export {
  type PostbackReply,
  type PostbackReplyDeps,
  replyToPostback,
  withoutMunicipalityNames,
} from './postback-reply.js';
export {
  buildChannelReply,
  buildContactReply,
  buildFollowGreeting,
  buildMunicipalityChoice,
  buildOtherMunicipalitiesReply,
  buildReply,
  buildSourcesReply,
  buildUnsupported,
  CHANGE_MUNICIPALITY,
  fitReply,
} from './replies.js';
export { createLineRouter, type LineRouter, type LineRouterOptions } from './router.js';
export type { MunicipalityInfo, ReplyContext } from './types.js';
