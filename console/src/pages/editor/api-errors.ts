import type { CombinedError } from 'urql';
import { formFieldOfPath } from './fields';
import type { FieldName } from './fields';

export type FormField = FieldName | 'slug' | 'note';
export type FieldErrors = Partial<Record<FormField, string>>;

/** What a failed save means for the form. */
export type SaveFailure =
  | { kind: 'fields'; fields: FieldErrors; message: string }
  | { kind: 'conflict'; currentVersion: number | undefined; field: FormField | undefined; message: string }
  | { kind: 'other'; message: string };

/**
 * Reads the API's coded errors (README "Errors"): BAD_USER_INPUT names each field in
 * `extensions.fields`; CONFLICT carries `currentVersion` (a stale version) or `field` (a taken slug).
 */
export function saveFailureOf(error: CombinedError): SaveFailure {
  for (const graphQLError of error.graphQLErrors) {
    const { code, fields, currentVersion, field } = graphQLError.extensions as {
      code?: string;
      fields?: Array<{ path?: string; message?: string }>;
      currentVersion?: number;
      field?: string;
    };
    if (code === 'BAD_USER_INPUT' && Array.isArray(fields)) {
      const named: FieldErrors = {};
      for (const problem of fields) {
        const name = formFieldOfPath(String(problem.path ?? ''));
        if (name && !named[name]) named[name] = String(problem.message ?? '');
      }
      if (Object.keys(named).length > 0)
        return { kind: 'fields', fields: named, message: graphQLError.message };
    }
    if (code === 'CONFLICT') {
      return {
        kind: 'conflict',
        currentVersion: typeof currentVersion === 'number' ? currentVersion : undefined,
        field: field ? formFieldOfPath(field) : undefined,
        message: graphQLError.message,
      };
    }
  }
  return { kind: 'other', message: error.graphQLErrors[0]?.message ?? error.message };
}
