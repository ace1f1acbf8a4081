import { GraphQLError } from 'graphql';
import type { ZodError } from 'zod';

/** The stable codes a client may branch on (`errors[].extensions.code`). */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  CONFLICT: 'CONFLICT',
  SEARCH_UNAVAILABLE: 'SEARCH_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One offending input field: `path` is the field path from the argument root, e.g. `input.slug`. */
export interface FieldProblem {
  path: string;
  message: string;
}

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
};

/**
 * An expected failure: its message and extensions reach the client as they are.
 * Anything that is not an AppError (or a GraphQL parse/validation error) is masked.
 */
export class AppError extends GraphQLError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    const status = HTTP_STATUS[code];
    super(message, {
      extensions: { ...extensions, code, ...(status ? { http: { status } } : {}) },
    });
    this.code = code;
    this.name = 'AppError';
  }
}

/** The caller gave no usable credentials (a bad, expired or malformed token). */
export function unauthenticated(
  message = 'Authentication failed: the bearer token is invalid or expired.',
): AppError {
  return new AppError(ErrorCode.UNAUTHENTICATED, message);
}

/** The caller is known but may not do this. */
export function forbidden(message = 'You are not allowed to do this.'): AppError {
  return new AppError(ErrorCode.FORBIDDEN, message);
}

/** The thing asked for does not exist, or is not visible to the caller (never say which). */
export function notFound(what: string, key: string): AppError {
  return new AppError(ErrorCode.NOT_FOUND, `${what} not found: ${key}`, { what, key });
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

/** The search engine cannot answer and there is no fallback for this operation. */
export function searchUnavailable(message = 'Search is temporarily unavailable.'): AppError {
  return new AppError(ErrorCode.SEARCH_UNAVAILABLE, message);
}
