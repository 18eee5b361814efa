// knowledge:import on real files: PDFs printed by headless Chromium in the test, the bundled seed texts,
// and bad input that must leave every file as it was.
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { knowledgeStats, loadKnowledge } from '../../src/knowledge/index.js';
import { runKnowledgeCli } from '../../src/knowledge-cli.js';
import { launchPdfPrinter, policyHtml, printPdf } from '../helpers/pdf.js';
import { ROOT } from './corpus.js';

const MITAKA = '  - id: mitaka\n    name: 三鷹市\n    shortName: 三鷹\n    aliases: [みたか, Mitaka]\n';
const GLOSSARY: [string, string][] = [
  ['スマート窓口', '申請書を書かずに、職員の聞き取りで手続きが完了する窓口。'],
  ['電子申請', 'インターネットから行政手続きを申し込むこと。'],
];
const page = (kpi: string, more: Partial<Parameters<typeof policyHtml>[0]> = {}) =>
  policyHtml({
    title: '三鷹市DX推進方針',
    issued: '令和7年4月',
    publisher: '三鷹市企画部デジタル推進課',
    glossary: GLOSSARY,
    kpis: [
      ['電子申請の利用率', '25%', kpi],
      ['窓口の平均待ち時間', '30分', '10分'],
    ],
    ...more,
  });

let browser: Browser;
let files: string; // where the test's own input files live
let root: string;

beforeAll(async () => {
  browser = await launchPdfPrinter();
  files = await mkdtemp(path.join(tmpdir(), 'madoguchi-import-in-'));
  await printPdf(browser, page('60%', { scanOnlyPage: true }), path.join(files, 'mitaka.pdf'));
  await printPdf(browser, page('70%', { extraSection: 'データ利活用' }), path.join(files, 'mitaka-r7.pdf'));
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await rm(files, { recursive: true, force: true });
});

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'madoguchi-import-'));
  await cp(path.join(ROOT, 'knowledge'), path.join(root, 'knowledge'), { recursive: true });
  await cp(path.join(ROOT, 'seeds'), path.join(root, 'seeds'), { recursive: true });
  const m = path.join(root, 'knowledge/municipalities.yaml');
  await writeFile(m, `${await readFile(m, 'utf8')}${MITAKA}`);
  return () => rm(root, { recursive: true, force: true });
});

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runKnowledgeCli(argv, { out: (s) => out.push(s), err: (s) => err.push(s), env, cwd: root });
  return { code, out: out.join('\n'), err: err.join('\n'), errLines: err };
}

const importMitaka = (file: string, ...more: string[]) =>
  cli(['import', file, '--municipality', 'mitaka', '--document', 'mitaka-dx', '--title', '三鷹市DX推進方針', ...more]);

// Every byte under knowledge/ and seeds/: "nothing changed" is checked, not assumed.
async function fingerprint(dir = root): Promise<string> {
  const hash = createHash('sha256');
  for (const sub of ['knowledge', 'seeds']) {
    const names = (await readdir(path.join(dir, sub), { recursive: true })).sort();
    for (const n of names) {
      hash.update(n);
      try {
        hash.update(await readFile(path.join(dir, sub, n)));
      } catch {
        // a folder
      }
    }
  }
  return hash.digest('hex');
}

