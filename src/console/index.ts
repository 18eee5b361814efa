// Staff console and knowledge administration: a page at /console to try questions as a resident and
// see why the engine answered so, regression runs over the question sets, the unanswered log, the
// knowledge status, and POST /admin/reload. Access: CONSOLE_TOKEN (login cookie or Bearer) or loopback.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import cookieParser from 'cookie-parser';
import express, { type Request, type Response, type Router } from 'express';
import helmet from 'helmet';
import { z } from 'zod';
import { type Answer, type AnswerService, type Conversation, createConversation } from '../answer/index.js';
import {
  type Municipality,
  type MunicipalityId,
  type QuestionSet,
  type ReloadOutcome,
  type StoreLogger,
  schemas,
} from '../knowledge/index.js';
import type { StateStore } from '../state/index.js';
import {
  CSRF_COOKIE,
  createAccess,
  requireAllowedHost,
  requireCsrf,
  requireStaff,
  SESSION_COOKIE,
  SESSION_MS,
  type Staff,
} from './access.js';
import type { AnswerInsights } from './insights.js';
import { consolePage, loginPage } from './page.js';
import { renderPreview } from './preview.js';
import { runRegression } from './regression.js';
import { createUnansweredRoutes } from './unanswered-routes.js';

export { type AnalyticsSummary, summarize } from './analytics.js';
export { type AnswerChannel, type AnswerInsights, createAnswerInsights } from './insights.js';
export { renderPreview } from './preview.js';
export { judgeAnswer, type RegressionReport, type RegressionRow, runRegression } from './regression.js';
export { faqDraft, unansweredCsv } from './unanswered-routes.js';

// What the console reads of the knowledge serving now (the knowledge store, or the server's serving store
// whose snapshot stays in the answer worker but for these parts) and how it asks for a reload.
export interface ConsoleStore {
  current(): { version: number; snapshot: { municipalities: Municipality[]; questionSets: QuestionSet[] } };
  status(): object; // shown as JSON (version, files, counts per municipality, the last reload …)
  reload(reason: string): Promise<ReloadOutcome>;
}

export interface ConsoleOptions {
  store: ConsoleStore;
  state: StateStore;
  logger: StoreLogger;
  consoleToken?: string;
  // a reverse proxy is in front (TRUST_PROXY): loopback alone never lets anyone in
  trustProxy?: boolean;
  // Host names the console answers to (ALLOWED_HOSTS); default the loopback names
  allowedHosts?: string[];
  // failed token attempts allowed per client address and in all, per window
  loginLimits?: { perClient: number; global: number; windowSeconds: number };
  getEngine: () => AnswerService;
  // the LINE room's builder (buildReply), so the preview is exactly what a resident gets
  renderReply?: (answer: Answer, ctx: { question: string }) => unknown[];
  // the LINE room's postback handling, so a button clicked in the preview runs as on LINE
  runPostback?: (data: string, ctx: PostbackContext) => Promise<PostbackOutcome | null>;
  // counts answers and keeps the unanswered log (the console's own questions too)
  insights?: AnswerInsights;
  // the unanswered log's retention purge, run before it is listed
  purgeExpired?: () => Promise<unknown>;
  now?: () => number;
  hooks?: { onReload?(ok: boolean): void };
  // The preview's conversations (an ask with a "session" is a turn of it); default: kept in `state`.
  conversation?: Conversation;
}

export interface PostbackContext {
  ask(question: string, municipality: MunicipalityId | null, strict: boolean): Promise<Answer>;
}
export interface PostbackOutcome {
  messages: unknown[];
  municipality?: MunicipalityId; // the resident chose this municipality
}

// LINE lets a resident send 5,000 characters; the preview takes as much.
export const MAX_PREVIEW_QUESTION = 5000;
const SESSION = z
  .string()
  .regex(/^[\w-]{1,100}$/)
  .optional();
