// buildFacts: every typed fact of the parsed documents and the route table, grouped per municipality.
// Pure: the same documents give the same facts with the same ids.
import type { Municipality, ParsedDocument, RouteTable, SynonymGroup } from '../model.js';
import { documentFacts } from './document.js';
import { glossaryFacts } from './glossary.js';
import { kpiFacts } from './kpi.js';
import { listFacts } from './list.js';
import { scheduleFacts } from './schedule.js';
import { serviceFacts } from './service.js';
import type { Fact, FactSet, MunicipalityFacts } from './types.js';

export interface FactInputs {
  municipalities: readonly Municipality[];
  documents: readonly ParsedDocument[];
  sources: ReadonlyMap<string, string>; // document id → seed text (cover and colophon lines)
  routes: RouteTable;
  synonyms: readonly SynonymGroup[]; // channel names and the words documents use for them
}

export function buildFacts(inputs: FactInputs): FactSet {
  const all: Fact[] = [];
  for (const doc of inputs.documents) {
    all.push(...documentFacts(doc, inputs.sources.get(doc.meta.id) ?? ''));
    all.push(...glossaryFacts(doc));
    all.push(
      ...kpiFacts(
        doc,
        inputs.municipalities.find((m) => m.id === doc.meta.municipality),
      ),
    );
    all.push(...scheduleFacts(doc));
    all.push(...listFacts(doc));
  }
  all.push(...serviceFacts({ ...inputs, facts: all }));
  return groupFacts(
    all,
    inputs.municipalities.map((m) => m.id),
  );
}

export function emptyMunicipalityFacts(): MunicipalityFacts {
  return { glossary: [], kpi: [], schedule: [], service: [], document: [], list: [] };
}

export function groupFacts(all: Fact[], municipalityIds: readonly string[]): FactSet {
  const byMunicipality: Record<string, MunicipalityFacts> = {};
  for (const id of municipalityIds) byMunicipality[id] = emptyMunicipalityFacts();
  for (const f of all) {
    const group = byMunicipality[f.municipality] ?? emptyMunicipalityFacts();
    byMunicipality[f.municipality] = group;
    (group[f.kind] as Fact[]).push(f);
  }
  return { all, byMunicipality };
}