describe('importing a PDF printed by Chromium', () => {
  it('writes the seed and the documents.yaml entry (comments kept), and reports what it found and could not read', async () => {
    const before = await readFile(path.join(root, 'knowledge/documents.yaml'), 'utf8');
    const { code, out, err } = await importMitaka(path.join(files, 'mitaka.pdf'));
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('added mitaka-dx (三鷹市) from PDF, 2 page(s)');
    expect(out).toMatch(/found: \d+ sections, \d+ passages, 2 table rows, 2 glossary entries, 0 empty definitions/);
    expect(out).toContain('section: 3. 成果指標');
    expect(out).toContain('could not read: page(s) 2: scan only, needs OCR');

    const after = await readFile(path.join(root, 'knowledge/documents.yaml'), 'utf8');
    const comments = (t: string) => t.split('\n').filter((l) => l.trim().startsWith('#'));
    expect(comments(after)).toEqual(comments(before));
    expect(after.startsWith(before.trimEnd())).toBe(true); // the other entries untouched
    expect(after).toMatch(
      /- id: mitaka-dx\n\s+municipality: mitaka\n\s+title: 三鷹市DX推進方針\n\s+issued: 令和7年4月/,
    );

    const loaded = await loadKnowledge({ root });
    expect(loaded.ok).toBe(true);
    if (!loaded.ok) return;
    const term = loaded.snapshot.glossary.find((g) => g.municipality === 'mitaka' && g.term === 'スマート窓口');
    expect(term?.definition).toBe('申請書を書かずに、職員の聞き取りで手続きが完了する窓口。');
    const kpi = loaded.snapshot.passages.find((p) => p.municipality === 'mitaka' && p.kind === 'table-row');
    expect(kpi?.text).toBe('指標: 電子申請の利用率 / 現状値（令和6年度）: 25% / 目標値（令和9年度）: 60%');
  });

  it('a revised PDF replaces the text and reports the sections added and the figures changed', async () => {
    expect((await importMitaka(path.join(files, 'mitaka.pdf'))).code).toBe(0);
    const { code, out } = await importMitaka(path.join(files, 'mitaka-r7.pdf'));
    expect(code).toBe(0);
    expect(out).toContain('updated mitaka-dx');
    expect(out).toContain('section added: 5. データ利活用');
    expect(out).toMatch(/figure changed: 3\. 成果指標 › 指標: 電子申請の利用率: .*60%.* → .*70%/);
    const seed = await readFile(path.join(root, 'seeds/mitaka-dx.txt'), 'utf8');
    expect(seed).toContain('70%');
    expect(seed).not.toContain('60%');
    const yaml = await readFile(path.join(root, 'knowledge/documents.yaml'), 'utf8');
    expect(yaml.match(/id: mitaka-dx/g)).toHaveLength(1);
  });
});

