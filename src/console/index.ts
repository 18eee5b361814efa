// Staff console and knowledge administration: a page at /console to try questions as a resident and
// see why the engine answered so, regression runs over the question sets, the unanswered log, the
// knowledge status, and POST /admin/reload. Access: CONSOLE_TOKEN (login cookie or Bearer) or loopback.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import cookieParser from 'cookie-parser';
import express, { type Request, type Response, type Router } from 'express';
import helmet from 'helmet';
import { z } from 'zod';
import { type Answer, type AnswerEngine, type Conversation, createConversation } from '../answer/index.js';
import { type KnowledgeStore, type StoreLogger, schemas } from '../knowledge/index.js';
import type { StateStore } from '../state/index.js';
import {
  CSRF_COOKIE,
  createAccess,
  createLoginLimiter,
  requireCsrf,
  requireStaff,
  SESSION_COOKIE,
  type Staff,
} from './access.js';
import { consolePage, loginPage } from './page.js';
import { renderPreview } from './preview.js';
import { runRegression } from './regression.js';

export { renderPreview } from './preview.js';
export { judgeAnswer, type RegressionReport, type RegressionRow, runRegression } from './regression.js';

export interface ConsoleOptions {
  store: KnowledgeStore<unknown>;
  state: StateStore;
  logger: StoreLogger;
  consoleToken?: string;
  getEngine: () => AnswerEngine;
  // the LINE room's builder (buildReply), so the preview is exactly what a resident gets
  renderReply?: (answer: Answer, ctx: { question: string }) => unknown[];
  hooks?: { onReload?(ok: boolean): void };
  // The preview's conversations (an ask with a "session" is a turn of it); default: kept in `state`.
  conversation?: Conversation;
}

const AskBodySchema = z.object({
  question: z.string().trim().min(1).max(500),
  municipality: schemas.MunicipalityIdSchema.nullable().optional(), // known ones: checked against the snapshot
  // The preview's conversation id (a new one starts afresh); absent: the question stands alone.
  session: z.string().trim().min(1).max(100).nullable().optional(),
});
const RegressionBodySchema = z.object({ file: z.string().optional(), cat: z.string().optional() }).default({});
const LoginBodySchema = z.object({ token: z.string().max(1000) });

const ASSETS: Record<string, string> = {
  'console.js': 'text/javascript; charset=utf-8',
  'flex.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
};

function readAssets(): Map<string, string> {
  const dir = new URL('./public/', import.meta.url);
  return new Map(Object.keys(ASSETS).map((name) => [name, readFileSync(new URL(name, dir), 'utf8')]));
}

