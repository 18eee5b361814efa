// The environment, read once: defaults, parsed values, and one clear line for a bad value.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadKnowledgePaths, loadSessionTtl } from '../src/config.js';

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

  it('reads the proxy, access and intake settings', () => {
    const config = loadConfig({
      HOST: '0.0.0.0',
      CONSOLE_TOKEN: 'x'.repeat(32),
      TRUST_PROXY: '1',
      ALLOWED_HOSTS: 'Madoguchi.example.jp, localhost',
      LINE_API_TIMEOUT_MS: '4000',
      METRICS_PORT: '9464',
    });
    expect(config.trustProxy).toBe(1);
    expect(config.allowedHosts).toEqual(['madoguchi.example.jp', 'localhost']);
    expect(config.shutdownDrainMs).toBe(9000); // the LINE call timeout + 5 s
    expect(config.metrics).toEqual({ port: 9464, host: '127.0.0.1' });
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
  });

  it('reads the memory bounds, defaulting to what the stores kept before they were settings', () => {
    expect(loadConfig({}).bounds).toEqual({
      answerCache: 5_000,
      sessionChars: 24_000_000,
      dedupIds: 200_000,
      unanswered: 5_000,
    });
    const config = loadConfig({
      ANSWER_CACHE_SIZE: '0', // the answer cache off
      SESSION_MAX_CHARS: '1500000',
      LINE_DEDUP_IDS: ' 5000 ',
      UNANSWERED_MAX_ENTRIES: '500',
    });
    expect(config.bounds).toEqual({ answerCache: 0, sessionChars: 1_500_000, dedupIds: 5_000, unanswered: 500 });
  });

  it.each([
    // a size with a unit or a separator is not a number of entries
    { env: { ANSWER_CACHE_SIZE: '5k' }, says: /^config: ANSWER_CACHE_SIZE: a whole number$/ },
    { env: { ANSWER_CACHE_SIZE: '-1' }, says: /^config: ANSWER_CACHE_SIZE: at least 0$/ },
    { env: { ANSWER_CACHE_SIZE: '2.5' }, says: /^config: ANSWER_CACHE_SIZE: a whole number$/ },
    { env: { SESSION_MAX_CHARS: '24M' }, says: /^config: SESSION_MAX_CHARS: a whole number$/ },
    // below one conversation's context of three turns, every new turn would push the others out
    { env: { SESSION_MAX_CHARS: '500' }, says: /^config: SESSION_MAX_CHARS: at least 10,000$/ },
    { env: { SESSION_MAX_CHARS: '1e12' }, says: /^config: SESSION_MAX_CHARS: at most 1,000,000,000$/ },
    // a window of a few ids would answer LINE's redeliveries twice
    { env: { LINE_DEDUP_IDS: '10' }, says: /^config: LINE_DEDUP_IDS: at least 1,000$/ },
    { env: { LINE_DEDUP_IDS: '200,000' }, says: /^config: LINE_DEDUP_IDS: a whole number$/ },
    { env: { UNANSWERED_MAX_ENTRIES: '0' }, says: /^config: UNANSWERED_MAX_ENTRIES: at least 100$/ },
  ])('refuses the memory bound $env with one line naming it and the range', ({ env, says }) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(says);
  });

  it.each([
    { env: { LINE_MAX_PENDING_EVENTS: '0' }, says: /LINE_MAX_PENDING_EVENTS/ },
    { env: { LINE_MAX_PENDING_EVENTS: 'many' }, says: /LINE_MAX_PENDING_EVENTS/ },
    { env: { PORT: '70000' }, says: /PORT/ },
    { env: { SESSION_TTL_SECONDS: '0' }, says: /SESSION_TTL_SECONDS/ }, // a context that never lives
    { env: { SESSION_TTL_SECONDS: '30m' }, says: /SESSION_TTL_SECONDS/ }, // seconds, a plain number
    { env: { LINE_CHANNEL_SECRET: 's' }, says: /must be set together/ },
    // a short console token is guessable
    { env: { CONSOLE_TOKEN: 'short-token' }, says: /CONSOLE_TOKEN: at least 32 characters/ },
    // listening beyond loopback with an open console
    { env: { HOST: '0.0.0.0' }, says: /HOST=0\.0\.0\.0 .*set CONSOLE_TOKEN/ },
    // a drain shorter than one LINE call would cut every in-flight answer
    { env: { LINE_API_TIMEOUT_MS: '10000', SHUTDOWN_DRAIN_MS: '5000' }, says: /SHUTDOWN_DRAIN_MS must be longer/ },
    { env: { TRUST_PROXY: 'yes please' }, says: /TRUST_PROXY/ },
    { env: { API_TOKEN: 'abc' }, says: /API_TOKEN/ },
    { env: { METRICS_PORT: 'ninety' }, says: /METRICS_PORT/ },
  ])('refuses $env with a line naming it', ({ env, says }) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(says);
  });
});

describe('loadKnowledgePaths: the one reading of KNOWLEDGE_DIR and SEEDS_DIR (server, check, import)', () => {
  it.each([
    {
      env: {},
      want: { knowledgeDir: '/srv/app/knowledge', seedsDir: '/srv/app/seeds' },
      why: 'defaults under the root',
    },
    {
      env: { KNOWLEDGE_DIR: 'data/k', SEEDS_DIR: 'data/s' },
      want: { knowledgeDir: '/srv/app/data/k', seedsDir: '/srv/app/data/s' },
      why: 'relative to the root',
    },
    {
      env: { KNOWLEDGE_DIR: '/etc/madoguchi/k', SEEDS_DIR: '/var/lib/madoguchi/s' },
      want: { knowledgeDir: '/etc/madoguchi/k', seedsDir: '/var/lib/madoguchi/s' },
      why: 'absolute paths as given',
    },
  ])('$why', ({ env, want }) => {
    expect(loadKnowledgePaths(env, '/srv/app')).toEqual({ root: '/srv/app', ...want });
    expect(loadConfig(env, '/srv/app')).toMatchObject(want);
  });

  it.each([
    {
      env: { SEEDS_DIR: '.' },
      says: /SEEDS_DIR: "\." is the project folder or above it/,
      why: 'the whole project (.env, .git) would be readable',
    },
    { env: { SEEDS_DIR: '/' }, says: /SEEDS_DIR/, why: 'above the project' },
    { env: { SEEDS_DIR: '.git' }, says: /is a dot-folder of the project/, why: '.git/config would be a document' },
    { env: { SEEDS_DIR: 'knowledge' }, says: /must not be KNOWLEDGE_DIR/, why: 'the YAML files would be documents' },
  ])('refuses $env ($why)', ({ env, says }) => {
    expect(() => loadKnowledgePaths(env, '/srv/app')).toThrow(ConfigError);
    expect(() => loadKnowledgePaths(env, '/srv/app')).toThrow(says);
  });
});
