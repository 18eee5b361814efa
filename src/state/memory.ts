// The in-memory store: one process, nothing shared. Also the Redis store's fallback while Redis is away.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { LRUCache } from 'lru-cache';
import type { MunicipalityId } from '../knowledge/index.js';
import type { DayStats, RetainedSizes, StateStore, UnansweredEntry, UnansweredSort } from './types.js';
import {
  cleanTopic,
  dayOf,
  matchesFilter,
  STATS_KEEP_DAYS,
  STATS_SCOPE_ALL,
  sortUnanswered,
  statsScope,
  unansweredKey,
} from './unanswered.js';

export interface MemoryStoreOptions {
  // Stores sharing one bus hear each other's reloads, like processes sharing Redis (tests use this).
  bus?: EventEmitter;
  maxUnanswered?: number;
  // De-duplication ids kept at most (oldest dropped first): a day of ids at webhook rates would
  // otherwise grow without bound. LINE redelivers within minutes, far inside this window.
  maxEvents?: number;
  maxSessions?: number; // conversation contexts kept at most (least recently written dropped first)
  // …and their keys and values together, in characters (a context is ~1,000: three turns): the count alone
  // let 100,000 contexts take ~200 MB of a heap capped at 384 MB
  maxSessionChars?: number;
  // Municipalities chosen, one per user at most this many (least recently chosen dropped first: that
  // resident is asked to choose again). Redis keeps every one.
  maxPreferences?: number;
  // Distinct topics counted per day and scope (each question can carry a topic of its own): later new ones
  // count in the day's totals only. The analytics panel lists the most asked few.
  maxTopicsPerDay?: number;
  now?: () => number;
}

export interface MemoryStore extends StateStore {
  readonly kind: 'memory';
  retained(): RetainedSizes;
  // used by the Redis store to replay what it acknowledged while Redis was away
  snapshotUnanswered(): UnansweredEntry[];
}

const emptyDay = (day: string): DayStats => ({ day, total: 0, unanswered: 0, kinds: {}, topics: {} });

const DEFAULT_EVENT_TTL = 24 * 60 * 60;
const SWEEP_MS = 30_000;

