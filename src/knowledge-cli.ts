// Admin commands on the knowledge, reading KNOWLEDGE_DIR and SEEDS_DIR exactly as the server does
// (config.ts's loadKnowledgePaths):
//   npm run knowledge:check [-- --root DIR]
//   npm run knowledge:import -- FILE.pdf|FILE.txt --municipality ID --document ID --title … [--issued …]
//     [--publisher …] [--contact …] [--force] [--root DIR]
// Unknown options are refused. Bad input is one line on stderr and exit 1; nothing is ever half-written.
import { Command, CommanderError } from 'commander';
import { ConfigError, loadKnowledgePaths } from './config.js';
import {
  formatImportReport,
  formatKnowledgeError,
  formatStatsTable,
  ImportError,
  importDocument,
  knowledgeStats,
  loadKnowledge,
} from './knowledge/index.js';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

async function check(root: string, io: CliIo): Promise<number> {
  const paths = loadKnowledgePaths(io.env ?? process.env, root);
  const result = await loadKnowledge(paths);
  if (!result.ok) {
    for (const e of result.errors) io.err(formatKnowledgeError(e));
    io.err(`knowledge: ${result.errors.length} error(s) in ${paths.knowledgeDir} (seeds: ${paths.seedsDir})`);
    return 1;
  }
  const { snapshot } = result;
  io.out(formatStatsTable(knowledgeStats(snapshot)));
  for (const g of snapshot.glossary.filter((x) => x.definition === '')) {
    io.out(`empty definition: ${g.term} (${g.documentId}, line ${g.line})`);
  }
  io.out(
    `knowledge: OK — ${snapshot.files.length} files, ${snapshot.faq.length} FAQ entries, ` +
      `${snapshot.synonyms.length} synonym groups, ${snapshot.questionSets.reduce((n, s) => n + s.items.length, 0)} regression questions, hash ${snapshot.hash.slice(0, 12)}`,
  );
  return 0;
}

interface ImportFlags {
  municipality: string;
  document: string;
  title: string;
  issued?: string;
  publisher?: string;
  contact?: string;
  force?: boolean;
  root: string;
}

/** Runs one admin command; returns the exit code. Never throws, never prints a stack trace. */
export async function runKnowledgeCli(argv: string[], io: CliIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  let code = 0;
  const program = new Command()
    .name('knowledge')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError(false);
  program
    .command('check')
    .description('validate the knowledge files and seeds; print counts per municipality')
    .option('--root <dir>', 'project root (KNOWLEDGE_DIR and SEEDS_DIR resolve against it)', cwd)
    .action(async (flags: { root: string }) => {
      code = await check(flags.root, io);
    });
  program
    .command('import')
    .description('import a policy document (PDF or UTF-8 text) into SEEDS_DIR and documents.yaml')
    .argument('<file>', 'the PDF or .txt file')
    .requiredOption('--municipality <id>', 'municipality id from municipalities.yaml')
    .requiredOption('--document <id>', 'document id, e.g. mitaka-dx (an existing id re-imports a revision)')
    .requiredOption('--title <title>', 'the document title as residents see it cited')
    .option('--issued <when>', 'when it was issued, e.g. 令和7年4月 (default: found on the first page)')
    .option('--publisher <who>', 'the department that publishes it (default: the municipality)')
    .option('--contact <phone>', 'a phone number printed in the document')
    .option('--force', 'import even if the text looks like another municipality’s document')
    .option('--root <dir>', 'project root (KNOWLEDGE_DIR and SEEDS_DIR resolve against it)', cwd)
    .action(async (file: string, flags: ImportFlags) => {
      const paths = loadKnowledgePaths(io.env ?? process.env, flags.root);
      const report = await importDocument({ ...flags, file, paths });
      for (const line of formatImportReport(report)) io.out(line);
    });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 1;
    if (err instanceof ImportError) io.err(`knowledge:import: ${err.message}`);
    else if (err instanceof ConfigError) io.err(err.message);
    else io.err(`knowledge: unexpected failure: ${(err as Error).message}`);
    return 1;
  }
}

if (process.argv[1]?.endsWith('knowledge-cli.ts') || import.meta.url === `file://${process.argv[1]}`) {
  // `npm run knowledge:check | head`: a closed pipe ends the output, not the process with a stack trace
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  runKnowledgeCli(process.argv.slice(2), {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
  }).then((code) => {
    process.exitCode = code;
  });
}
