// npm run eval:retrieval [-- --set FILE] [--verbose]
// recall@1 / recall@3 on the "answer" questions of a question set: the share whose top-1 / top-3 hits
// hold the expected strings (every "all", one "any"; normalized as ../shared/eval/score.mjs does) and,
// where "src" is given, come from one of those municipalities. Madoguchi against two baselines.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createAnalyzer } from '../src/analysis/index.js';
import type { QuestionSetItem } from '../src/knowledge/index.js';
import { loadKnowledge } from '../src/knowledge/index.js';
import { buildBaselineIndex, buildIndex, hitText, type SearchHit, type SearchIndex } from '../src/search/index.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? (args[i + 1] ?? dflt) : dflt;
};
const root = resolve(import.meta.dirname, '..');
const setPath = resolve(opt('--set', join(root, '../shared/eval/dev.jsonl')));
const verbose = args.includes('--verbose') || args.includes('-v');

const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[\s,]/g, '');

function holds(hit: SearchHit, item: QuestionSetItem): boolean {
  if (item.src && !(hit.municipality && item.src.includes(hit.municipality))) return false;
  const text = norm(hitText(hit));
  if (item.all && !item.all.every((s) => text.includes(norm(s)))) return false;
  if (item.any && !item.any.some((s) => text.includes(norm(s)))) return false;
  return true;
}

const items = readFileSync(setPath, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as QuestionSetItem)
  .filter((i) => i.kind === 'answer');

const loaded = await loadKnowledge({ root });
if (!loaded.ok) {
  for (const e of loaded.errors) console.error(`${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
  process.exit(1);
}
const snapshot = loaded.snapshot;
const analyzer = await createAnalyzer({ synonyms: snapshot.synonyms });

const systems: [string, Pick<SearchIndex, 'search'>][] = [
  ['madoguchi', buildIndex(snapshot, analyzer)],
  ['plain minisearch', buildBaselineIndex(snapshot, 'plain', analyzer)],
  ['kuromoji surface', buildBaselineIndex(snapshot, 'surface', analyzer)],
];

console.log(`retrieval on ${setPath.replace(`${resolve(root, '..')}/`, '../')}: ${items.length} answer questions`);
console.log(
  `index: ${snapshot.passages.length} passages, ${snapshot.glossary.length} glossary, ${snapshot.faq.length} faq`,
);
console.log('');
console.log('| system           | recall@1 | recall@3 |');
console.log('|------------------|----------|----------|');
const failures: string[] = [];
for (const [name, index] of systems) {
  let at1 = 0;
  let at3 = 0;
  for (const item of items) {
    const hits = index.search(item.q, { municipality: item.m ?? undefined, limit: 3 });
    const ok1 = hits[0] ? holds(hits[0], item) : false;
    const ok3 = hits.some((h) => holds(h, item));
    if (ok1) at1++;
    if (ok3) at3++;
    if (name === 'madoguchi' && !ok1) {
      failures.push(
        `${ok3 ? '  @3 ' : 'MISS '} ${item.id} ${item.q}\n${hits
          .map(
            (h) => `        ${h.type} ${h.id} ${h.score.toFixed(1)} [${h.terms.join(' ')}] ${hitText(h).slice(0, 70)}`,
          )
          .join('\n')}`,
      );
    }
  }
  const r = (n: number) => (n / items.length).toFixed(3).padStart(8);
  console.log(`| ${name.padEnd(16)} | ${r(at1)} | ${r(at3)} |`);
}
console.log('');
console.log('targets: recall@3 ≥ 0.95, recall@1 ≥ 0.85');
if (failures.length) {
  console.log(`\nmadoguchi, not first (${failures.length}):`);
  for (const f of verbose ? failures : failures.map((f) => f.split('\n')[0]!)) console.log(f);
}