export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const now = options.now ?? Date.now;
  const maxUnanswered = options.maxUnanswered ?? 5000;
  const maxEvents = options.maxEvents ?? 200_000;
  const maxSessions = options.maxSessions ?? 100_000;
  const maxSessionChars = options.maxSessionChars ?? 24_000_000; // ≤ 48 MB; ~24,000 contexts of three turns
  const maxPreferences = options.maxPreferences ?? 200_000;
  const maxTopicsPerDay = options.maxTopicsPerDay ?? 2_000;
  const bus = options.bus ?? new EventEmitter();
  bus.setMaxListeners(0);
  const instance = randomUUID();
  const prefs = new Map<string, MunicipalityId>();
  // Claimed ids in claim order, oldest first (a Map that grows only as used: the webhook's queue
  // de-duplicates on its own, so this one is usually empty; lru-cache would reserve its arrays for 200,000).
  const events = new Map<string, number>(); // id → expires at (ms)
  const windows = new Map<string, { count: number; resetAt: number }>();
  const unanswered = new Map<string, UnansweredEntry>(); // id → entry, least recently seen first
  const stats = new Map<string, Map<string, DayStats>>(); // day → scope → counters
  const topicCounts = new WeakMap<DayStats, number>(); // distinct topics in each day's counters
  // Conversation contexts in lru-cache (a count bound, a character bound and a TTL per entry in one place,
  // where this store kept a Map in insertion order with its size counted by hand); expired ones are dropped
  // when read and by the sweep. Least recently written dropped first when either bound is reached (read with
  // peek, which leaves the order alone); one context larger than the whole bound is still kept, alone (the
  // latest turn of a conversation is never lost)
  const sessions = new LRUCache<string, string>({
    max: maxSessions,
    maxSize: maxSessionChars,
    sizeCalculation: (value, key) => Math.min(maxSessionChars, Math.max(1, key.length + value.length)),
    perf: { now },
    ttlResolution: 0, // the clock read at each check (not one reading reused for 1 ms with a timer each)
  });
  const listeners = new Set<(origin: string) => void>();
  let closed = false;

  const onBus = (message: { instance: string; origin: string }) => {
    if (message.instance === instance) return;
    for (const listener of listeners) listener(message.origin);
  };
  bus.on('reload', onBus);

  // Expired claims and windows are dropped in the background so memory stays flat under load.
  const sweep = setInterval(() => {
    const t = now();
    for (const [id, expires] of events) if (expires <= t) events.delete(id);
    for (const [user, w] of windows) if (w.resetAt <= t) windows.delete(user);
    sessions.purgeStale();
  }, SWEEP_MS);
  sweep.unref();

  return {
    kind: 'memory',
    async getPreference(userId) {
      return prefs.get(userId) ?? null;
    },
    async setPreference(userId, municipality) {
      prefs.delete(userId); // re-inserted last: the Map stays in order of choice, oldest first
      prefs.set(userId, municipality);
      if (prefs.size > maxPreferences) prefs.delete(prefs.keys().next().value as string);
    },
    async forgetUser(userId) {
      prefs.delete(userId);
      windows.delete(userId);
    },
    async claimEvent(eventId, ttlSeconds = DEFAULT_EVENT_TTL) {
      const t = now();
      const expires = events.get(eventId);
      if (expires !== undefined && expires > t) return false;
      events.delete(eventId); // re-insert at the end: the Map stays in claim order, oldest first
      events.set(eventId, t + ttlSeconds * 1000);
      if (events.size > maxEvents) events.delete(events.keys().next().value as string);
      return true;
    },
    async allowRequest(userId, limit, windowSeconds) {
      const t = now();
      let w = windows.get(userId);
      if (!w || w.resetAt <= t) {
        w = { count: 0, resetAt: t + windowSeconds * 1000 };
        windows.set(userId, w);
      }
      w.count += 1;
      return w.count <= limit;
    },
    async getSession(key) {
      return sessions.peek(key) ?? null;
    },
    async setSession(key, value, ttlSeconds) {
      sessions.set(key, value, { ttl: ttlSeconds * 1000 });
    },
    async clearSession(key) {
      sessions.delete(key);
    },
    async recordUnanswered(text, municipality, details = {}) {
      const key = unansweredKey(text, municipality);
      if (!key) return;
      const seen = new Date(now()).toISOString();
      const entry = unanswered.get(key.id);
      // delete + set keeps the Map in recency order, so the oldest is first when trimming
      unanswered.delete(key.id);
      unanswered.set(key.id, {
        id: key.id,
        text: key.text,
        municipality,
        attribute: details.attribute ?? entry?.attribute ?? null,
        topic: cleanTopic(details.topic, key.text) ?? entry?.topic ?? null,
        reason: details.reason ?? entry?.reason ?? null,
        channel: details.channel ?? entry?.channel ?? null,
        count: (entry?.count ?? 0) + 1,
        firstSeen: entry?.firstSeen ?? seen,
        lastSeen: seen,
        handled: entry?.handled ?? false,
      });
      while (unanswered.size > maxUnanswered) {
        const oldest = unanswered.keys().next().value;
        if (oldest === undefined) break;
        unanswered.delete(oldest);
      }
    },
    async listUnanswered(limit = 50, sort: UnansweredSort = 'frequent', filter) {
      const matching = [...unanswered.values()].filter((e) => matchesFilter(e, filter));
      return sortUnanswered(matching, sort)
        .slice(0, Math.max(0, limit))
        .map((e) => ({ ...e }));
    },
    async markUnanswered(id, handled) {
      const entry = unanswered.get(id);
      if (!entry) return false;
      entry.handled = handled;
      return true;
    },
    async deleteUnanswered(id) {
      return unanswered.delete(id);
    },
    async purgeUnanswered(before) {
      let removed = 0;
      for (const [id, e] of unanswered) {
        if (Date.parse(e.lastSeen) < before) {
          unanswered.delete(id);
          removed++;
        }
      }
      return removed;
    },
    async recordAnswerStat(stat) {
      const at = stat.at ?? now();
      const day = dayOf(at);
      let scopes = stats.get(day);
      if (!scopes) {
        scopes = new Map();
        stats.set(day, scopes);
        const oldest = dayOf(at - STATS_KEEP_DAYS * 24 * 60 * 60 * 1000);
        for (const d of stats.keys()) if (d < oldest) stats.delete(d);
      }
      const topic = cleanTopic(stat.topic);
      for (const scope of [STATS_SCOPE_ALL, statsScope(stat.municipality)]) {
        let s = scopes.get(scope);
        if (!s) {
          s = emptyDay(day);
          scopes.set(scope, s);
        }
        s.total++;
        if (stat.unanswered) s.unanswered++;
        s.kinds[stat.kind] = (s.kinds[stat.kind] ?? 0) + 1;
        if (topic && Object.hasOwn(s.topics, topic)) s.topics[topic] = (s.topics[topic] ?? 0) + 1;
        else if (topic && (topicCounts.get(s) ?? 0) < maxTopicsPerDay) {
          s.topics[topic] = 1;
          topicCounts.set(s, (topicCounts.get(s) ?? 0) + 1);
        }
      }
    },
    async readStats(days, municipality) {
      const scope = municipality === null ? STATS_SCOPE_ALL : municipality;
      return days.map((day) => {
        const s = stats.get(day)?.get(scope);
        return s ? { ...s, kinds: { ...s.kinds }, topics: { ...s.topics } } : emptyDay(day);
      });
    },
    snapshotUnanswered() {
      return [...unanswered.values()].map((e) => ({ ...e }));
    },
    async publishReload(origin) {
      if (closed) return;
      bus.emit('reload', { instance, origin });
    },
    async onReload(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async ping() {
      return !closed;
    },
    health() {
      return { kind: 'memory', connected: !closed, degraded: false, pendingWrites: 0 };
    },
    retained() {
      return {
        sessions: { size: sessions.size, limit: maxSessions },
        session_chars: { size: sessions.calculatedSize, limit: maxSessionChars },
        claimed_ids: { size: events.size, limit: maxEvents },
        preferences: { size: prefs.size, limit: maxPreferences },
        rate_windows: { size: windows.size }, // a minute each, swept every 30 s
        unanswered: { size: unanswered.size, limit: maxUnanswered },
      };
    },
    async close() {
      closed = true;
      clearInterval(sweep);
      bus.off('reload', onBus);
      listeners.clear();
    },
  };
}
