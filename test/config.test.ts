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
