// Cheap lookups over snapshot.facts for composers: by municipality and kind, by id, and by the words of a
// measure or service (compared in normalizeForIndex form, so 「ＤＸ」 meets 「DX」).
import { normalizeForIndex } from '../normalize.js';
import type {
  DocumentAttribute,
  DocumentFact,
  Fact,
  FactKind,
  FactSet,
  KpiFact,
  MunicipalityFacts,
  ScheduleFact,
  ServiceStatusFact,
} from './types.js';

type OfKind<K extends FactKind> = Extract<Fact, { kind: K }>;

export function factsOf<K extends FactKind>(facts: FactSet, kind: K, municipality?: string): OfKind<K>[] {
  if (municipality) return (facts.byMunicipality[municipality]?.[kind] ?? []) as OfKind<K>[];
  return Object.values(facts.byMunicipality).flatMap((m: MunicipalityFacts) => m[kind] as OfKind<K>[]);
}

export function factById(facts: FactSet, id: string): Fact | undefined {
  return facts.all.find((f) => f.id === id);
}

export function documentFact(facts: FactSet, municipality: string, attribute: DocumentAttribute): DocumentFact[] {
  return factsOf(facts, 'document', municipality).filter((f) => f.attribute === attribute);
}

/** Facts whose measure / service / term contains the phrase, or is contained in it. */
function matches(name: string, phrase: string): boolean {
  const a = squeeze(name);
  const b = squeeze(phrase);
  return a !== '' && b !== '' && (a.includes(b) || b.includes(a));
}

function squeeze(s: string): string {
  return normalizeForIndex(s).replace(/[\s()（）「」【】・]/g, '');
}

export function findKpis(facts: FactSet, phrase: string, municipality?: string): KpiFact[] {
  return factsOf(facts, 'kpi', municipality).filter(
    (f) => matches(f.measure, phrase) || (f.indicator !== undefined && matches(f.indicator, phrase)),
  );
}

export function findSchedules(facts: FactSet, phrase: string, municipality?: string): ScheduleFact[] {
  return factsOf(facts, 'schedule', municipality).filter((f) => matches(f.measure, phrase));
}

/** Service status for a phrase or a channel id, per municipality (not-mentioned facts included). */
export function findServices(facts: FactSet, phraseOrChannel: string, municipality?: string): ServiceStatusFact[] {
  return factsOf(facts, 'service', municipality).filter(
    (f) => f.channel === phraseOrChannel || matches(f.service, phraseOrChannel) || matches(f.label, phraseOrChannel),
  );
}
