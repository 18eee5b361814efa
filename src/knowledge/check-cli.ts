// `npm run knowledge:check [-- --root DIR]`: validate knowledge/ and the seeds, print counts per
// municipality and exit 0, or print every error on its own line and exit 1. Never a stack trace.
import path from 'node:path';
import { formatKnowledgeError } from './errors.js';
import { loadKnowledge } from './load.js';
import { formatStatsTable, knowledgeStats } from './stats.js';

export async function runCheck(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const at = argv.indexOf('--root');
  const root = path.resolve(at >= 0 && argv[at + 1] ? argv[at + 1]! : process.cwd());
  try {
    const result = await loadKnowledge({ root });
    if (!result.ok) {
      for (const e of result.errors) err(formatKnowledgeError(e));
      err(`knowledge: ${result.errors.length} error(s) in ${root}`);
      return 1;
    }
    const { snapshot } = result;
    out(formatStatsTable(knowledgeStats(snapshot)));
    const empty = snapshot.glossary.filter((g) => g.definition === '');
    for (const g of empty) out(`empty definition: ${g.term} (${g.documentId}, line ${g.line})`);
    out(
      `knowledge: OK — ${snapshot.files.length} files, ${snapshot.faq.length} FAQ entries, ` +
        `${snapshot.synonyms.length} synonym groups, ${snapshot.questionSets.reduce((n, s) => n + s.items.length, 0)} regression questions, hash ${snapshot.hash.slice(0, 12)}`,
    );
    return 0;
  } catch (e) {
    err(`knowledge: unexpected failure: ${(e as Error).message}`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('check-cli.ts')) {
  runCheck(
    process.argv.slice(2),
    (s) => process.stdout.write(`${s}\n`),
    (s) => process.stderr.write(`${s}\n`),
  ).then((code) => {
    process.exitCode = code;
  });
}
