// The one error middleware: maps error classes to status codes so every request gets exactly one
// response. Classes are matched by name, so this room needs neither the LINE SDK nor body-parser.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';

export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

interface Mapped {
  status: number;
  code: string;
  message: string;
  details?: unknown;
}

function mapError(err: unknown): Mapped | null {
  if (err instanceof HttpError)
    return { status: err.status, code: err.code, message: err.message, details: err.details };
  if (!err || typeof err !== 'object') return null;
  const e = err as {
    name?: string;
    type?: string;
    status?: unknown;
    statusCode?: unknown;
    errors?: unknown;
    message?: string;
  };
  switch (e.name) {
    case 'SignatureValidationFailed':
      return { status: 401, code: 'bad_signature', message: 'server: the X-Line-Signature does not match the body' };
    case 'JSONParseError':
      return { status: 400, code: 'bad_json', message: 'server: the body is not valid JSON' };
    case 'KnowledgeLoadError':
      return {
        status: 422,
        code: 'invalid_knowledge',
        message: 'server: the knowledge files are invalid',
        details: Array.isArray(e.errors) ? e.errors : undefined,
      };
  }
  switch (e.type) {
    case 'entity.parse.failed':
      return { status: 400, code: 'bad_json', message: 'server: the body is not valid JSON' };
    case 'entity.too.large':
      return { status: 413, code: 'too_large', message: 'server: the body is too large' };
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return { status: 415, code: 'unsupported_encoding', message: 'server: unsupported body encoding or charset' };
    case 'request.aborted':
      return { status: 400, code: 'aborted', message: 'server: the request was aborted' };
  }
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
    res.status(mapped.status).json({
      error: mapped.code,
      message: mapped.message,
      ...(mapped.details ? { details: mapped.details } : {}),
      requestId,
    });
  };
}

export const notFound: RequestHandler = (req, res) => {
  res
    .status(404)
    .json({ error: 'not_found', message: `server: no route for ${req.method} ${req.path}`, requestId: req.id });
};
