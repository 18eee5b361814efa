// Typed facts read from the parsed documents at load time (glossary, KPI rows, schedules, service status,
// document facts, lists), each with its citation; and the cleaner every resident-facing text goes through.
export { buildFacts, type FactInputs } from './build.js';
export { cleanForResident, DEBRIS, findDebris } from './clean.js';
export { documentFact, factById, factsOf, findKpis, findSchedules, findServices } from './lookup.js';
export type * from './types.js';
