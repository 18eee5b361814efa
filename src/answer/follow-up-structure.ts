// 「武蔵野市は？」 after one item of a list answered in detail (小金井市's pillar 「① 市民目線でのサービスの質の向上」): an item
// the other place's documents never name is the previous place's own structure, not a topic the other place has; the
// same kind of thing there is its own list of that role — the section listing its pillars, 基本方針 or 考え方.
import type { KnowledgeSnapshot } from '../knowledge/index.js';
import { foldedKey as flat } from './text.js';

// Words a plan heads its own structure with (a section listing its pillars or basic policies), as the items and status
// cues read a policy topic; measures and programmes (取組, 施策, 項目) are lists of another kind.
const POLICY_STRUCTURE = /柱|方針|考え方|理念|ビジョン|将来像|原則|方向性/;
// A heading that is about that structure ends with its word (「3 自治体DXに向けての基本方針」); 「全体方針について」 is
// about the plan itself.
const POLICY_HEADING = new RegExp(`(?:${POLICY_STRUCTURE.source})$`);
// 「3 自治体DXに向けての基本方針」「4. 目指す姿と…」「(1)」: the heading's own number is not part of its name.
const HEADING_NUMBER = /^\s*(?:[0-9０-９]{1,2}[.．]?|[(（][0-9０-９]{1,2}[)）]|[①-⑳])\s*/;

/** Whether any passage of the municipality names the item (its label without its number). */
export function namesItem(snapshot: KnowledgeSnapshot, municipality: string, item: string): boolean {
  const words = flat(item.replace(HEADING_NUMBER, ''));
  return (
    [...words].length >= 2 &&
    snapshot.passages.some((p) => p.municipality === municipality && flat(p.text).includes(words))
  );
}

/**
 * The municipality's section of the same role as the list a resident walked, when that list is a plan's structure (its
 * heading holds a policy word, 柱 or 方針 …): a
 * section with two sections or more under it, its heading ending with a policy word — the one sharing the listed heading's word first,
 * then the one with most sections under it, then the first. Its heading without its number, or null.
 */
export function counterpartList(snapshot: KnowledgeSnapshot, municipality: string, listed: string): string | null {
  // a list of measures (「4 取組事項」) is asked there item by item: its items are what other plans have too
  const word = POLICY_STRUCTURE.exec(listed)?.[0];
  if (!word) return null;
  let best: { heading: string; shares: boolean; children: number } | null = null;
  for (const d of snapshot.documents) {
    if (d.meta.municipality !== municipality) continue;
    for (const s of d.sections) {
      const heading = s.headingPath.at(-1) ?? '';
      if (!POLICY_HEADING.test(heading.trim())) continue;
      const depth = s.headingPath.length;
      const children = d.sections.filter(
        (x) => x.headingPath.length === depth + 1 && s.headingPath.every((h, i) => x.headingPath[i] === h),
      ).length;
      if (children < 2) continue;
      const shares = heading.includes(word);
      if (!best || (shares && !best.shares) || (shares === best.shares && children > best.children)) {
        best = { heading, shares, children };
      }
    }
  }
  return best ? best.heading.replace(HEADING_NUMBER, '').trim() || null : null;
}
