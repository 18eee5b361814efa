import { cp, mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatKnowledgeError, type KnowledgeError, loadKnowledge } from '../../src/knowledge/index.js';
import { runKnowledgeCli } from '../../src/knowledge-cli.js';
import { ROOT } from './corpus.js';

// Each case breaks a copy of the bundled knowledge in a temp dir, never knowledge/ itself.
let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'madoguchi-knowledge-'));
  await cp(path.join(ROOT, 'knowledge'), path.join(root, 'knowledge'), { recursive: true });
  await cp(path.join(ROOT, 'seeds'), path.join(root, 'seeds'), { recursive: true });
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const p = path.join(root, file);
  await writeFile(p, change(await readFile(p, 'utf8')));
}

async function errorsOf(): Promise<string[]> {
  const result = await loadKnowledge({ root });
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors.map(formatKnowledgeError);
}

describe('loadKnowledge on the bundled corpus', () => {
  it('returns a frozen snapshot with every input file and a content hash', async () => {
    const result = await loadKnowledge({ root: ROOT });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { snapshot } = result;
    expect(snapshot.municipalities.map((m) => m.id)).toEqual([
      'higashikurume',
      'koganei',
      'hinode',
      'musashino',
      'nishitokyo',
    ]);
    expect(snapshot.documents).toHaveLength(5);
    expect(snapshot.files).toContain('knowledge/routes.yaml');
    expect(snapshot.files).toContain('seeds/hinode-dx-suishin-hoshin.txt');
    expect(snapshot.files).toContain('knowledge/questions/regression.jsonl');
    expect(snapshot.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.isFrozen(snapshot.passages[0])).toBe(true);
    expect(snapshot.faq.length).toBeGreaterThan(0);
    expect(snapshot.questionSets[0]?.items.length).toBeGreaterThanOrEqual(20);
  });

  it('changes the hash when any input byte changes', async () => {
    const before = await loadKnowledge({ root });
    await edit('knowledge/synonyms.yaml', (t) => `${t}\n# a comment\n`);
    const after = await loadKnowledge({ root });
    expect(before.ok && after.ok && before.snapshot.hash !== after.snapshot.hash).toBe(true);
  });
});

