import type { CombinedError } from 'urql';

/** The stable code of the first GraphQL error (CONFLICT, BAD_USER_INPUT, ...), if any. */
export function errorCode(error: CombinedError | undefined): string | undefined {
  const code = error?.graphQLErrors[0]?.extensions['code'];
  return typeof code === 'string' ? code : undefined;
}

/**
 * The messages a BAD_USER_INPUT error gives for a field and the fields under it
 * (`input.terms` and `input.terms.2`), with the index of the item each names, if any.
 */
export function fieldProblems(
  error: CombinedError | undefined,
  path: string,
): Array<{ index: number | undefined; message: string }> {
  const problems: Array<{ index: number | undefined; message: string }> = [];
  for (const graphQLError of error?.graphQLErrors ?? []) {
    const fields = graphQLError.extensions['fields'];
    if (!Array.isArray(fields)) continue;
    for (const field of fields as Array<{ path?: unknown; message?: unknown }>) {
      if (typeof field.path !== 'string' || typeof field.message !== 'string') continue;
      if (field.path === path) problems.push({ index: undefined, message: field.message });
      else if (field.path.startsWith(`${path}.`)) {
        const index = Number(field.path.slice(path.length + 1));
        problems.push({ index: Number.isInteger(index) ? index : undefined, message: field.message });
      }
    }
  }
  return problems;
}
