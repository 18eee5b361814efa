// Municipality names in a question are a filter, not search terms: 「西東京市の目標」 searches 目標 in
// 西東京市's documents instead of ranking every passage that happens to say 西東京市.
import { createMunicipalityDetector, type Municipality, type MunicipalityId } from '../knowledge/index.js';

export interface MunicipalityMatcher {
  /** The municipality named in a normalized query (the first one named), and the query without the names. */
  detect(normalizedQuery: string): { municipality: MunicipalityId | null; rest: string };
}

export function createMunicipalityMatcher(municipalities: readonly Municipality[]): MunicipalityMatcher {
  const detector = createMunicipalityDetector(municipalities);
  return {
    detect(query) {
      return { municipality: detector.find(query)[0]?.id ?? null, rest: detector.strip(query) };
    },
  };
}
