// The snapshot's passages by id and by section, built once per snapshot (a snapshot never changes): recording a
// turn, reading its listed items and condensing a comparison's sides look passages up by the ids their answer
// cites, which a scan of every passage made cost as much as the corpus is large.
import type { KnowledgeSnapshot, Passage } from '../knowledge/index.js';

export interface PassageIndex {
  byId: ReadonlyMap<string, Passage>;
  /** Each section's passages, in the snapshot's order. */
  bySection: ReadonlyMap<string, readonly Passage[]>;
}

const indexes = new WeakMap<KnowledgeSnapshot, PassageIndex>();

export function passageIndex(snapshot: KnowledgeSnapshot): PassageIndex {
  let index = indexes.get(snapshot);
  if (!index) {
    const byId = new Map<string, Passage>();
    const bySection = new Map<string, Passage[]>();
    for (const p of snapshot.passages) {
      if (!byId.has(p.id)) byId.set(p.id, p); // the first, as a scan would find it
      const list = bySection.get(p.sectionId);
      if (list) list.push(p);
      else bySection.set(p.sectionId, [p]);
    }
    index = { byId, bySection };
    indexes.set(snapshot, index);
  }
  return index;
}
