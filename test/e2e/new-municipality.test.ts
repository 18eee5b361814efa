// An admin adds a sixth municipality with files alone, on a running server: its policy is a PDF printed
// by headless Chromium, imported with `knowledge:import` (a real process), the server is reloaded over
// /admin/reload, and residents ask a definition, a figure and a procedure over POST /api/answer and over
// the LINE webhook (a real HTTP stand-in for LINE). Each answer comes from the new document, cited.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/main.js';
import { PROJECT_ROOT } from '../helpers/engine.js';
import { signLineBody } from '../helpers/line-signature.js';
import { type LineStandIn, startLineStandIn } from '../helpers/line-stand-in.js';
import { launchPdfPrinter, policyHtml, printPdf } from '../helpers/pdf.js';

const run = promisify(execFile);
const SECRET = 'new-municipality-channel-secret';
const ACCESS_TOKEN = 'new-municipality-access-token';
const CONSOLE_TOKEN = 'new-municipality-console-token-0123456789';
const USER = 'U00000000000000000000000000mitaka';
const TITLE = '三鷹市DX推進方針';

type Server = Awaited<ReturnType<typeof startServer>>;
interface ApiAnswer {
  kind: string;
  text: string;
  municipality: string | null;
  sources: { municipality: string; document: string; section: string; excerpt: string }[];
  route: { channels: string[] } | null;
}

// What residents ask, and what only the new document can answer.
const QUESTIONS = [
  {
    what: 'a definition from its glossary table',
    q: 'スマート窓口とは',
    kind: 'answer',
    says: '申請書を書かずに、職員の聞き取りで手続きが完了する窓口',
    section: /用語集/,
  },
  {
    what: 'a figure from its KPI table',
    q: '電子申請の利用率の目標は',
    kind: 'answer',
    says: '60%',
    section: /成果指標/,
  },
  {
    what: 'a procedure routed to the channel its document names',
    q: '住民票をコンビニで取れますか',
    kind: 'route',
    says: 'コンビニ',
    section: /窓口のデジタル化/,
  },
] as const;