export function createConsoleRouter(options: ConsoleOptions): Router {
  const { store, state, logger, getEngine, hooks } = options;
  const renderReply = options.renderReply ?? renderPreview;
  const conversation =
    options.conversation ??
    createConversation({
      sessions: state,
      ttlSeconds: 1800,
      onStoreError: (err) => logger.warn({ err }, 'console: conversation context unavailable'),
    });
  const access = createAccess(options.consoleToken || undefined);
  const assets = readAssets();
  const router = express.Router();
  const json = express.json({ limit: '32kb' });
  const form = express.urlencoded({ extended: false, limit: '4kb' });
  const staffOnly = requireStaff(access);
  const csrf = requireCsrf(access);
  const limiter = createLoginLimiter();

  router.use(
    ['/console', '/admin'],
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          baseUri: ["'none'"],
          objectSrc: ["'none'"],
        },
      },
      // 'no-referrer' would make Chromium send `Origin: null` on our own posts; same-origin keeps the
      // Origin check meaningful and still sends nothing to other sites
      referrerPolicy: { policy: 'same-origin' },
    }),
    cookieParser(),
    (_req, res, next) => {
      res.setHeader('cache-control', 'no-store');
      next();
    },
  );

  router.get('/console/assets/:name', (req, res) => {
    const name = String(req.params['name']);
    const type = ASSETS[name];
    const body = assets.get(name);
    if (!type || body === undefined) {
      res.status(404).json({ error: 'console: no such asset' });
      return;
    }
    res.type(type).send(body);
  });

  router.get('/console/login', (_req, res) => {
    if (!access.token) {
      res.redirect(303, '/console');
      return;
    }
    res.type('html').send(loginPage());
  });

  router.post('/console/login', form, (req, res) => {
    if (!access.token) {
      res.redirect(303, '/console');
      return;
    }
    const ip = req.socket.remoteAddress ?? '';
    if (limiter.blocked(ip)) {
      res
        .status(429)
        .type('html')
        .send(loginPage('ログインの試行が多すぎます。しばらくしてからお試しください / too many attempts'));
      return;
    }
    const body = LoginBodySchema.safeParse(req.body);
    if (!access.isSameOrigin(req) || !body.success || !access.checkToken(body.data.token)) {
      limiter.fail(ip);
      logger.warn({ ip }, 'console: failed login');
      res.status(401).type('html').send(loginPage('トークンが正しくありません / wrong token'));
      return;
    }
    limiter.succeed(ip);
    res.cookie(SESSION_COOKIE, access.issueSession(), {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: '/',
      maxAge: 12 * 60 * 60 * 1000,
    });
    res.redirect(303, '/console');
  });

  router.use(['/console', '/admin'], staffOnly);

  router.post('/console/logout', csrf, (_req, res) => {
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.redirect(303, '/console/login');
  });

  const page = (req: Request, res: Response) => {
    const staff = res.locals['staff'] as Staff;
    if (staff.mode === 'loopback' && !staff.csrf) {
      staff.csrf = randomBytes(24).toString('base64url');
      res.cookie(CSRF_COOKIE, staff.csrf, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
    }
    const municipalities = store.current().snapshot.municipalities.map((m) => ({ id: m.id, name: m.name }));
    res.type('html').send(consolePage({ csrf: staff.csrf, mode: staff.mode, municipalities }));
  };
  router.get('/console', page);
  router.get('/console/', page);

  router.post('/console/api/ask', csrf, json, async (req, res) => {
    const body = AskBodySchema.safeParse(req.body);
    if (!body.success) {
      res.status(400).json({ error: `console: ${body.error.issues[0]?.message ?? 'invalid body'}` });
      return;
    }
    const started = performance.now();
    const { version, snapshot } = store.current();
    const chosen = body.data.municipality;
    if (chosen && !snapshot.municipalities.some((m) => m.id === chosen)) {
      res
        .status(400)
        .json({ error: `console: municipality: unknown "${chosen}" (not in knowledge/municipalities.yaml)` });
      return;
    }
    const answer = await conversation.ask(getEngine(), body.data.question, {
      municipality: body.data.municipality ?? null,
      debug: true,
      session: body.data.session ? `console:${body.data.session}` : null,
    });
    const ms = Math.round((performance.now() - started) * 10) / 10;
    let messages: unknown[];
    try {
      messages = renderReply(answer, { question: body.data.question });
    } catch (error) {
      logger.warn({ err: error }, 'console: the LINE preview failed; showing the plain rendering');
      messages = renderPreview(answer);
    }
    res.json({ answer, messages, ms, version });
  });

  router.post('/console/api/regression', csrf, json, async (req, res) => {
    const body = RegressionBodySchema.safeParse(req.body ?? {});
    if (!body.success) {
      res.status(400).json({ error: 'console: invalid body' });
      return;
    }
    const { snapshot, version } = store.current();
    const report = await runRegression(getEngine(), snapshot.questionSets, body.data);
    logger.info({ total: report.total, passed: report.passed, ms: report.ms, version }, 'console: regression run');
    res.json({ version, sets: snapshot.questionSets.map((s) => s.file), ...report });
  });

  router.get('/console/api/unanswered', async (req, res) => {
    const sort = req.query['sort'] === 'recent' ? 'recent' : 'frequent';
    const limit = Math.min(Math.max(Number(req.query['limit']) || 100, 1), 500);
    res.json({ sort, entries: await state.listUnanswered(limit, sort) });
  });

  router.get('/console/api/status', (_req, res) => {
    res.json(store.status());
  });

  router.post('/admin/reload', csrf, async (req, res) => {
    const staff = res.locals['staff'] as Staff;
    const outcome = await store.reload(`admin (${staff.mode} ${req.socket.remoteAddress ?? ''})`.trim());
    hooks?.onReload?.(outcome.ok);
    res.status(outcome.ok ? 200 : 422).json(outcome);
  });

  return router;
}
