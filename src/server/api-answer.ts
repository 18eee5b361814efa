// POST /api/answer: the HTTP adapter of the answer engine. Body validated with zod; the answer is the
// JSON contract of DESIGN.md. Questions longer than 2,000 characters (after trimming) are rejected
// with 400 rather than truncated, so a caller never gets an answer to a question it did not ask.
// An optional "session" makes requests one conversation (a follow-up is read against the earlier turns).
import express, { type RequestHandler, type Router } from 'express';
import { z } from 'zod';
import type { Answer, AnswerService } from '../answer/index.js';
import { type Conversation, publicAnswer } from '../answer/index.js';
import {
  createMunicipalityDetector,
  type Municipality,
  type MunicipalityDetector,
  type MunicipalityId,
} from '../knowledge/index.js';
import { type ApiGuard, BusyError } from './api-guard.js';
import { HttpError } from './errors.js';
import type { Metrics } from './metrics.js';

export const MAX_QUESTION_CHARS = 2000;

export interface AnswerRuntime {
  engine: AnswerService;
  municipalities: Municipality[];
}

// C0/C1 controls (except tab and newline) become spaces; lone surrogates become U+FFFD.
export function cleanQuestion(text: string): string {
  return text
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, ' ')
    .trim();
}

const AnswerRequestSchema = z.object({
  id: z.union([z.string().max(200), z.number()]).optional(),
  question: z
    .string({ error: 'question: required, a string' })
    .transform(cleanQuestion)
    .pipe(
      z
        .string()
        .min(1, 'question: must not be empty')
        .max(MAX_QUESTION_CHARS, `question: at most ${MAX_QUESTION_CHARS} characters`),
    ),
  municipality: z
    .string({ error: 'municipality: a municipality id or name' })
    .max(100, 'municipality: a municipality id or name')
    .nullable()
    .optional(),
  session: z
    .union([z.string(), z.number()], { error: 'session: a string naming the conversation' })
    .transform(String)
    .pipe(z.string().min(1, 'session: must not be empty').max(200, 'session: at most 200 characters'))
    .nullable()
    .optional(),
});

/** An id or one municipality's name, as the snapshot serving now knows them (a reload may add one). */
export function resolveMunicipality(value: string, municipalities: readonly Municipality[]): MunicipalityId | null {
  return createMunicipalityDetector(municipalities).resolve(value)?.id ?? null;
}

// One detector per snapshot's list (a reload hands out a new list): not rebuilt on every request.
function createResolver(): (value: string, municipalities: readonly Municipality[]) => MunicipalityId | null {
  const detectors = new WeakMap<readonly Municipality[], MunicipalityDetector<Municipality>>();
  return (value, municipalities) => {
    let d = detectors.get(municipalities);
    if (!d) {
      d = createMunicipalityDetector(municipalities);
      detectors.set(municipalities, d);
    }
    return d.resolve(value)?.id ?? null;
  };
}

export function createAnswerRouter(deps: {
  runtime: () => AnswerRuntime | null;
  metrics: Metrics;
  conversation: Conversation;
  // the unanswered log and analytics (console room), told of every answer
  onAnswer?: ((question: string, answer: Answer) => void) | undefined;
  // token, per-client rate and bounded concurrency (fair sharing with the webhook); absent: none
  guard?: ApiGuard;
}): Router {
  const router = express.Router();
  const resolve = createResolver();
  const admit: RequestHandler = deps.guard ? (req, res, next) => deps.guard!.admit(req, res, next) : (_q, _s, n) => n();
  router.post('/api/answer', admit, express.json({ limit: '64kb', strict: true }), async (req, res) => {
    if (!req.is('application/json')) {
      throw new HttpError(400, 'bad_content_type', 'server: send the body as JSON with Content-Type: application/json');
    }
    const parsed = AnswerRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      const message = parsed.error.issues[0]?.message ?? 'invalid body';
      const text = message.includes(':') ? message : `body: ${message}`;
      throw new HttpError(400, 'invalid_request', `server: ${text}`);
    }
    const runtime = deps.runtime();
    if (!runtime) {
      res.set('Retry-After', '2');
      throw new HttpError(503, 'not_ready', 'server: knowledge is still loading');
    }
    const body = parsed.data;
    let municipality: MunicipalityId | null = null;
    if (body.municipality) {
      municipality = resolve(body.municipality, runtime.municipalities);
      if (!municipality) {
        const known = runtime.municipalities.map((m) => `${m.id} (${m.name})`).join(', ');
        throw new HttpError(
          400,
          'unknown_municipality',
          `server: municipality: unknown "${body.municipality.slice(0, 40)}"; one of ${known}`,
        );
      }
    }
    const ask = () =>
      deps.conversation.ask(runtime.engine, body.question, {
        municipality,
        session: body.session ? `api:${body.session}` : null,
      });
    let answered: Awaited<ReturnType<typeof ask>>;
    try {
      answered = deps.guard ? await deps.guard.run(ask) : await ask();
    } catch (err) {
      if (!(err instanceof BusyError)) throw err;
      deps.metrics.recordApiRefused('busy');
      res.set('Retry-After', '1');
      throw new HttpError(503, 'busy', 'server: too many questions waiting; try again shortly');
    }
    const { debug: _debug, ...answer } = publicAnswer(answered);
    deps.metrics.recordAnswer(answer, 'api');
    deps.onAnswer?.(body.question, answer);
    res.json({ ...answer, id: body.id !== undefined ? String(body.id) : String(req.id) });
  });
  return router;
}
