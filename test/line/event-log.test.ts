// eventLog: the bindings of one event on each of its lines, computed only when a line is written.
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { eventLog } from '../../src/line/event-log.js';

function capture(level: pino.Level) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level }, sink), lines };
}
const flush = () => new Promise((r) => setImmediate(r));

describe('eventLog', () => {
  it('writes the bindings with every line, with or without a merge object', async () => {
    const { logger, lines } = capture('info');
    const log = eventLog(logger, () => ({ webhookEventId: 'E1', userHash: 'u_abc' }));
    log.info({ kind: 'glossary' }, 'line: answered');
    log.warn('line: rate limit reached');
    await flush();
    expect(lines).toMatchObject([
      { level: 30, webhookEventId: 'E1', userHash: 'u_abc', kind: 'glossary', msg: 'line: answered' },
      { level: 40, webhookEventId: 'E1', userHash: 'u_abc', msg: 'line: rate limit reached' },
    ]);
  });

  it('computes the bindings once, and not at all when no line is written', async () => {
    const { logger, lines } = capture('warn');
    let computed = 0;
    const log = eventLog(logger, () => {
      computed += 1;
      return { webhookEventId: 'E2' };
    });
    log.info('not written at warn');
    log.debug({ x: 1 }, 'nor this');
    expect(computed).toBe(0);
    log.error({ err: new Error('boom') }, 'line: event failed');
    log.warn('again');
    await flush();
    expect(computed).toBe(1);
    expect(lines[0]).toMatchObject({ webhookEventId: 'E2', err: { message: 'boom' }, msg: 'line: event failed' });
    expect(lines).toHaveLength(2);
  });

  it('lets a line’s own field win over a binding of the same name', async () => {
    const { logger, lines } = capture('info');
    eventLog(logger, () => ({ event: 'message' })).info({ event: 'postback' }, 'x');
    await flush();
    expect(lines[0]).toMatchObject({ event: 'postback' });
  });
});
