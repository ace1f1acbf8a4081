import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logger.js';

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Takes the caller's X-Request-Id when it is sane, else makes one; echoes it on the response. */
export const assignRequestId: RequestHandler = (req, res, next) => {
  const incoming = req.get('x-request-id');
  const requestId = incoming && REQUEST_ID_PATTERN.test(incoming) ? incoming : randomUUID();
  res.locals['requestId'] = requestId;
  res.setHeader('x-request-id', requestId);
  next();
};

/** The request id assigned by `assignRequestId`. */
export function requestIdOf(locals: Record<string, unknown>): string {
  const id = locals['requestId'];
  return typeof id === 'string' ? id : 'unknown';
}

/** Logs one line per request when the response is finished; probes log at debug level only. */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    res.on('finish', () => {
      const line = {
        requestId: requestIdOf(res.locals),
        method: req.method,
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      };
      const probe = req.path === '/healthz' || req.path === '/readyz';
      if (probe) logger.debug(line, 'request');
      else logger.info(line, 'request');
    });
    next();
  };
}

/** CORS for browser portals: bearer tokens only (no cookies), so credentials are never allowed. */
export function cors(allowedOrigins: readonly string[]): RequestHandler {
  const anyOrigin = allowedOrigins.includes('*');
  return (req, res, next) => {
    const origin = req.get('origin');
    if (origin && (anyOrigin || allowedOrigins.includes(origin))) {
      res.setHeader('access-control-allow-origin', anyOrigin ? '*' : origin);
      if (!anyOrigin) res.vary('origin');
      res.setHeader('access-control-expose-headers', 'x-request-id, retry-after');
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

/** Answers a body that is not valid JSON, or too large, in the GraphQL-over-HTTP error shape. */
export function jsonErrors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = httpStatusOf(error);
    if (status !== undefined && status >= 400 && status < 500) {
      const message =
        status === 413 ? 'The request body is too large.' : 'The request body is not valid JSON.';
      res.status(status).json({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    logger.error({ err: error, requestId: requestIdOf(res.locals) }, 'unhandled HTTP error');
    res.status(500).json({
      errors: [
        {
          message: 'Internal server error',
          extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: requestIdOf(res.locals) },
        },
      ],
    });
  };
}

function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}