const AskBodySchema = z.object({
  question: z.string().trim().min(1).max(MAX_PREVIEW_QUESTION),
  municipality: schemas.MunicipalityIdSchema.nullable().optional(), // known ones: checked against the snapshot
  session: SESSION,
});
const PostbackBodySchema = z.object({
  data: z.string().min(1).max(1000),
  municipality: schemas.MunicipalityIdSchema.nullable().optional(),
  session: SESSION,
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
  const { store, state, logger, getEngine, hooks, insights } = options;
  const now = options.now ?? Date.now;
  const renderReply = options.renderReply ?? renderPreview;
  const conversation =
    options.conversation ??
    createConversation({
      sessions: state,
      ttlSeconds: 1800,
      onStoreError: (err) => logger.warn({ err }, 'console: conversation context unavailable'),
    });
  // Sessions live in the state store (Redis when configured: every process knows them, logout is global).
  const access = createAccess({
    token: options.consoleToken || undefined,
    sessions: {
      getStaffSession: (key) => state.getSession(`console-staff:${key}`),
      putStaffSession: (key, value, ttl) => state.setSession(`console-staff:${key}`, value, ttl),
      deleteStaffSession: (key) => state.clearSession(`console-staff:${key}`),
    },
    ...(options.trustProxy ? { trustProxy: true } : {}),
    ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
    ...(options.loginLimits ? { limits: options.loginLimits } : {}),
  });
  const assets = readAssets();
  const router = express.Router();
  const json = express.json({ limit: '64kb' });
  const form = express.urlencoded({ extended: false, limit: '4kb' });
  const staffOnly = requireStaff(access);
  const csrf = requireCsrf(access);

  // Any other Host (DNS rebinding, a name the proxy should not pass) gets 421 before anything else.
  router.use(['/console', '/admin'], requireAllowedHost(access));

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

  router.post('/console/login', form, async (req, res) => {
    if (!access.token) {
      res.redirect(303, '/console');
      return;
    }
    const body = LoginBodySchema.safeParse(req.body);
    const outcome =
      access.isSameOrigin(req) && body.success ? await access.login(req, body.data.token) : await access.login(req, '');
    if ('refused' in outcome) {
      logger.warn({ ip: req.ip, limited: outcome.refused === 'limited' }, 'console: failed login');
      if (outcome.refused === 'limited') {
        res.setHeader('retry-after', String(await access.retryAfter(req)));
        res
          .status(429)
          .type('html')
          .send(loginPage('ログインの試行が多すぎます。しばらくしてからお試しください / too many attempts'));
        return;
      }
      res.status(401).type('html').send(loginPage('トークンが正しくありません / wrong token'));
      return;
    }
    res.cookie(SESSION_COOKIE, outcome.cookie, {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure, // behind https with TRUST_PROXY, X-Forwarded-Proto makes this true
      path: '/',
      maxAge: SESSION_MS,
    });
    res.redirect(303, '/console');
  });

  router.use(['/console', '/admin'], staffOnly);

  // the session is deleted server-side: the cookie is worthless afterwards, even if kept
  router.post('/console/logout', csrf, async (req, res) => {
    await access.logout(req);
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

  const municipalityIds = () => store.current().snapshot.municipalities.map((m) => m.id as string);
  const knownMunicipality = (m: string | null | undefined): MunicipalityId | null =>
    m && municipalityIds().includes(m) ? (m as MunicipalityId) : null;

  // One turn as the engine sees it: the preview's conversation travels as `session` (as on LINE, where
  // the user id keys it); the answer is counted and, when unanswered, logged like any resident's.
  async function askEngine(
    question: string,
    municipality: MunicipalityId | null,
    session: string | undefined,
    strict = false,
  ): Promise<Answer> {
    const answer = await conversation.ask(getEngine(), question, {
      municipality,
      debug: true,
      strict,
      session: session ? `console:${session}` : null,
    });
    insights?.observe(question, answer, 'console').catch((err) => logger.warn({ err }, 'console: insights failed'));
    return answer;
  }

  const render = (answer: Answer, question: string): unknown[] => {
    try {
      return renderReply(answer, { question });
    } catch (error) {
      logger.warn({ err: error }, 'console: the LINE preview failed; showing the plain rendering');
      return renderPreview(answer);
    }
  };

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
    const answer = await askEngine(body.data.question, knownMunicipality(chosen), body.data.session);
    const ms = Math.round((performance.now() - started) * 10) / 10;
    res.json({ answer, messages: render(answer, body.data.question), ms, version });
  });

  router.post('/console/api/postback', csrf, json, async (req, res) => {
    const body = PostbackBodySchema.safeParse(req.body);
    if (!body.success || !options.runPostback) {
      res.status(400).json({ error: `console: ${body.error?.issues[0]?.message ?? 'postbacks are not wired in'}` });
      return;
    }
    const { version } = store.current();
    const started = performance.now();
    let last: Answer | null = null;
    const outcome = await options.runPostback(body.data.data, {
      ask: async (question, municipality, strict) => {
        last = await askEngine(question, municipality, body.data.session, strict);
        return last;
      },
    });
    if (!outcome) {
      res.status(400).json({ error: 'console: postback data not understood' });
      return;
    }
    const ms = Math.round((performance.now() - started) * 10) / 10;
    res.json({ ...outcome, answer: last, ms, version });
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

  router.use(
    createUnansweredRoutes({
      state,
      csrf,
      now,
      municipalities: () => store.current().snapshot.municipalities.map((m) => ({ id: m.id, name: m.name })),
      ...(options.purgeExpired ? { beforeList: options.purgeExpired } : {}),
    }),
  );

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
