import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import { ErrorCode } from '../errors.js';

/** What a 503 tells the client to wait before it retries. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Apollo plugin: a request that failed as a whole only because a dependency was unavailable (every
 * error SERVICE_UNAVAILABLE, and `data` null or every root field null) answers HTTP 503 with
 * Retry-After, so clients and load balancers see an outage rather than a 200. Partial answers keep
 * their status.
 */
export function serviceUnavailableStatus<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    requestDidStart: () =>
      Promise.resolve({
        willSendResponse: ({ response }) => {
          markUnavailable(response);
          return Promise.resolve();
        },
      }),
  };
}

/** What `serviceUnavailableStatus` does to a response about to be sent (503 and Retry-After, or nothing). */
export function markUnavailable(response: GraphQLResponse): void {
  if (response.body.kind !== 'single') return;
  const { data, errors } = response.body.singleResult;
  if (errors === undefined || errors.length === 0) return;
  const unavailable = errors.every((error) => error.extensions?.['code'] === ErrorCode.SERVICE_UNAVAILABLE);
  const nothingAnswered = data == null || Object.values(data).every((value) => value === null);
  if (unavailable && nothingAnswered) {
    response.http.status = 503;
    response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
  }
}
