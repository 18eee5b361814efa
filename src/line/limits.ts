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

// A URI LINE accepts in a URI action: http(s) or tel, within the length limit.
export function isUsableUri(uri: string | undefined): uri is string {
  if (!uri || charLength(uri) > LINE_LIMITS.uri) return false;
  return /^(https?:\/\/\S+|tel:[0-9+\-()]+)$/.test(uri);
}
