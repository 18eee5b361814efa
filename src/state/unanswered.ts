// The unanswered log's identity and order, shared by both stores so they list the same way.
import type { MunicipalityId } from '../knowledge/model.js';
import type { UnansweredEntry, UnansweredSort } from './types.js';

const MAX_TEXT = 500;

// Same question (whitespace-collapsed) for the same municipality is one entry with a count.
export function unansweredKey(
  text: string,
  municipality: MunicipalityId | null,
): { member: string; text: string } | null {
  const clean = text.replace(/\s+/g, ' ').trim().slice(0, MAX_TEXT);
  if (!clean) return null;
  return { member: `${municipality ?? '-'}\u0000${clean}`, text: clean };
}

export function sortUnanswered(entries: UnansweredEntry[], sort: UnansweredSort): UnansweredEntry[] {
  const byRecent = (a: UnansweredEntry, b: UnansweredEntry) => b.lastSeen.localeCompare(a.lastSeen);
  return [...entries].sort(sort === 'recent' ? byRecent : (a, b) => b.count - a.count || byRecent(a, b));
}
