/**
 * The judged query set (tests/relevance/queries.json): its format, checked when loaded, so a
 * misspelt slug or category fails the run instead of silently scoring zero.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The categories of queries the lab reports on, in the order they are printed. */
export const CATEGORIES = [
  'code-bare',
  'code-in-sentence',
  'code-unknown-words',
  'colloquial',
  'question',
  'english-mixed',
  'english-typo',
  'full-width',
  'internal',
  'public',
  'no-answer',
] as const;
export type Category = (typeof CATEGORIES)[number];

export type RunAs = 'public' | 'agent';

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

const judgedQuery = z
  .object({
    /** Stable id, e.g. `code-bare-03`: reports and baselines name queries by it. */
    id: z.string().regex(/^[a-z0-9-]+$/),
    query: z.string().min(1).max(200),
    category: z.enum(CATEGORIES),
    /** Who searches: `public` (no token, a portal) or `agent` (a staff token). */
    as: z.enum(['public', 'agent']),
    /** Relevant articles by slug: 2 = the answer, 1 = useful. Empty only for `no-answer`. */
    relevant: z.record(slug, z.union([z.literal(1), z.literal(2)])),
    /** The language the agent reads the answer in; inferred from the query when absent. */
    lang: z.enum(['zh-CN', 'en']).optional(),
    note: z.string().optional(),
  })
  .refine((q) => q.category === 'no-answer' || Object.values(q.relevant).includes(2), {
    message: 'a query outside `no-answer` needs at least one answer (grade 2)',
  })
  .refine((q) => q.category !== 'no-answer' || !Object.values(q.relevant).includes(2), {
    message: 'a `no-answer` query has no answer (grade 2); list useful fallbacks with grade 1',
  });
export type JudgedQuery = z.infer<typeof judgedQuery>;

const querySet = z.object({ version: z.literal(1), queries: z.array(judgedQuery).min(1) });

/**
 * Reads and checks the query set. Ids must be unique.
 * @throws Error naming the first problem.
 */
export function loadQueries(file: string): JudgedQuery[] {
  const parsed = querySet.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const seen = new Set<string>();
  for (const q of parsed.data.queries) {
    if (seen.has(q.id)) throw new Error(`${file}: query id ${q.id} appears twice`);
    seen.add(q.id);
  }
  return parsed.data.queries;
}

/** The language a query's answer is read in: explicit, else Chinese when it has Han, English when it has Latin words. */
export function answerLanguage(q: JudgedQuery): 'zh-CN' | 'en' | undefined {
  if (q.lang) return q.lang;
  if (/\p{Script=Han}/u.test(q.query)) return 'zh-CN';
  if (/[A-Za-z]{3,}/.test(q.query) && !/^\s*0x[0-9a-f]+\s*$/i.test(q.query)) return 'en';
  return undefined;
}
