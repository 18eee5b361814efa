// Municipality names in a question are a filter, not search terms: 「西東京市の目標」 searches 目標 in
// 西東京市's documents instead of ranking every passage that happens to say 西東京市.
import type { Municipality, MunicipalityId } from '../knowledge/index.js';

const BUILT_IN: Record<MunicipalityId, string[]> = {
  higashikurume: ['東久留米市', '東久留米'],
  koganei: ['小金井市', '小金井'],
  hinode: ['日の出町', '日の出'],
  musashino: ['武蔵野市', '武蔵野'],
  nishitokyo: ['西東京市', '西東京'],
};

export interface MunicipalityMatcher {
  /** The municipality named in a normalized query (the first one named), and the query without the names. */
  detect(normalizedQuery: string): { municipality: MunicipalityId | null; rest: string };
}

export function createMunicipalityMatcher(
  municipalities: Municipality[],
  normalize: (s: string) => string,
): MunicipalityMatcher {
  const names: { name: string; id: MunicipalityId }[] = [];
  const add = (id: MunicipalityId, name: string) => {
    const n = normalize(name);
    if (n) names.push({ name: n, id });
  };
  for (const [id, list] of Object.entries(BUILT_IN) as [MunicipalityId, string[]][]) for (const n of list) add(id, n);
  for (const m of municipalities) for (const n of [m.name, m.shortName, ...m.aliases]) add(m.id, n);
  // Longest first, so 西東京市 is cut whole before 西東京 could leave a stray 市.
  names.sort((a, b) => b.name.length - a.name.length);
  const pattern = names.length
    ? new RegExp(names.map((n) => n.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g')
    : null;
  const byName = new Map(names.map((n) => [n.name, n.id]));
  return {
    detect(query) {
      if (!pattern) return { municipality: null, rest: query };
      let municipality: MunicipalityId | null = null;
      const rest = query.replace(pattern, (m) => {
        municipality ??= byName.get(m) ?? null;
        return ' ';
      });
      return { municipality, rest };
    },
  };
}
