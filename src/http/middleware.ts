import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import { languageOf } from '../i18n/language.js';
import type { Language } from '../i18n/language.js';
import { errorAnswer } from '../i18n/localize.js';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's X-Request-Id when it is sane, else a new one. */
export function requestIdFor(incoming: string | undefined): string {
  return incoming && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
}

/** Takes the caller's X-Request-Id when it is sane, else makes one; echoes it on the response. */
export const assignRequestId: RequestHandler = (req, res, next) => {
  const requestId = requestIdFor(req.get('x-request-id'));
  res.locals['requestId'] = requestId;
  res.setHeader('x-request-id', requestId);
  next();
};

/** The request id assigned by `assignRequestId`. */
export function requestIdOf(locals: Record<string, unknown>): string {
  const id = locals['requestId'];
  return typeof id === 'string' ? id : 'unknown';
}

/** Whether a browser page from `origin` may read the API's answers (see `cors`). */
export function corsAllows(allowedOrigins: readonly string[], origin: string | undefined): origin is string {
  return (
    origin !== undefined && origin !== '' && (allowedOrigins.includes('*') || allowedOrigins.includes(origin))
  );
}

/** The CORS headers of an answer to an allowed `origin` (`vary`: the answer depends on the origin). */
export function corsAnswerHeaders(allowedOrigins: readonly string[], origin: string) {
  const anyOrigin = allowedOrigins.includes('*');
  return {
    allowOrigin: anyOrigin ? '*' : origin,
    vary: !anyOrigin,
    exposeHeaders: 'x-request-id, retry-after',
  };
}

/** CORS for browser portals: bearer tokens only (no cookies), so credentials are never allowed. */
export function cors(allowedOrigins: readonly string[]): RequestHandler {
  return (req, res, next) => {
    const origin = req.get('origin');
    if (corsAllows(allowedOrigins, origin)) {
      const answer = corsAnswerHeaders(allowedOrigins, origin);
      res.setHeader('access-control-allow-origin', answer.allowOrigin);
      if (answer.vary) res.vary('origin');
      res.setHeader('access-control-expose-headers', answer.exposeHeaders);
      if (req.method === 'OPTIONS') {
        res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
        res.setHeader('access-control-allow-headers', 'authorization, content-type, x-request-id');
        res.setHeader('access-control-max-age', '600');
        res.status(204).end();
        return;
      }
    }
    next();
  };
}

/** The JSON answer to a request body that could not be read: too large (413), else not valid JSON. */
export function unreadableBodyAnswer(status: number, language: Language): string {
  return errorAnswer(status === 413 ? 'http.bodyTooLarge' : 'http.bodyNotJson', language, 'BAD_REQUEST');
}

/** The JSON answer to a request that failed for an unexpected reason (logged with `requestId`). */
export function internalErrorAnswer(requestId: string, language: Language): string {
  return errorAnswer('internal', language, 'INTERNAL_SERVER_ERROR', undefined, { requestId });
}

/** The JSON 404 answer to a path the service does not serve. */
export function routeNotFoundAnswer(language: Language): string {
  return errorAnswer('notFound.route', language, 'NOT_FOUND');
}

/** Answers a body that is not valid JSON, or too large, in the GraphQL-over-HTTP error shape. */
export function jsonErrors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = httpStatusOf(error);
    const language = languageOf(req.headers['accept-language']);
    if (status !== undefined && status >= 400 && status < 500) {
      res.status(status).type('application/json').send(unreadableBodyAnswer(status, language));
      return;
    }
    logger.error({ err: error, requestId: requestIdOf(res.locals) }, 'unhandled HTTP error');
    res
      .status(500)
      .type('application/json')
      .send(internalErrorAnswer(requestIdOf(res.locals), language));
  };
}

function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}
