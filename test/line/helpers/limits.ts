// LINE's limits, checked independently of the builders (which enforce them) on any reply body.
import type { messagingApi } from '@line/bot-sdk';
import { expect } from 'vitest';
import { LINE_LIMITS } from '../../../src/line/index.js';

const len = (s: string) => [...s].length;

function walkActions(value: unknown, visit: (a: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) for (const v of value) walkActions(v, visit);
  else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (o.action && typeof o.action === 'object') visit(o.action as Record<string, unknown>);
    for (const v of Object.values(o)) walkActions(v, visit);
  }
}

export function assertWithinLimits(messages: unknown[]): void {
  expect(messages.length).toBeGreaterThan(0);
  expect(messages.length).toBeLessThanOrEqual(LINE_LIMITS.messagesPerReply);
  for (const m of messages as messagingApi.Message[]) {
    if (m.type === 'text') expect(len(m.text)).toBeLessThanOrEqual(LINE_LIMITS.textMessage);
    if (m.type === 'flex') {
      expect(len(m.altText)).toBeLessThanOrEqual(LINE_LIMITS.altText);
      expect(Buffer.byteLength(JSON.stringify(m.contents))).toBeLessThanOrEqual(LINE_LIMITS.bubbleBytes);
    }
    expect(m.quickReply?.items?.length ?? 0).toBeLessThanOrEqual(LINE_LIMITS.quickReplyItems);
    walkActions(m, (a) => {
      if (typeof a.label === 'string') expect(len(a.label)).toBeLessThanOrEqual(LINE_LIMITS.actionLabel);
      if (typeof a.data === 'string') expect(len(a.data)).toBeLessThanOrEqual(LINE_LIMITS.postbackData);
      if (typeof a.displayText === 'string') expect(len(a.displayText)).toBeLessThanOrEqual(LINE_LIMITS.displayText);
      if (typeof a.text === 'string') expect(len(a.text)).toBeLessThanOrEqual(LINE_LIMITS.messageActionText);
      if (typeof a.uri === 'string') expect(len(a.uri)).toBeLessThanOrEqual(LINE_LIMITS.uri);
    });
  }
}

export function flexOf(
  message: messagingApi.Message | undefined,
): messagingApi.FlexMessage & { contents: messagingApi.FlexBubble } {
  expect(message?.type).toBe('flex');
  const flex = message as messagingApi.FlexMessage;
  expect(flex.contents.type).toBe('bubble');
  return flex as messagingApi.FlexMessage & { contents: messagingApi.FlexBubble };
}

export function buttonsOf(flex: { contents: messagingApi.FlexBubble }): messagingApi.FlexButton[] {
  return (flex.contents.footer?.contents ?? []).filter((c): c is messagingApi.FlexButton => c.type === 'button');
}

export function quickLabels(message: messagingApi.Message | undefined): (string | undefined)[] {
  return (message?.quickReply?.items ?? []).map((i) => i.action?.label);
}