describe('bad input: one clear line, nothing changed', () => {
  const encryptedPdf = () => {
    // a PDF whose standard security handler wants a password (its /U matches no empty password)
    const objs = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
      `<< /Filter /Standard /V 1 /R 2 /O <${'11'.repeat(32)}> /U <${'22'.repeat(32)}> /P -44 >>`,
    ];
    let out = '%PDF-1.4\n';
    const offsets: number[] = [];
    objs.forEach((o, i) => {
      offsets.push(out.length);
      out += `${i + 1} 0 obj\n${o}\nendobj\n`;
    });
    const xref = out.length;
    out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
    out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<${'ab'.repeat(16)}><${'ab'.repeat(16)}>] >>\nstartxref\n${xref}\n%%EOF\n`;
    return out;
  };

  it.each([
    {
      why: 'a .pdf that is not a PDF',
      make: async (f: string) => writeFile(f, '三鷹市のお知らせ（テキスト）'),
      name: 'fake.pdf',
      says: /^knowledge:import: not a PDF \(no %PDF- header\): fake\.pdf$/,
    },
    {
      why: 'an encrypted PDF that needs a password',
      make: async (f: string) => writeFile(f, encryptedPdf()),
      name: 'locked.pdf',
      says: /^knowledge:import: encrypted PDF: it needs a password to open/,
    },
    {
      why: 'a 200 MB file (sparse: no disk is filled)',
      make: async (f: string) => {
        await writeFile(f, '%PDF-1.4\n');
        await truncate(f, 200 * 1024 * 1024);
      },
      name: 'huge.pdf',
      says: /^knowledge:import: file too large: 200 MB \(at most 100 MB\): huge\.pdf$/,
    },
    {
      why: 'a text file that is not UTF-8 (Shift_JIS)',
      make: async (f: string) => writeFile(f, Buffer.from([0x93, 0xfa, 0x96, 0x7b, 0x0a])),
      name: 'sjis.txt',
      says: /^knowledge:import: not UTF-8 text: sjis\.txt/,
    },
    {
      why: 'a PDF with no text layer at all',
      make: async (f: string) =>
        printPdf(browser, '<html><body><div style="width:100mm;height:100mm;background:#888"></div></body></html>', f),
      name: 'scan.pdf',
      says: /^knowledge:import: no page has a text layer \(scan only, needs OCR\): scan\.pdf$/,
    },
  ])('$why', async ({ make, name, says }) => {
    const file = path.join(files, name);
    await make(file);
    const before = await fingerprint();
    const { code, errLines, out } = await importMitaka(file);
    expect(code).toBe(1);
    expect(errLines).toHaveLength(1);
    expect(errLines[0]).toMatch(says);
    expect(out).toBe('');
    expect(await fingerprint()).toBe(before);
  });

  it('an unknown municipality names the known ones', async () => {
    const before = await fingerprint();
    const { code, errLines } = await cli([
      'import',
      path.join(files, 'mitaka.pdf'),
      '--municipality',
      'chofu',
      '--document',
      'chofu-dx',
      '--title',
      '調布市DX推進方針',
    ]);
    expect(code).toBe(1);
    expect(errLines).toEqual([
      expect.stringMatching(/^knowledge:import: --municipality: unknown "chofu"; known: .*mitaka/),
    ]);
    expect(await fingerprint()).toBe(before);
  });

  it('a document that names another municipality far more than its own is refused (unless --force)', async () => {
    const before = await fingerprint();
    const musashino = path.join(root, 'seeds/musashino-jichitai-dx-zentai-hoshin.txt');
    const { code, errLines } = await importMitaka(musashino);
    expect(code).toBe(1);
    expect(errLines).toEqual([
      expect.stringMatching(
        /^knowledge:import: looks like 武蔵野市's document \(武蔵野市 named on \d+ lines, 三鷹市 on 0\)/,
      ),
    ]);
    expect(await fingerprint()).toBe(before);
  });

  it('a revision that drops a section the FAQ cites would break the knowledge: both files are restored', async () => {
    const file = path.join(files, 'musashino-short.txt');
    await writeFile(file, '武蔵野市自治体DXに関する全体方針\n令和8年4月\n\n1 はじめに\n\n武蔵野市はDXを進めます。\n');
    const before = await fingerprint();
    const { code, errLines } = await cli([
      'import',
      file,
      '--municipality',
      'musashino',
      '--document',
      'musashino-dx',
      '--title',
      '武蔵野市自治体DXに関する全体方針',
    ]);
    expect(code).toBe(1);
    expect(errLines).toEqual([
      expect.stringMatching(
        /^knowledge:import: the import would break the knowledge, nothing changed: knowledge\/(faq|routes)\.yaml:\d+ .*no section .* in document "musashino-dx"$/,
      ),
    ]);
    expect(await fingerprint()).toBe(before);
  });

  it('unknown options and a missing required option are refused', async () => {
    expect((await cli(['check', '--rooot', root])).code).toBe(1);
    const r = await cli(['import', path.join(files, 'mitaka.pdf'), '--municipality', 'mitaka', '--title', 'x']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--document/);
  });
});

describe('what could not be read is reported', () => {
  it('mojibake lines (UTF-8 read as Shift_JIS) with the first of them', async () => {
    const file = path.join(files, 'mojibake.txt');
    await writeFile(
      file,
      '三鷹市DX推進方針\n令和7年4月\n\n1. 基本方針\n\n三鷹市はDXを進めます。\n縺薙ｌ縺ｯ譁�蟄怜喧縺代〒縺吶\n',
    );
    const { code, out } = await importMitaka(file);
    expect(code).toBe(0);
    expect(out).toMatch(/could not read: mojibake on 1 line\(s\), first on line 7: 「縺薙ｌ縺ｯ/);
  });
});

describe('the bundled five, imported from their text files', () => {
  it('reproduce the snapshot knowledge:check counts per municipality', async () => {
    const bundled = await loadKnowledge({ root: ROOT });
    if (!bundled.ok) throw new Error('the bundled knowledge must load');
    // a fresh knowledge folder: the same YAML files, no documents, no seeds
    const fresh = await mkdtemp(path.join(tmpdir(), 'madoguchi-five-'));
    try {
      await cp(path.join(ROOT, 'knowledge'), path.join(fresh, 'knowledge'), { recursive: true });
      const docs = path.join(fresh, 'knowledge/documents.yaml');
      const original = await readFile(docs, 'utf8');
      await writeFile(docs, `${original.slice(0, original.indexOf('documents:'))}documents: []\n`);
      for (const d of bundled.snapshot.documents) {
        const m = d.meta;
        const args = ['import', path.join(ROOT, m.file), '--municipality', m.municipality, '--document', m.id];
        args.push('--title', m.title, '--issued', m.issued, '--publisher', m.publisher, '--root', fresh);
        if (m.contact) args.push('--contact', m.contact);
        const r = await runKnowledgeCli(args, { out: () => {}, err: (s) => console.error(s), env: {}, cwd: fresh });
        expect(r, m.id).toBe(0);
      }
      const imported = await loadKnowledge({ root: fresh });
      expect(imported.ok).toBe(true);
      if (!imported.ok) return;
      expect(knowledgeStats(imported.snapshot)).toEqual(knowledgeStats(bundled.snapshot));
      // same texts, same passages: the import changes nothing a resident could see
      expect(imported.snapshot.passages.map((p) => p.text)).toEqual(bundled.snapshot.passages.map((p) => p.text));
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  }, 60_000);
});
