// MiniSearch's JSON (the format MiniSearch.loadJS reads) written term by term. mini.toJSON() builds one
// object per term and field keyed by document number ({"873": 2}); V8 gives each such object an elements
// array as long as its largest key, so for this corpus the tree took ~95 MB of heap that the process
// kept as RSS after the cold build. Here no tree is built: the header comes from toJSON over an empty
// term map and every term's postings are written straight into the string.
import type MiniSearch from 'minisearch';

type Postings = Map<number, Map<number, number>>; // field id → document number → term frequency
interface Internals {
  _index: Iterable<[string, Postings]>; // minisearch 7's SearchableMap; a test pins the round trip
}

const entries = <V>(map: Map<number, V>, write: (v: V) => string) => {
  let out = '';
  for (const [k, v] of map) out += `${out ? ',' : ''}"${k}":${write(v)}`;
  return `{${out}}`;
};

/** The same JSON as JSON.stringify(mini) (key order aside), without the intermediate object tree. */
export function stringifyMiniSearch(mini: MiniSearch<never> | MiniSearch<unknown>): string {
  const internals = mini as unknown as Internals;
  const terms = internals._index;
  let header: Record<string, unknown>;
  internals._index = [];
  try {
    header = { ...(mini.toJSON() as unknown as Record<string, unknown>) };
  } finally {
    internals._index = terms;
  }
  delete header.index;
  const parts: string[] = [];
  for (const [term, postings] of terms) {
    parts.push(`[${JSON.stringify(term)},${entries(postings, (docs) => entries(docs, String))}]`);
  }
  return `${JSON.stringify(header).slice(0, -1)},"index":[${parts.join(',')}]}`;
}
