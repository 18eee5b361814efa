// Starts the console router in a real express app on port 0, over a COPY of knowledge/ and seeds/ in a
// temp dir (reload tests edit that copy, never the real files).
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { createAnswerInsights, createConsoleRouter } from '../../src/console/index.js';
import {
  createKnowledgeStore,
  type KnowledgeSnapshot,
  type KnowledgeStore,
  loadKnowledge,
} from '../../src/knowledge/index.js';
import { buildReply, decodePostback, replyToPostback, withoutMunicipalityNames } from '../../src/line/index.js';
import { createRuntimeBuilder, type Runtime } from '../../src/runtime.js';
import { createMemoryStore, type StateStore } from '../../src/state/index.js';

const ROOT = resolve(import.meta.dirname, '../..');

export const silentLogger = { info() {}, warn() {}, error() {} };

// A question set of our own, so regression runs do not depend on the shipped sets' contents.
export const TEST_QUESTIONS = [
  { id: 't-1', cat: 'definition', q: '書かない窓口とは', kind: 'answer' },
  { id: 't-2', cat: 'definition', q: 'SaaSとは', kind: 'answer', any: ['Software'] },
  { id: 't-3', cat: 'never', q: 'DXとは', kind: 'answer', all: ['この文字列はどの回答にも含まれない'] },
];

export async function copyKnowledge(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'madoguchi-console-'));
  await cp(join(ROOT, 'knowledge'), join(root, 'knowledge'), { recursive: true });
  await cp(join(ROOT, 'seeds'), join(root, 'seeds'), { recursive: true });
  await mkdir(join(root, 'knowledge/questions'), { recursive: true });
  await writeFile(
    join(root, 'knowledge/questions/console-test.jsonl'),
    `${TEST_QUESTIONS.map((q) => JSON.stringify(q)).join('\n')}\n`,
  );
  return root;
}

export type { Runtime };
export type BuildRuntime = (snapshot: KnowledgeSnapshot) => Promise<Runtime>;

// The real analyzer, index and engine, with no disk cache (a cache written by older code could hide a
// change). One dictionary per test file; harnesses in a file over the same knowledge (same hash) share
// the built runtime, and a changed file builds afresh.
const builder = createRuntimeBuilder({ cacheDir: null });
const built = new Map<string, Promise<Runtime>>();
/** Always builds (the reload race test wants real builds). */
export const buildRuntime: BuildRuntime = (snapshot) => builder(snapshot);
export const buildSharedRuntime: BuildRuntime = (snapshot) => {
  let runtime = built.get(snapshot.hash);
  if (!runtime) {
    runtime = builder(snapshot);
    built.set(snapshot.hash, runtime);
    runtime.catch(() => built.delete(snapshot.hash));
  }
  return runtime;
};

export interface Harness {
  url: string;
  root: string;
  store: KnowledgeStore<Runtime>;
  state: StateStore;
  reloads: boolean[];
  edit(file: string, change: (text: string) => string): Promise<void>;
  close(): Promise<void>;
}

export function nonLoopbackAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
}

export async function startHarness(
  options: {
    token?: string;
    host?: string;
    build?: BuildRuntime;
    root?: string;
    state?: StateStore; // shared by two harnesses: two processes on one Redis
    trustProxy?: string | number; // express's trust proxy, as TRUST_PROXY sets it
    allowedHosts?: string[];
    loginLimits?: { perClient: number; global: number; windowSeconds: number };
  } = {},
): Promise<Harness> {
  const root = options.root ?? (await copyKnowledge());
  const store = await createKnowledgeStore<Runtime>({
    load: () => loadKnowledge({ root }),
    build: options.build ?? buildSharedRuntime,
    logger: silentLogger,
  });
  const state = options.state ?? createMemoryStore();
  const reloads: boolean[] = [];
  const app = express();
  if (options.trustProxy !== undefined) app.set('trust proxy', options.trustProxy);
  app.use(
    createConsoleRouter({
      store,
      state,
      logger: silentLogger,
      consoleToken: options.token,
      ...(options.trustProxy !== undefined ? { trustProxy: true } : {}),
      ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
      ...(options.loginLimits ? { loginLimits: options.loginLimits } : {}),
      getEngine: () => store.current().value.engine,
      renderReply: (answer, { question }) =>
        buildReply(answer, { question, municipalities: store.current().snapshot.municipalities }),
      hooks: { onReload: (ok) => reloads.push(ok) },
      // as main.ts wires them: answers counted and logged, postbacks run as on LINE
      insights: createAnswerInsights({ state, minConfidence: 0.65 }),
      runPostback: async (data, ctx) => {
        const p = decodePostback(data);
        if (!p) return null;
        const list = store.current().snapshot.municipalities;
        const reply = await replyToPostback(p, {
          municipalities: list,
          ask: ctx.ask,
          withoutMunicipalityNames: (q) => withoutMunicipalityNames(q, list),
        });
        return { messages: reply.messages, ...(reply.remember ? { municipality: reply.remember } : {}) };
      },
    }),
  );
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    res.status(500).json({ error: String(err) });
  });
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<import('node:http').Server>((ok) => {
    const s = app.listen(0, host, () => ok(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    root,
    store,
    state,
    reloads,
    async edit(file, change) {
      const path = join(root, file);
      await writeFile(path, change(await readFile(path, 'utf8')));
    },
    async close() {
      server.closeAllConnections();
      await new Promise((ok) => server.close(ok));
      await store.close();
      if (!options.state) await state.close();
      if (!options.root) await rm(root, { recursive: true, force: true });
    },
  };
}
