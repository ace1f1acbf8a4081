import type { ZodError } from 'zod';
import { render, rememberZodIssues } from './i18n/localize.js';
import type { MessageParams, MessageRef } from './i18n/localize.js';
import type { MessageId } from './i18n/messages.js';

/** The stable codes a client may branch on (`errors[].extensions.code`). */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  CONFLICT: 'CONFLICT',
  SEARCH_UNAVAILABLE: 'SEARCH_UNAVAILABLE',
  /** A dependency the request needs (MongoDB) did not answer in time; retry later (HTTP 503). */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** The caller sent too many requests; `extensions.retryAfterSeconds` says when to retry (HTTP 429). */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The operation is too big or too expensive to run (depth, aliases, tokens, cost, list sizes). */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One offending input field: `path` is the field path from the argument root, e.g. `input.slug`. */
export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * An expected failure of the domain: a stable `code`, a message for people, and `extensions`, the
 * details a client may branch on (field paths, the current version, ...) with the code. It knows
 * nothing of GraphQL or HTTP: the GraphQL edge (src/schema/errors.ts) turns it into a coded GraphQL
 * error. Anything that is not an AppError (or a GraphQL request error) is masked for the client.
 *
 * `message` is English (logs, English callers); the client reads it in its language
 * (src/i18n/localize.ts `messageIn`): from `messageRef` when the thrower named the catalogue entry,
 * else from the catalogue entry whose English the message is.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  /** What the client sees besides the message: the details and the code. */
  readonly extensions: Readonly<Record<string, unknown>>;
  /** The catalogue entry of the message (src/i18n/messages.ts), when the thrower named it. */
  readonly messageRef: MessageRef | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    details: Record<string, unknown> = {},
    messageRef?: MessageRef,
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.extensions = Object.freeze({ ...details, code });
    this.messageRef = messageRef;
  }
}

/** An AppError whose message is the catalogue entry `id` (English in `message`). */
export function appError(
  code: ErrorCode,
  id: MessageId,
  params?: MessageParams,
  details: Record<string, unknown> = {},
): AppError {
  return new AppError(code, render(id, params, 'en'), details, params ? { id, params } : { id });
}

/** The caller gave no usable credentials (a bad, expired or malformed token). */
export function unauthenticated(message?: string): AppError {
  return message === undefined
    ? appError(ErrorCode.UNAUTHENTICATED, 'auth.invalidToken')
    : new AppError(ErrorCode.UNAUTHENTICATED, message);
}

/** The caller is known but may not do this. */
export function forbidden(message?: string): AppError {
  return message === undefined
    ? appError(ErrorCode.FORBIDDEN, 'auth.forbidden')
    : new AppError(ErrorCode.FORBIDDEN, message);
}

/** The thing asked for does not exist, or is not visible to the caller (never say which). */
export function notFound(what: string, key: string): AppError {
  return appError(ErrorCode.NOT_FOUND, 'notFound.thing', { what, key }, { what, key });
}

/** The input is invalid; `fields` names each offending field path. */
export function badUserInput(message: string, fields: FieldProblem[]): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, message, { fields });
}

/** Shorthand for one bad field. */
export function badField(path: string, message: string): AppError {
  return badUserInput(`${path}: ${message}`, [{ path, message }]);
}

/** Turns a zod failure on the argument `root` (e.g. "input") into BAD_USER_INPUT with field paths. */
export function fromZodError(root: string, error: ZodError): AppError {
  rememberZodIssues(error.issues);
  const fields = error.issues.map((issue) => ({
    path: [root, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  const summary = fields.map((field) => `${field.path}: ${field.message}`).join('; ');
  return badUserInput(`Invalid input. ${summary}`, fields);
}

/** The write lost a race or names something that already exists; `extensions` say what is current. */
export function conflict(message: string, extensions: Record<string, unknown> = {}): AppError {
  return new AppError(ErrorCode.CONFLICT, message, extensions);
}

/** A dependency did not answer in time: the whole request fails with HTTP 503. */
export function serviceUnavailable(message?: string): AppError {
  return message === undefined
    ? appError(ErrorCode.SERVICE_UNAVAILABLE, 'unavailable.database')
    : new AppError(ErrorCode.SERVICE_UNAVAILABLE, message);
}

/** Too many requests from this client; retry after `retryAfterSeconds`. */
export function rateLimited(retryAfterSeconds: number, message?: string): AppError {
  return message === undefined
    ? appError(ErrorCode.RATE_LIMITED, 'limit.rate', { seconds: retryAfterSeconds }, { retryAfterSeconds })
    : new AppError(ErrorCode.RATE_LIMITED, message, { retryAfterSeconds });
}

/** The operation exceeds one of the documented limits (the message names which and the limit). */
export function queryTooComplex(message: string, extensions: Record<string, unknown> = {}): AppError {
  return new AppError(ErrorCode.QUERY_TOO_COMPLEX, message, extensions);
}

/** The search engine cannot answer and there is no fallback for this operation. */
export function searchUnavailable(message?: string): AppError {
  return message === undefined
    ? appError(ErrorCode.SEARCH_UNAVAILABLE, 'unavailable.search')
    : new AppError(ErrorCode.SEARCH_UNAVAILABLE, message);
}
