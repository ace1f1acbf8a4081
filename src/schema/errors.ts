/**
 * The GraphQL edge of domain errors: an AppError (src/errors.ts) becomes a GraphQL error with its
 * stable `extensions.code`, and, where Apollo decides the HTTP status (errors from the context
 * function or from a plugin), the status its code implies.
 */
import { GraphQLError } from 'graphql';
import { AppError } from '../errors.js';
import type { ErrorCode } from '../errors.js';
import type { Language } from '../i18n/language.js';

/** HTTP statuses of codes that fail a whole request; other codes leave Apollo's choice (200 or 400). */
const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  QUERY_TOO_COMPLEX: 400,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
};

/**
 * The GraphQL error Apollo should send for `error` when it fails the whole request (thrown from the
 * context function or a plugin hook): the client sees the message and `extensions` (with the code),
 * and the response gets the code's HTTP status and any `headers`.
 */
export function toGraphQLError(error: AppError, headers: ReadonlyArray<[string, string]> = []): GraphQLError {
  const status = HTTP_STATUS[error.code];
  return new GraphQLError(error.message, {
    originalError: error,
    extensions: {
      ...error.extensions,
      ...(status !== undefined || headers.length > 0
        ? { http: { ...(status !== undefined ? { status } : {}), headers: new Map(headers) } }
        : {}),
    },
  });
}

/** The domain error behind a GraphQL error (thrown by a resolver, the context or a plugin), if any. */
export function domainErrorOf(error: unknown): AppError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 3; depth += 1) {
    if (current instanceof AppError) return current;
    current = current instanceof GraphQLError ? current.originalError : undefined;
  }
  return undefined;
}

/**
 * The request each error arose in, noted by the server (an Apollo plugin, and the context function
 * for its own failures) so that `formatError`, which is not told the request, can still name it in
 * a masked answer and its log line; weak, so an error's entry goes when the error does. (No
 * AsyncLocalStorage: enabling it hooks every promise of the process, about a quarter of the CPU of
 * a page of halls here.)
 */
const requestOfError = new WeakMap<object, { requestId: string; language: Language | undefined }>();

/** Notes that `error` arose while serving request `requestId`, whose messages are in `language`. */
export function noteErrorRequest(error: unknown, requestId: string, language?: Language): void {
  if (typeof error === 'object' && error !== null) requestOfError.set(error, { requestId, language });
}

function notedFor(error: unknown) {
  for (
    let current = error, depth = 0;
    typeof current === 'object' && current !== null && depth < 3;
    depth += 1
  ) {
    const noted = requestOfError.get(current);
    if (noted !== undefined) return noted;
    current = current instanceof GraphQLError ? current.originalError : undefined;
  }
  return undefined;
}

/** The request id noted for `error` (or the error it wraps); undefined when none was noted. */
export function requestIdOfError(error: unknown): string | undefined {
  return notedFor(error)?.requestId;
}

/** The language of the request `error` arose in; undefined when none was noted. */
export function languageOfError(error: unknown): Language | undefined {
  return notedFor(error)?.language;
}
