// The one error middleware: maps the errors that reach express to status codes so every request gets exactly
// one response. What reaches it: our HttpError, and body-parser's errors (matched by their type, so this room
// needs no body-parser import); any other 4xx keeps its status; the rest is logged and answered 500. The
// LINE webhook checks its signature and JSON outside express (line/router.ts) and a knowledge reload answers
// its own 422 (console), so neither has a mapping here. test/server/error-mapping.test.ts provokes each one.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';

export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface Mapped {
  status: number;
  code: string;
  message: string;
}

function mapError(err: unknown): Mapped | null {
  if (err instanceof HttpError) return { status: err.status, code: err.code, message: err.message };
  if (!err || typeof err !== 'object') return null;
  const e = err as { type?: string; status?: unknown; statusCode?: unknown; message?: string };
  // body-parser's errors (express.json on /api/answer and the console), told apart by their type.
  switch (e.type) {
    case 'entity.parse.failed':
      return { status: 400, code: 'bad_json', message: 'server: the body is not valid JSON' };
    case 'entity.too.large':
      return { status: 413, code: 'too_large', message: 'server: the body is too large' };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, code: 'unsupported_encoding', message: 'server: unsupported body encoding or charset' };
  }
  // Any other 4xx (a body that does not inflate; request.aborted, whose answer no client reads) keeps its status
  // and is logged as a warning, not as a server fault.
  const status = Number(e.status ?? e.statusCode);
  if (Number.isInteger(status) && status >= 400 && status < 500) {
    return { status, code: 'bad_request', message: `server: ${e.message ?? 'bad request'}` };
  }
  return null;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) {
      // a response is already on the wire: let express end the connection
      next(err);
      return;
    }
    const mapped = mapError(err);
    const requestId = String(req.id ?? '');
    if (!mapped) {
      (req.log ?? logger).error({ err, requestId }, 'server: unhandled error');
      res.status(500).json({ error: 'internal', message: 'server: internal error', requestId });
      return;
    }
    (req.log ?? logger).warn(
      { requestId, status: mapped.status, code: mapped.code, errName: (err as Error)?.name },
      mapped.message,
    );
    res.status(mapped.status).json({ error: mapped.code, message: mapped.message, requestId });
  };
}

export const notFound: RequestHandler = (req, res) => {
  res
    .status(404)
    .json({ error: 'not_found', message: `server: no route for ${req.method} ${req.path}`, requestId: req.id });
};