describe('errors: every one with file, line and field, all reported at once', () => {
  it.each([
    {
      why: 'a synonym group with one term (schema violation, line of the offending node)',
      file: 'knowledge/synonyms.yaml',
      change: (t: string) => `${t}  - terms: [ひとつだけ]\n`,
      want: /^knowledge\/synonyms\.yaml:\d+ groups\[\d+\]\.terms: expected at least 2 terms$/,
    },
    {
      why: 'YAML syntax error',
      file: 'knowledge/municipalities.yaml',
      change: (t: string) => t.replace('  - id: koganei', '  - id: [koganei'),
      want: /^knowledge\/municipalities\.yaml:\d+: YAML syntax error: /,
    },
    {
      why: 'duplicate document id',
      file: 'knowledge/documents.yaml',
      change: (t: string) => t.replace('id: koganei-dx', 'id: higashikurume-dx'),
      want: /^knowledge\/documents\.yaml:\d+ documents\[1\]\.id: duplicate id "higashikurume-dx"$/,
    },
    {
      why: 'duplicate FAQ id',
      file: 'knowledge/faq.yaml',
      change: (t: string) => t.replace('id: nishitokyo-taisho-kikan', 'id: higashikurume-mezasu-sugata'),
      want: /^knowledge\/faq\.yaml:\d+ faq\[1\]\.id: duplicate id "higashikurume-mezasu-sugata"$/,
    },
    {
      why: 'a document naming a missing seed file',
      file: 'knowledge/documents.yaml',
      change: (t: string) => t.replace('file: hinode-dx-suishin-hoshin.txt', 'file: hinode-missing.txt'),
      want: /^knowledge\/documents\.yaml:\d+ documents\[2\]\.file: file not found: "hinode-missing\.txt" \(file: is relative to SEEDS_DIR, /,
    },
    {
      why: 'a document naming an unknown municipality',
      file: 'knowledge/documents.yaml',
      change: (t: string) => t.replace('municipality: musashino', 'municipality: mitaka'),
      want: /^knowledge\/documents\.yaml:\d+ documents\[3\]\.municipality: /,
    },
    {
      why: 'a municipality id of the wrong shape (ids are data, but of one shape)',
      file: 'knowledge/municipalities.yaml',
      change: (t: string) => t.replace('id: koganei', 'id: Koganei City'),
      want: /^knowledge\/municipalities\.yaml:\d+ municipalities\[1\]\.id: expected a municipality id/,
    },
    {
      why: 'a duplicate municipality id',
      file: 'knowledge/municipalities.yaml',
      change: (t: string) => t.replace('id: koganei', 'id: higashikurume'),
      want: /^knowledge\/municipalities\.yaml:\d+ municipalities\[1\]\.id: duplicate id "higashikurume"$/,
    },
    {
      why: 'two municipalities sharing a name (which one a resident meant would be a coin toss)',
      file: 'knowledge/municipalities.yaml',
      change: (t: string) => t.replace('aliases: [こがねい,', 'aliases: [むさしの, こがねい,'),
      want: /^knowledge\/municipalities\.yaml:\d+ municipalities\[3\]\.aliases\[0\]: name "むさしの" already names municipality "koganei"$/,
    },
    {
      why: 'a FAQ naming an unknown municipality',
      file: 'knowledge/faq.yaml',
      change: (t: string) => t.replace(/municipality: koganei/, 'municipality: mitaka'),
      want: /^knowledge\/faq\.yaml:\d+ faq\[\d+\]\.municipality: unknown municipality "mitaka"$/,
    },
    {
      why: 'a route table for an unknown municipality',
      file: 'knowledge/routes.yaml',
      change: (t: string) => t.replace(/^(\s+)koganei:/m, '$1mitaka:'),
      want: /^knowledge\/routes\.yaml:\d+ municipalities\.mitaka: unknown municipality "mitaka"$/,
    },
    {
      why: 'a FAQ source naming an unknown document',
      file: 'knowledge/faq.yaml',
      change: (t: string) => t.replace('document: musashino-dx', 'document: musashino-plan'),
      want: /^knowledge\/faq\.yaml:\d+ faq\[5\]\.source\.document: unknown document "musashino-plan"$/,
    },
    {
      why: 'a FAQ source naming a heading the document does not have',
      file: 'knowledge/faq.yaml',
      change: (t: string) => t.replace('section: 対象期間', 'section: 存在しない見出し'),
      want: /^knowledge\/faq\.yaml:\d+ faq\[1\]\.source\.section: no section "存在しない見出し" in document "nishitokyo-johoka"$/,
    },
    {
      why: 'a route table with an unknown channel',
      file: 'knowledge/routes.yaml',
      change: (t: string) => t.replace(/^(\s+)counter:/m, '$1fax:'),
      want: /^knowledge\/routes\.yaml:\d+ /,
    },
    {
      why: 'a route source naming an unknown document',
      file: 'knowledge/routes.yaml',
      change: (t: string) => t.replace('document: koganei-dx', 'document: koganei-plan'),
      want: /^knowledge\/routes\.yaml:\d+ municipalities\.koganei\.[a-z-]+\.source\.document: unknown document "koganei-plan"$/,
    },
    {
      why: 'a route source naming a heading the document does not have',
      file: 'knowledge/routes.yaml',
      change: (t: string) => t.replace('section: 重点取組の取組結果 (一覧)', 'section: 存在しない見出し'),
      want: /^knowledge\/routes\.yaml:\d+ municipalities\.nishitokyo\.[a-z-]+\.source\.section: no section "存在しない見出し" in document "nishitokyo-johoka"$/,
    },
    {
      why: 'a regression question line that is not JSON',
      file: 'knowledge/questions/regression.jsonl',
      change: (t: string) => `${t}{"id": "broken"\n`,
      want: /^knowledge\/questions\/regression\.jsonl:\d+: JSON syntax error: /,
    },
    {
      why: 'a regression question with an unknown kind',
      file: 'knowledge/questions/regression.jsonl',
      change: (t: string) => t.replace('"kind": "fallback"}', '"kind": "maybe"}'),
      want: /^knowledge\/questions\/regression\.jsonl:26 kind: /,
    },
  ])('$why', async ({ file, change, want }) => {
    await edit(file, change);
    const errors = await errorsOf();
    expect(
      errors.some((e) => want.test(e)),
      errors.join('\n'),
    ).toBe(true);
  });

  it('points the schema error at the right line', async () => {
    await edit('knowledge/synonyms.yaml', (t) => `${t}  - terms: [ひとつだけ]\n`);
    const text = await readFile(path.join(root, 'knowledge/synonyms.yaml'), 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('ひとつだけ')) + 1;
    const result = await loadKnowledge({ root });
    expect(result.ok ? [] : result.errors).toContainEqual(
      expect.objectContaining({
        file: 'knowledge/synonyms.yaml',
        line,
        field: expect.stringMatching(/^groups\[\d+\]\.terms$/),
      }),
    );
  });

  it('a non-UTF-8 seed', async () => {
    await writeFile(
      path.join(root, 'seeds/musashino-jichitai-dx-zentai-hoshin.txt'),
      Buffer.from([0x93, 0xfa, 0x96, 0x7b, 0x0a]),
    );
    expect(await errorsOf()).toContain(
      'seeds/musashino-jichitai-dx-zentai-hoshin.txt: not valid UTF-8 (referenced by knowledge/documents.yaml documents[3])',
    );
  });

  it('a missing routes.yaml', async () => {
    await rm(path.join(root, 'knowledge/routes.yaml'));
    expect(await errorsOf()).toContain('knowledge/routes.yaml: file not found');
  });

  it('reports several problems in one run', async () => {
    await edit('knowledge/synonyms.yaml', (t) => `${t}  - terms: [ひとつだけ]\n`);
    await edit('knowledge/documents.yaml', (t) => t.replace('hinode-dx-suishin-hoshin.txt', 'nope.txt'));
    await edit('knowledge/faq.yaml', (t) => t.replace('document: musashino-dx', 'document: nope'));
    const errors = await errorsOf();
    expect(errors.length).toBeGreaterThanOrEqual(3);
  });
});

describe('municipalities are data', () => {
  it('a sixth municipality with its own document loads beside the bundled five', async () => {
    await edit(
      'knowledge/municipalities.yaml',
      (t) => `${t}  - id: mitaka\n    name: 三鷹市\n    shortName: 三鷹\n    aliases: [みたか, Mitaka]\n`,
    );
    await writeFile(path.join(root, 'seeds/mitaka.txt'), '三鷹市DX推進方針\n\n1 基本方針\n\n三鷹市はDXを進めます。\n');
    await edit(
      'knowledge/documents.yaml',
      (t) =>
        `${t}  - id: mitaka-dx\n    municipality: mitaka\n    title: 三鷹市DX推進方針\n    issued: 令和7年4月\n    publisher: 三鷹市\n    file: mitaka.txt\n`,
    );
    const result = await loadKnowledge({ root });
    expect(result.ok ? [] : result.errors.map(formatKnowledgeError)).toEqual([]);
    if (!result.ok) return;
    expect(result.snapshot.municipalities.map((m) => m.id)).toContain('mitaka');
    expect(result.snapshot.passages.some((p) => p.municipality === 'mitaka')).toBe(true);
  });

  it('no municipality is required by code: a knowledge folder of one other municipality loads', async () => {
    await writeFile(
      path.join(root, 'knowledge/municipalities.yaml'),
      'municipalities:\n  - id: mitaka\n    name: 三鷹市\n    shortName: 三鷹\n',
    );
    await writeFile(path.join(root, 'seeds/mitaka.txt'), '三鷹市DX推進方針\n\n1 基本方針\n\n三鷹市はDXを進めます。\n');
    await writeFile(
      path.join(root, 'knowledge/documents.yaml'),
      'documents:\n  - id: mitaka-dx\n    municipality: mitaka\n    title: 三鷹市DX推進方針\n    issued: 令和7年\n    publisher: 三鷹市\n    file: mitaka.txt\n',
    );
    const errors = await errorsOf();
    // what fails is what refers to the five (FAQ, routes, questions), each named — never a missing built-in id
    expect(errors.some((e) => e.includes('missing municipality'))).toBe(false);
    expect(
      errors.some((e) => /^knowledge\/routes\.yaml:\d+ municipalities\.koganei: unknown municipality/.test(e)),
    ).toBe(true);
  });
});

describe('a document file stays inside SEEDS_DIR (its text is shown to residents)', () => {
  const pointTo = (file: string) =>
    edit('knowledge/documents.yaml', (t) => t.replace('file: hinode-dx-suishin-hoshin.txt', `file: ${file}`));
  const fileError = (errors: string[]) =>
    errors.find((e) => /^knowledge\/documents\.yaml:\d+ documents\[2\]\.file: /.test(e));

  it.each([
    { file: '../.env', says: /must not name a dot-file, a dot-folder or "\.\."/, why: 'climbing out with ..' },
    { file: '.env', says: /must not name a dot-file/, why: 'a dot-file inside SEEDS_DIR' },
    { file: 'sub/.git/config', says: /must not name a dot-file/, why: 'a dot-folder on the way' },
    { file: '/etc/hostname', says: /not an absolute path/, why: 'an absolute path' },
    {
      file: 'seeds/hinode-dx-suishin-hoshin.txt',
      says: /file not found: .*write "hinode-dx-suishin-hoshin\.txt"/,
      why: 'the old root-relative form gets a hint',
    },
  ])('$file is refused with file and line ($why)', async ({ file, says }) => {
    await pointTo(file);
    expect(fileError(await errorsOf())).toMatch(says);
  });

  it.each([
    { target: '/etc/hostname', says: /resolves outside SEEDS_DIR/, why: 'a link to a system file' },
    {
      target: '../knowledge/faq.yaml',
      says: /resolves outside SEEDS_DIR/,
      why: 'a link to another folder of the project',
    },
    { target: '../.git-like/config', says: /resolves outside SEEDS_DIR/, why: 'a link to a dot-folder of the project' },
  ])('a symbolic link in seeds/ to $target is refused ($why)', async ({ target, says }) => {
    await mkdir(path.join(root, '.git-like'), { recursive: true });
    await writeFile(path.join(root, '.git-like/config'), '[core]\n');
    await symlink(target, path.join(root, 'seeds/link.txt'));
    await pointTo('link.txt');
    expect(fileError(await errorsOf())).toMatch(says);
  });

  it('a symbolic link that stays inside SEEDS_DIR is followed', async () => {
    await symlink('hinode-dx-suishin-hoshin.txt', path.join(root, 'seeds/hinode-latest.txt'));
    await pointTo('hinode-latest.txt');
    expect((await loadKnowledge({ root })).ok).toBe(true);
  });

  it('absolute KNOWLEDGE_DIR and SEEDS_DIR outside the root work, and errors name the files absolutely', async () => {
    const elsewhere = await mkdtemp(path.join(tmpdir(), 'madoguchi-elsewhere-'));
    try {
      await rename(path.join(root, 'knowledge'), path.join(elsewhere, 'k'));
      await rename(path.join(root, 'seeds'), path.join(elsewhere, 's'));
      const opts = { root, knowledgeDir: path.join(elsewhere, 'k'), seedsDir: path.join(elsewhere, 's') };
      const ok = await loadKnowledge(opts);
      expect(ok.ok ? ok.snapshot.documents.length : ok.errors.map(formatKnowledgeError)).toBe(5);
      await rm(path.join(elsewhere, 'k/routes.yaml'));
      const bad = await loadKnowledge(opts);
      expect(bad.ok ? [] : bad.errors.map(formatKnowledgeError)).toContain(
        `${path.join(elsewhere, 'k/routes.yaml')}: file not found`,
      );
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });

  it('a YAML alias bomb is an error of its file, not a crash', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [i, name] of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].entries()) {
      const prev = String.fromCharCode(97 + i);
      bomb.push(`${name}: &${name} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`);
    }
    await writeFile(path.join(root, 'knowledge/synonyms.yaml'), `${bomb.join('\n')}\ngroups: []\n`);
    expect(await errorsOf()).toContainEqual(expect.stringMatching(/^knowledge\/synonyms\.yaml: YAML error: .*alias/i));
  });
});

