/** Types of congodb-match.mjs (for the tests). */
export type Verdict = 0 | 1 | 2;
export type Filter = Record<string, unknown>;
export function isPlainObject(value: unknown): boolean;
export function filterCompiler(
  ObjectId: abstract new (...args: never[]) => unknown,
): (filter: Filter) => ((doc: unknown) => Verdict) | null;
export function matcherFor(
  filter: Filter,
  tools: {
    compile: (filter: Filter) => ((doc: unknown) => Verdict) | null;
    Query: new (filter: Filter) => { test(doc: unknown): boolean };
  },
): { match: (doc: unknown) => boolean; compiled: boolean };
