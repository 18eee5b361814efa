// The ids the knowledge model and the typed facts share: their own file, so that the model (which holds the
// facts) and the facts' types import them without importing each other.

// Municipalities are data (knowledge/municipalities.yaml): an id is any string of this shape, and a known
// one is whatever the snapshot lists. Never compare against a list written in code.
export const MUNICIPALITY_ID_PATTERN = /^[a-z][a-z0-9-]{1,40}$/;
export type MunicipalityId = string;

export const CHANNEL_IDS = [
  'online',
  'convenience-store',
  'kakanai',
  'okuyami',
  'online-consultation',
  'cashless',
  'counter',
] as const;
export type ChannelId = (typeof CHANNEL_IDS)[number];
