// npm run bench:parse: the document parser on 1 MB of adversarial text (long lines shaped to make
// backtracking patterns blow up: dash runs ending in another character, runs of spaces, unclosed tags,
// long runs before a footnote marker, long English before 「の略」 …) against 1 MB of the bundled seeds, and
// the adversarial document at half and double size (linear text processing: time doubles with size).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { type DocumentMeta, parseDocument } from '../src/knowledge/index.js';

const root = resolve(import.meta.dirname, '..');
const MB = 2 ** 20;
const runs = Number(process.env.BENCH_RUNS ?? 3);

// Each shape makes one line of about n characters.
const SHAPES: Record<string, (n: number) => string> = {
  'dashes then another character': (n) => `|${'-'.repeat(n)}x|`,
  'spaces inside Japanese text': (n) => `デジタル${' '.repeat(n)}化`,
  'tab row with a run of spaces': (n) => `項目\t${' '.repeat(n)}\t値`,
  'unclosed <li in a table cell': (n) => `| ${'<li'.repeat(n / 3)} | x |`,
  'unclosed <a in a table cell': (n) => `| ${'<a'.repeat(n / 2)} | x |`,
  '<p … tags closed at the end': (n) => `| ${'<p '.repeat(n / 3)}> | x |`,
  'Japanese run before a broken marker': (n) => `${'あ'.repeat(n)}(*x`,
  'spaced capitals before a broken marker': (n) => `${'A '.repeat(n / 2)}(*x`,
  dots: (n) => '.'.repeat(n),
  'dash runs around a number': (n) => `${'–'.repeat(n / 2)}1${'–'.repeat(n / 2)}x`,
  'unclosed image link': (n) => `![${'a'.repeat(n)}`,
  'footnote line with a run of spaces': (n) => `(*1)${' '.repeat(n)}x\u2028y`,
  'spaced digits': (n) => `${'1 '.repeat(n / 2)}1.`,
  'English in a glossary definition': (n) => `| 用語 | 解説 |\n| AI | あ${'ab cd '.repeat(n / 6)}。x |`,
  'Robotic… before a broken の略': (n) =>
    `| 用語 | 解説 |\n| RPA | あ${'Robotic Process Automation「'.repeat(n / 28)}の |`,
};

function adversarial(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  const names = Object.keys(SHAPES);
  for (let i = 0; size < bytes; i++) {
    const make = SHAPES[names[i % names.length]!]!;
    const line = make(2_000 + ((i * 7919) % 38_000)); // 2k–40k characters, deterministic
    lines.push(line, '本文の段落です。デジタル化を推進します。', '');
    size += Buffer.byteLength(line) + 60;
  }
  return lines.join('\n');
}

function seeds(bytes: number): string {
  const dir = join(root, 'seeds');
  const all = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
  let text = '';
  while (Buffer.byteLength(text) < bytes) text += `${all}\n`;
  return text;
}

const meta = {
  id: 'bench',
  municipality: 'hinode',
  title: 'bench',
  file: 'seeds/bench.txt',
} as DocumentMeta;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const timeParse = (text: string) =>
  median(
    Array.from({ length: runs }, () => {
      const t = performance.now();
      parseDocument(text, meta);
      return performance.now() - t;
    }),
  );

// Per shape: one line of 20k and of 40k characters (linear: the second takes about twice as long).
const perShape = Object.entries(SHAPES).map(([name, make]) => {
  const small = timeParse(make(20_000));
  const large = timeParse(make(40_000));
  return { name, ms20k: small, ms40k: large };
});

const docs = {
  seeds1MB: timeParse(seeds(MB)),
  adversarialHalfMB: timeParse(adversarial(MB / 2)),
  adversarial1MB: timeParse(adversarial(MB)),
  adversarial2MB: timeParse(adversarial(2 * MB)),
};

const results = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  loadAverage1m: loadavg()[0] ?? 0,
  runs,
  ...docs,
  perShape,
};
const f = (n: number) => n.toFixed(1);
console.log(`bench:parse: median of ${runs} runs, node ${process.version}, load average ${f(results.loadAverage1m)}\n`);
console.log('| document | parse |');
console.log('|---|---|');
console.log(`| bundled seeds, 1 MB | ${f(docs.seeds1MB)} ms |`);
console.log(`| adversarial, 0.5 MB | ${f(docs.adversarialHalfMB)} ms |`);
console.log(`| adversarial, 1 MB | ${f(docs.adversarial1MB)} ms |`);
console.log(`| adversarial, 2 MB | ${f(docs.adversarial2MB)} ms |`);
console.log('\n| one line of | 20k chars | 40k chars |');
console.log('|---|---|---|');
for (const s of perShape) console.log(`| ${s.name} | ${f(s.ms20k)} ms | ${f(s.ms40k)} ms |`);

mkdirSync(join(root, 'bench/results'), { recursive: true });
const file = join(root, 'bench/results', `parse-bench-${results.date.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwrote ${file.replace(`${root}/`, '')}`);
