/**
 * The API's refusals placed on the form fields they name. BAD_USER_INPUT lists
 * `extensions.fields: [{ path: "input.tier", message }]`; CONFLICT on a taken code names
 * `extensions.field: "input.code"`. What names no field of the form is shown above it.
 */

export interface ApiError {
  message: string;
  extensions?: Record<string, unknown> | undefined;
}

export interface FormErrors {
  /** Messages per form field (the path inside `input`, cut at the deepest field the form has). */
  fields: Record<string, string[]>;
  /** Messages that name no field of the form. */
  other: string[];
}

function isFieldProblem(value: unknown): value is { path: string; message: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { path?: unknown }).path === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/**
 * The form field an API path belongs to: the path without its `root.` prefix, cut to the longest
 * of `known` it starts with (`openingHours.weekly.2.0.end` → `openingHours.weekly.2` when the grid
 * names its rows so). Undefined when no known field matches.
 */
export function formFieldOf(
  path: string,
  known: (field: string) => boolean,
  root = 'input',
): string | undefined {
  const inside = path.startsWith(`${root}.`) ? path.slice(root.length + 1) : path;
  const parts = inside.split('.');
  for (let length = parts.length; length > 0; length -= 1) {
    const candidate = parts.slice(0, length).join('.');
    if (known(candidate)) return candidate;
  }
  return undefined;
}

/**
 * Sorts a mutation's errors onto the form's fields (`known` says which fields the form shows). The
 * messages are shown as the API wrote them: it answers in the console's language (Accept-Language).
 */
export function formErrorsOf(
  errors: readonly ApiError[],
  known: (field: string) => boolean,
  root = 'input',
): FormErrors {
  const result: FormErrors = { fields: {}, other: [] };
  const add = (path: string | undefined, message: string): void => {
    const field = path === undefined ? undefined : formFieldOf(path, known, root);
    if (field === undefined) result.other.push(path ? `${path}: ${message}` : message);
    else (result.fields[field] ??= []).push(message);
  };
  for (const error of errors) {
    const code = error.extensions?.['code'];
    const problems = error.extensions?.['fields'];
    if (code === 'BAD_USER_INPUT' && Array.isArray(problems) && problems.some(isFieldProblem)) {
      for (const problem of problems.filter(isFieldProblem)) add(problem.path, problem.message);
    } else if (code === 'CONFLICT' && typeof error.extensions?.['field'] === 'string') {
      add(error.extensions['field'], error.message);
    } else {
      add(undefined, error.message);
    }
  }
  return result;
}

/** The first message of each field, as Ant Design's `Form.Item help` takes it. */
export function firstMessages(errors: FormErrors): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors.fields).flatMap(([field, messages]) =>
      messages[0] ? [[field, messages.join('；')]] : [],
    ),
  );
}
