// The webhook fields the bot reads, checked with zod at the edge. Each event is parsed on its own so
// one odd event (a new type, a missing field) never stops the others.
import { z } from 'zod';

export const WebhookBodySchema = z.object({
  destination: z.string().optional(),
  events: z.array(z.unknown()),
});

const MentioneeSchema = z.looseObject({
  type: z.string(),
  index: z.number().int(),
  length: z.number().int(),
  isSelf: z.boolean().optional(),
});

export const LineEventSchema = z.looseObject({
  type: z.string(),
  mode: z.enum(['active', 'standby']).default('active'),
  timestamp: z.number(),
  webhookEventId: z.string().min(1),
  deliveryContext: z.looseObject({ isRedelivery: z.boolean() }).optional(),
  replyToken: z.string().optional(),
  source: z
    .looseObject({
      type: z.enum(['user', 'group', 'room']),
      userId: z.string().optional(),
      groupId: z.string().optional(),
      roomId: z.string().optional(),
    })
    .optional(),
  message: z
    .looseObject({
      type: z.string(),
      id: z.string().optional(),
      text: z.string().optional(),
      mention: z.looseObject({ mentionees: z.array(MentioneeSchema) }).optional(),
    })
    .optional(),
  postback: z.looseObject({ data: z.string() }).optional(),
  follow: z.looseObject({ isUnblocked: z.boolean() }).optional(),
});
export type LineEvent = z.infer<typeof LineEventSchema>;

// Whether a group or room message mentions this bot (a mention of everyone does not count).
export function mentionsBot(event: LineEvent): boolean {
  return (event.message?.mention?.mentionees ?? []).some((m) => m.type === 'user' && m.isSelf === true);
}

// The message text without the @mentions of the bot, so the engine sees only the question.
export function questionText(event: LineEvent): string {
  const text = event.message?.text ?? '';
  const self = (event.message?.mention?.mentionees ?? []).filter((m) => m.isSelf).sort((a, b) => b.index - a.index);
  let out = text;
  for (const m of self) out = out.slice(0, m.index) + out.slice(m.index + m.length);
  return out.replace(/\s+/g, ' ').trim();
}