describe('a sixth municipality added by an admin, answered without a restart', () => {
  let dir: string;
  let knowledgeDir: string;
  let seedsDir: string;
  let line: LineStandIn;
  let server: Server;

  const api = async (question: string, municipality?: string) => {
    const res = await fetch(`${server.url}/api/answer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question, ...(municipality ? { municipality } : {}) }),
    });
    return { status: res.status, body: (await res.json()) as ApiAnswer & { error?: string } };
  };

  let seq = 0;
  const webhook = async (text: string) => {
    seq++;
    const before = line.requestsTo('/v2/bot/message/reply').length;
    const body = JSON.stringify({
      destination: 'Ubot',
      events: [
        {
          type: 'message',
          mode: 'active',
          timestamp: Date.now(),
          source: { type: 'user', userId: USER },
          webhookEventId: `01MITAKA${Date.now()}${seq}`,
          deliveryContext: { isRedelivery: false },
          replyToken: `mitaka-reply-${seq}`,
          message: { id: `9${Date.now()}${seq}`, type: 'text', quoteToken: `q${seq}`, text },
        },
      ],
    });
    const res = await fetch(`${server.url}/webhook/line`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, SECRET) },
      body,
    });
    expect(res.status).toBe(200);
    const [reply] = (await line.waitForCount('/v2/bot/message/reply', before + 1, 20_000)).slice(before);
    return JSON.stringify((reply!.body as { messages: unknown[] }).messages);
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'madoguchi-sixth-'));
    knowledgeDir = path.join(dir, 'knowledge');
    seedsDir = path.join(dir, 'seeds');
    await cp(path.join(PROJECT_ROOT, 'knowledge'), knowledgeDir, { recursive: true });
    await cp(path.join(PROJECT_ROOT, 'seeds'), seedsDir, { recursive: true });
    line = await startLineStandIn({ channelAccessToken: ACCESS_TOKEN });
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      KNOWLEDGE_DIR: knowledgeDir, // absolute, outside the project
      SEEDS_DIR: seedsDir,
      CONSOLE_TOKEN,
      LINE_CHANNEL_SECRET: SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: ACCESS_TOKEN,
      LINE_API_BASE_URL: line.url,
    });
    server = await startServer(config, pino({ level: 'silent' }));
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    await line?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is unknown before, and answerable after files, an import and a reload', async () => {
    const before = await api('スマート窓口とは', 'mitaka');
    expect(before.status).toBe(400);
    expect(before.body.error ?? JSON.stringify(before.body)).toMatch(/unknown/);

    // 1. the municipality: one entry in municipalities.yaml
    const mFile = path.join(knowledgeDir, 'municipalities.yaml');
    await writeFile(
      mFile,
      `${await readFile(mFile, 'utf8')}  - id: mitaka\n    name: 三鷹市\n    shortName: 三鷹\n    aliases: [みたか, ミタカ, Mitaka]\n`,
    );
    // 2. its front-yard channels, citing its own document (routes.yaml, edited keeping its comments)
    const rFile = path.join(knowledgeDir, 'routes.yaml');
    const routes = parseDocument(await readFile(rFile, 'utf8'));
    const source = { document: 'mitaka-dx', section: '4. 窓口のデジタル化' };
    routes.setIn(['municipalities', 'mitaka'], {
      'convenience-store': {
        status: 'available',
        note: '住民票の写しはコンビニエンスストアで取得できます。',
        procedures: ['住民票'],
        source: { ...source, excerpt: '住民票の写しはコンビニエンスストアで取得できます。' },
      },
      kakanai: { status: 'available', note: 'スマート窓口（書かない窓口）で転入届を受け付けます。', source },
      counter: { status: 'available' },
    });
    await writeFile(rFile, routes.toString({ lineWidth: 0 }));

    // 3. its policy: a PDF, imported as an admin would (a real process, the same environment variables)
    const browser = await launchPdfPrinter();
    const pdf = path.join(dir, 'mitaka.pdf');
    try {
      await printPdf(
        browser,
        policyHtml({
          title: TITLE,
          issued: '令和7年4月',
          publisher: '三鷹市企画部デジタル推進課',
          glossary: [
            ['スマート窓口', '申請書を書かずに、職員の聞き取りで手続きが完了する窓口。'],
            ['電子申請', 'インターネットから行政手続きを申し込むこと。'],
          ],
          kpis: [
            ['電子申請の利用率', '25%', '60%'],
            ['窓口の平均待ち時間', '30分', '10分'],
          ],
        }),
        pdf,
      );
    } finally {
      await browser.close();
    }
    const imported = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/knowledge-cli.ts',
        'import',
        pdf,
        '--municipality',
        'mitaka',
        '--document',
        'mitaka-dx',
        '--title',
        TITLE,
      ],
      { cwd: PROJECT_ROOT, env: { ...process.env, KNOWLEDGE_DIR: knowledgeDir, SEEDS_DIR: seedsDir } },
    );
    expect(imported.stdout).toMatch(/2 table rows, 2 glossary entries/);
    expect(imported.stdout).toContain('knowledge: OK');

    // 4. reload the running server
    const reload = await fetch(`${server.url}/admin/reload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${CONSOLE_TOKEN}` },
    });
    expect(reload.status).toBe(200);
    expect(server.store.current().snapshot.municipalities.map((m) => m.id)).toContain('mitaka');
  }, 120_000);

  it.each(QUESTIONS)('POST /api/answer: $what', async ({ q, kind, says, section }) => {
    for (const { question, municipality } of [
      { question: q, municipality: 'mitaka' }, // chosen by id
      { question: `三鷹市の${q}`, municipality: undefined }, // named in the question
      { question: q, municipality: 'Mitaka' }, // chosen by a romaji alias
    ]) {
      const { status, body } = await api(question, municipality);
      expect(status, question).toBe(200);
      expect(body.kind, question).toBe(kind);
      expect(body.municipality).toBe('mitaka');
      expect(body.text, question).toContain(says);
      const cited = body.sources.find((s) => s.document === TITLE);
      expect(cited, `${question}: ${JSON.stringify(body.sources)}`).toBeDefined();
      expect(cited?.municipality).toBe('mitaka');
      expect(cited?.section).toMatch(section);
    }
  });

  it('LINE: the name typed alone is the choice, then each question is answered from the new document and cited', async () => {
    expect(await webhook('みたか')).toContain('三鷹市に設定しました');
    for (const { q, says } of QUESTIONS) {
      const reply = await webhook(q);
      expect(reply, q).toContain(says);
      expect(reply, q).toContain(TITLE); // the bubble's footer names the source
    }
  }, 60_000);
});
