// Shared state behind one interface: in-memory for a single process, Redis for many.
import type { MunicipalityId } from '../knowledge/index.js';

export interface UnansweredEntry {
  id: string; // stable per (municipality, masked text): what the console's actions name
  text: string; // normalized, personal details masked
  municipality: MunicipalityId | null;
  attribute: string | null; // what was asked (the frame's attribute / intent)
  topic: string | null; // the frame's topic, masked like the text
  reason: string | null; // why it went unanswered: the engine's reason, else 'fallback' / 'low-confidence'
  channel: string | null; // where it was last asked: line, api, console
  count: number;
  firstSeen: string; // ISO time
  lastSeen: string; // ISO time
  handled: boolean; // staff marked it as dealt with
}

// What the caller knows besides the question; everything optional so older callers stay valid.
export interface UnansweredDetails {
  attribute?: string | null;
  topic?: string | null;
  reason?: string | null;
  channel?: string | null;
}

export type UnansweredSort = 'recent' | 'frequent';

export interface UnansweredFilter {
  municipality?: MunicipalityId | 'none'; // 'none': asked without a municipality
  reason?: string;
  since?: number; // ms: last seen at or after
  until?: number; // ms: last seen before
  search?: string; // substring of the (masked) text or topic, NFKC, case-insensitive
  handled?: boolean; // only handled / only open
}

// One answer, counted for the analytics panel (no text: counters only).
export interface AnswerStat {
  municipality: MunicipalityId | null;
  kind: string; // answer, route, clarify, fallback, greeting
  topic: string | null;
  unanswered: boolean; // went to the unanswered log
  at?: number; // ms; default now
}

export interface DayStats {
  day: string; // YYYY-MM-DD in Japan time (staff read days as they live them)
  total: number;
  unanswered: number;
  kinds: Record<string, number>;
  topics: Record<string, number>;
}

export interface StateHealth {
  kind: 'memory' | 'redis';
  connected: boolean; // memory: always true
  degraded: boolean; // redis: serving from the local fallback while Redis is away
  pendingWrites: number; // writes acknowledged locally, waiting to be replayed to Redis
}

// What a process holds in memory that grows with traffic, by structure: how much now and its bound (none: bounded
// by time alone, e.g. a minute's rate-limit windows). Entries, unless the name gives the unit (session_chars).
export type RetainedSizes = Record<string, { size: number; limit?: number }>;

export interface StateStore {
  readonly kind: 'memory' | 'redis';
  getPreference(userId: string): Promise<MunicipalityId | null>;
  setPreference(userId: string, municipality: MunicipalityId): Promise<void>;
  forgetUser(userId: string): Promise<void>;
  // true when this id is seen for the first time (SET NX with expiry); false for a duplicate
  claimEvent(eventId: string, ttlSeconds?: number): Promise<boolean>;
  // true when the user is within the limit for this window
  allowRequest(userId: string, limit: number, windowSeconds: number): Promise<boolean>;
  // Conversation context: one opaque value (JSON text) per session key, gone ttlSeconds after the last
  // write. Keys may carry a user id: stores keep them hashed where they could be listed (Redis key names).
  getSession(key: string): Promise<string | null>;
  setSession(key: string, value: string, ttlSeconds: number): Promise<void>;
  clearSession(key: string): Promise<void>;
  // The text is normalized and personal details are masked here, before anything is stored.
  recordUnanswered(text: string, municipality: MunicipalityId | null, details?: UnansweredDetails): Promise<void>;
  // sort: 'frequent' (default; ties newest first) or 'recent' (newest first)
  listUnanswered(limit?: number, sort?: UnansweredSort, filter?: UnansweredFilter): Promise<UnansweredEntry[]>;
  markUnanswered(id: string, handled: boolean): Promise<boolean>; // false: no such entry
  deleteUnanswered(id: string): Promise<boolean>;
  // Removes entries last seen before `before` (ms); returns how many went.
  purgeUnanswered(before: number): Promise<number>;
  recordAnswerStat(stat: AnswerStat): Promise<void>;
  // The given days (YYYY-MM-DD), per municipality ('none': asked without one) or overall (null).
  readStats(days: string[], municipality: MunicipalityId | 'none' | null): Promise<DayStats[]>;
  // Tells the OTHER processes to reload; the caller reloads its own process itself.
  // Listeners never receive this process's own publications.
  publishReload(origin: string): Promise<void>;
  onReload(listener: (origin: string) => void): Promise<() => void>;
  ping(): Promise<boolean>;
  health?(): StateHealth; // optional so hand-written fakes in tests stay valid
  retained?(): RetainedSizes; // this process's in-memory structures (metrics); optional like health
  close(): Promise<void>;
}
