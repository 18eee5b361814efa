// `npm run ask` as the eval tools run it: a real child process on a copy of the knowledge folder. Broken
// knowledge is reported as every error with its file and line (the same error the server reports at start),
// and nothing reaches stdout, which carries answer lines only.
import { spawnSync } from 'node:child_process';
import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'madoguchi-ask-'));
  await cp(path.join(ROOT, 'knowledge'), path.join(dir, 'knowledge'), { recursive: true });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ask = (input: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli.ts'), '--jsonl'], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, KNOWLEDGE_DIR: path.join(dir, 'knowledge'), SEEDS_DIR: path.join(ROOT, 'seeds') },
    timeout: 60_000,
  });

describe('ask --jsonl', () => {
  it('answers one line per question on the knowledge given', { timeout: 90_000 }, () => {
    const r = ask(`${JSON.stringify({ id: 'q1', question: '書かない窓口とは', municipality: 'musashino' })}\n`);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ id: 'q1', municipality: 'musashino' });
  });

  it('reports broken knowledge with file and line on stderr, exits 1 and writes no answer', {
    timeout: 90_000,
  }, async () => {
    await appendFile(path.join(dir, 'knowledge/synonyms.yaml'), '\n  - [unclosed\n');
    const r = ask(`${JSON.stringify({ id: 'q1', question: '書かない窓口とは' })}\n`);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^knowledge: \d+ error\(s\)/);
    expect(r.stderr).toMatch(/synonyms\.yaml:\d+/);
  });
});
