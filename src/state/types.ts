// Shared state behind one interface: in-memory for a single process, Redis for many.
import type { MunicipalityId } from '../knowledge/model.js';

export interface UnansweredEntry {
  text: string;
  municipality: MunicipalityId | null;
  count: number;
  lastSeen: string; // ISO time
}

export type UnansweredSort = 'recent' | 'frequent';

export interface StateHealth {
  kind: 'memory' | 'redis';
  connected: boolean; // memory: always true
  degraded: boolean; // redis: serving from the local fallback while Redis is away
  pendingWrites: number; // writes acknowledged locally, waiting to be replayed to Redis
}

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
  recordUnanswered(text: string, municipality: MunicipalityId | null): Promise<void>;
  // sort: 'frequent' (default; ties newest first) or 'recent' (newest first)
  listUnanswered(limit?: number, sort?: UnansweredSort): Promise<UnansweredEntry[]>;
  // Tells the OTHER processes to reload; the caller reloads its own process itself.
  // Listeners never receive this process's own publications.
  publishReload(origin: string): Promise<void>;
  onReload(listener: (origin: string) => void): Promise<() => void>;
  ping(): Promise<boolean>;
  health?(): StateHealth; // optional so hand-written fakes in tests stay valid
  close(): Promise<void>;
}
