// LINE's documented limits for what the bot sends, and helpers that keep every string inside them.
// Lengths are counted in code points, as LINE counts characters.

export const LINE_LIMITS = {
  messagesPerReply: 5,
  quickReplyItems: 13,
  textMessage: 5000,
  altText: 1500,
  postbackData: 300,
  displayText: 300,
  messageActionText: 300,
  actionLabel: 20,
  uri: 1000,
  bubbleBytes: 30_000, // JSON size of one Flex bubble
} as const;

export function charLength(s: string): number {
  return [...s].length;
}

// Cut to at most `max` code points, ending with … when something was cut. A string's UTF-16 length is never
// below its code-point count, so one that fits by length is returned without splitting it (every label, alt
// text and button of every reply passes through here).
export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const chars = [...s];
  if (chars.length <= max) return s;
  if (max <= 1) return chars.slice(0, max).join('');
  return `${chars
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}

export function label(s: string): string {
  return truncate(s.replace(/\s+/g, ' ').trim(), LINE_LIMITS.actionLabel);
}

export function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

// An upper bound of jsonBytes(value) without writing the JSON, for plain data (no toJSON): a UTF-16 code unit
// takes at most 6 bytes in JSON (an escape like \u001f; a character outside ASCII at most 3 bytes of UTF-8, a
// surrogate pair 4), a number at most 24 characters (-2.2250738585072014e-308), every key or string two
// quotes, every member a colon and a comma, every object or array its brackets.
export function jsonBytesBound(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return 6 * value.length + 2;
    case 'number':
      return 24;
    case 'boolean':
      return 5;
    case 'object': {
      if (value === null) return 4;
      let n = 2;
      if (Array.isArray(value)) {
        for (const item of value) n += jsonBytesBound(item) + 1;
        return n;
      }
      for (const key of Object.keys(value)) {
        n += 6 * key.length + 4 + jsonBytesBound((value as Record<string, unknown>)[key]);
      }
      return n;
    }
    default:
      return 4; // undefined and functions: left out, or null in an array
  }
}

// Whether value's JSON is within `limit` bytes. The reply's JSON is written once, when it is sent: here the
// bound decides whenever it can (a bubble's is far below LINE's 30,000 unless its texts are long), and the
// JSON is written to be measured only when the bound cannot tell.
export function fitsJsonBytes(value: unknown, limit: number): boolean {
  return jsonBytesBound(value) <= limit || jsonBytes(value) <= limit;
}

// A URI LINE accepts in a URI action: http(s) or tel, within the length limit.
export function isUsableUri(uri: string | undefined): uri is string {
  if (!uri || charLength(uri) > LINE_LIMITS.uri) return false;
  return /^(https?:\/\/\S+|tel:[0-9+\-()]+)$/.test(uri);
}
