// Postback data for our own buttons: compact JSON, parsed back with zod. Stateless on purpose: the
// question travels in the data (cut to fit LINE's 300 characters) and is answered again on the
// postback, so any process can handle it.
import { z } from 'zod';
import { CHANNEL_IDS, MunicipalityIdSchema } from '../knowledge/index.js';
import { charLength, LINE_LIMITS } from './limits.js';

// The id's shape only: whether it is known is checked against the snapshot serving when it arrives.
const m = MunicipalityIdSchema;
const q = z.string().max(LINE_LIMITS.postbackData);

export const PostbackSchema = z.discriminatedUnion('a', [
  z.object({ a: z.literal('set'), m }), // remember this municipality
  z.object({ a: z.literal('choose') }), // show the municipality choice
  z.object({ a: z.literal('type') }), // ask the resident to type a municipality's name (long lists)
  z.object({ a: z.literal('src'), m: m.nullable(), q }), // 出典を見る
  z.object({ a: z.literal('other'), m: m.nullable(), q }), // 他の自治体では？
  z.object({ a: z.literal('contact'), m: m.nullable(), q }), // 窓口・問い合わせ
  z.object({ a: z.literal('ch'), m: m.nullable(), c: z.enum(CHANNEL_IDS), q }), // one front-yard channel
  z.object({ a: z.literal('ask'), m, q, s: z.literal(1).optional() }), // answer q for m (s: and remember m)
]);
export type Postback = z.infer<typeof PostbackSchema>;

export function encodePostback(p: Postback): string {
  let data = JSON.stringify(p);
  if (charLength(data) <= LINE_LIMITS.postbackData || !('q' in p)) return data;
  // The question is the only free text: cut it until the whole payload fits.
  let chars = [...p.q];
  while (charLength(data) > LINE_LIMITS.postbackData && chars.length > 0) {
    chars = chars.slice(0, Math.max(0, chars.length - Math.max(1, charLength(data) - LINE_LIMITS.postbackData)));
    data = JSON.stringify({ ...p, q: chars.join('') });
  }
  return data;
}

export function decodePostback(data: string): Postback | null {
  try {
    const parsed = PostbackSchema.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
