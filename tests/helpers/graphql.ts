import type { GraphQLResponse } from './test-server.js';

type Error = NonNullable<GraphQLResponse['body']['errors']>[number];

/**
 * Asserts that the response carries an error with `code` and returns it, so the test can check
 * its message and extensions. Fails with the whole error list otherwise.
 */
export function expectErrorCode(response: GraphQLResponse<unknown>, code: string): Error {
  const errors = response.body.errors ?? [];
  const match = errors.find((error) => error.extensions?.['code'] === code);
  if (!match) {
    throw new globalThis.Error(
      `expected an error with code ${code}, got: ${JSON.stringify(errors.length ? errors : response.body)}`,
    );
  }
  return match;
}

/** Asserts that the response has no errors and returns its data. */
export function expectData<TData>(response: GraphQLResponse<TData>): TData {
  if (response.body.errors?.length) {
    throw new globalThis.Error(`expected no errors, got: ${JSON.stringify(response.body.errors)}`);
  }
  if (!response.body.data) throw new globalThis.Error('expected data, got none');
  return response.body.data;
}

/** The field paths named by a BAD_USER_INPUT error. */
export function fieldPaths(error: Error): string[] {
  const fields = error.extensions?.['fields'];
  return Array.isArray(fields) ? fields.map((field) => String((field as { path: unknown }).path)) : [];
}
