import type { CombinedError } from 'urql';

/** The API's own words for a failed operation (its first GraphQL error), else the transport's. */
export function reasonOf(error: CombinedError): string {
  return error.graphQLErrors[0]?.message ?? error.message;
}
