// The environment, read once: defaults, parsed values, and one clear line for a bad value.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadSessionTtl } from '../src/config.js';

describe('loadConfig', () => {
  it('has defaults for everything optional', () => {
    expect(loadConfig({})).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      line: null,
      lineMaxPendingEvents: 10_000,
      sessionTtlSeconds: 1800, // 30 minutes of conversation context
      logLevel: 'info',
    });
  });

  it('reads the LINE channel and the pending-events bound', () => {
    const config = loadConfig({
      LINE_CHANNEL_SECRET: 's',
      LINE_CHANNEL_ACCESS_TOKEN: 't',
      LINE_MAX_PENDING_EVENTS: '2500',
    });
    expect(config.line).toEqual({ channelSecret: 's', channelAccessToken: 't', apiBaseUrl: 'https://api.line.me' });
    expect(config.lineMaxPendingEvents).toBe(2500);
  });

  it('reads the conversation context lifetime in seconds', () => {
    expect(loadConfig({ SESSION_TTL_SECONDS: '600' }).sessionTtlSeconds).toBe(600);
    // the CLI reads it alone: a half-configured LINE channel does not stop it, a bad lifetime does
    expect(loadSessionTtl({ SESSION_TTL_SECONDS: '600', LINE_CHANNEL_SECRET: 's' })).toBe(600);
    expect(() => loadSessionTtl({ SESSION_TTL_SECONDS: '-1' })).toThrow(/SESSION_TTL_SECONDS/);
  });

  it.each([
    { env: { LINE_MAX_PENDING_EVENTS: '0' }, says: /LINE_MAX_PENDING_EVENTS/ },
    { env: { LINE_MAX_PENDING_EVENTS: 'many' }, says: /LINE_MAX_PENDING_EVENTS/ },
    { env: { PORT: '70000' }, says: /PORT/ },
    { env: { SESSION_TTL_SECONDS: '0' }, says: /SESSION_TTL_SECONDS/ }, // a context that never lives
    { env: { SESSION_TTL_SECONDS: '30m' }, says: /SESSION_TTL_SECONDS/ }, // seconds, a plain number
    { env: { LINE_CHANNEL_SECRET: 's' }, says: /must be set together/ },
  ])('refuses $env with a line naming it', ({ env, says }) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(says);
  });
});