describe('formatKnowledgeError', () => {
  it.each<{ e: KnowledgeError; want: string; why: string }>([
    {
      e: { file: 'knowledge/synonyms.yaml', line: 12, field: 'groups[3].terms', message: 'expected at least 2 terms' },
      want: 'knowledge/synonyms.yaml:12 groups[3].terms: expected at least 2 terms',
      why: 'file:line field: message',
    },
    {
      e: { file: 'knowledge/routes.yaml', message: 'file not found' },
      want: 'knowledge/routes.yaml: file not found',
      why: 'no line, no field',
    },
  ])('$why', ({ e, want }) => {
    expect(formatKnowledgeError(e)).toBe(want);
  });
});

describe('knowledge:check', () => {
  const run = async (argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runKnowledgeCli(['check', ...argv], {
      out: (s) => out.push(s),
      err: (s) => err.push(s),
      env: {},
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('exits 0 on the bundled corpus and prints per-municipality counts', async () => {
    const { code, out, err } = await run(['--root', ROOT]);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toMatch(/municipality\s+documents\s+sections\s+passages\s+table rows\s+glossary\s+empty defs/);
    for (const id of ['higashikurume', 'koganei', 'hinode', 'musashino', 'nishitokyo']) expect(out).toContain(id);
    expect(out).toMatch(/nishitokyo\s+1\s+\d+\s+\d+\s+\d+\s+41\s+2/);
    expect(out).toContain('empty definition: ナレッジデータベース');
  });

  it('exits 1 and prints every error on its own line, no stack trace', async () => {
    await edit('knowledge/synonyms.yaml', (t) => `${t}  - terms: [ひとつだけ]\n`);
    await rm(path.join(root, 'knowledge/routes.yaml'));
    const { code, err } = await run(['--root', root]);
    expect(code).toBe(1);
    const lines = err.split('\n');
    expect(lines).toContain('knowledge/routes.yaml: file not found');
    expect(
      lines.some((l) => /^knowledge\/synonyms\.yaml:\d+ groups\[\d+\]\.terms: expected at least 2 terms$/.test(l)),
    ).toBe(true);
    expect(err).not.toMatch(/\n\s+at /);
  });
});
