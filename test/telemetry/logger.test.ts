// No secret, token or full LINE userId in a log line: the logger censors them wherever they sit.
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, hashUserId } from '../../src/telemetry/index.js';

function capture(skipCleanRedaction?: boolean) {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info', destination, skipCleanRedaction }) };
}

const USER = 'U4af4980629a1b2c3d4e5f60718293a4b';

describe('createLogger', () => {
  it.each([
    { obj: { userId: USER }, why: 'top level' },
    { obj: { source: { userId: USER } }, why: 'in an event source' },
    { obj: { event: { source: { userId: USER } } }, why: 'two levels down' },
    { obj: { push: { to: USER } }, why: 'a push target' },
  ])('hashes the LINE userId ($why)', ({ obj }) => {
    const { lines, logger } = capture();
    logger.info(obj, 'event');
    expect(lines.join('')).not.toContain(USER);
    expect(lines.join('')).toContain(hashUserId(USER));
  });

  it.each([
    { obj: { channelSecret: 'sekret-1' }, secret: 'sekret-1' },
    { obj: { line: { channelAccessToken: 'tok-2' } }, secret: 'tok-2' },
    { obj: { headers: { authorization: 'Bearer tok-3' } }, secret: 'tok-3' },
    { obj: { req: { headers: { 'x-line-signature': 'sig-4' } } }, secret: 'sig-4' },
    { obj: { consoleToken: 'tok-5' }, secret: 'tok-5' },
    { obj: { token: 'tok-6' }, secret: 'tok-6' },
  ])('censors $secret', ({ obj, secret }) => {
    const { lines, logger } = capture();
    logger.info(obj, 'config');
    expect(lines.join('')).not.toContain(secret);
    expect(lines.join('')).toContain('[redacted]');
  });

  // A line with nothing to censor skips the redaction pass (it cost ~100 µs a line); what is written must be
  // exactly what the redaction pass writes, for lines with and without something to censor.
  it.each([
    { args: ['line: answered'], why: 'a message alone' },
    {
      args: [
        { webhookEventId: '01H', event: 'message', userHash: 'u_0123456789ab', kind: 'answer', confidence: 0.9 },
        'line: answered',
      ],
      why: "an event's line",
    },
    { args: [{ a: { b: { c: { d: { token: 'deep-5' } } } } }, 'x'], why: 'a key below the censored depth stays' },
    { args: [{ list: [{ id: 1 }, { id: 2 }], none: null, no: undefined }, 'x'], why: 'arrays, null, undefined' },
    { args: [{ n: 1 }, 'with %s and %d', 'text', 3], why: 'format arguments' },
    { args: [{ source: { userId: USER } }, 'x'], why: 'a user id: hashed by the pass' },
    { args: [{ line: [{ channelSecret: 'sekret' }] }, 'x'], why: 'a secret in an array: censored by the pass' },
    { args: [{ err: new Error('boom') }, 'x'], why: 'an Error: serialized by the pass' },
    { args: [{ when: new Date(0) }, 'x'], why: 'an instance other than a plain object' },
  ])('writes the same line with or without the redaction pass ($why)', ({ args }) => {
    const fast = capture();
    const slow = capture(false);
    const strip = (lines: string[]) => lines.map((l) => l.replace(/"time":"[^"]*",/, ''));
    for (const { logger } of [fast, slow]) {
      (logger.info as (...a: unknown[]) => void)(...args);
      (logger.child({ component: 'test', userId: USER }).warn as (...a: unknown[]) => void)(...args);
    }
    expect(fast.lines).toHaveLength(2);
    expect(strip(fast.lines)).toEqual(strip(slow.lines));
    expect(fast.lines.join('')).not.toContain(USER);
  });

  it('keeps a level changed after the first line', () => {
    const { lines, logger } = capture();
    logger.info({ a: 1 }, 'first');
    logger.level = 'warn';
    logger.info({ a: 2 }, 'dropped');
    logger.warn({ a: 3 }, 'kept');
    logger.level = 'debug';
    logger.debug({ a: 4 }, 'now kept');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['first', 'kept', 'now kept']);
  });

  it('hashes the same user to the same short tag, so lines stay joinable', () => {
    expect(hashUserId(USER)).toBe(hashUserId(USER));
    expect(hashUserId(USER)).not.toBe(hashUserId(`${USER}x`));
    expect(hashUserId(USER)).toMatch(/^u_[0-9a-f]{12}$/);
  });
});
