/**
 * The lab's measures of what surrounds the ranking: answer cards on the judged set (how often a
 * card is shown, and how often on the answer) and "did you mean" on its own cases
 * (tests/relevance/did-you-mean.json: zero-result queries with the correction expected, or none).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { JudgedQuery } from './judgements.js';

const spellingCase = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  query: z.string().min(1).max(200),
  as: z.enum(['public', 'agent']),
  /** The suggestion expected (normalised, lower case), or null: no suggestion may be made. */
  expect: z.string().min(1).nullable(),
  note: z.string().optional(),
});
export type SpellingCase = z.infer<typeof spellingCase>;

/**
 * Reads and checks the "did you mean" cases; ids must be unique.
 * @throws Error naming the first problem.
 */
export function loadSpellingCases(file: string): SpellingCase[] {
  const parsed = z
    .object({ version: z.literal(1), cases: z.array(spellingCase).min(1) })
    .safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  const ids = new Set(parsed.data.cases.map((c) => c.id));
  if (ids.size !== parsed.data.cases.length) throw new Error(`${file}: a case id appears twice`);
  return parsed.data.cases;
}

/** What the lab reads of a search besides its hits. */
export interface Extras {
  /** The slug the answer card is about, or null without a card. */
  card: string | null;
  didYouMean: string | null;
}

export interface AnswerFigures {
  /** Share of queries with an answer (outside no-answer) that got a card. */
  cardCoverage: number;
  /** Share of cards shown on an answer (grade 2). */
  cardPrecision: number;
  cards: number;
  /** Cards on no-answer queries (should be 0). */
  cardsOnNoAnswer: number;
  /** Share of "did you mean" cases answered as expected (the expected correction, or none). */
  didYouMean: number;
  didYouMeanCases: number;
}

/** The card and "did you mean" figures, and the cases that went wrong (one line each). */
export function answerFigures(
  queries: JudgedQuery[],
  extras: Extras[],
  cases: SpellingCase[],
  suggested: Array<string | null>,
): { figures: AnswerFigures; wrong: string[] } {
  const wrong: string[] = [];
  let cards = 0;
  let onAnswer = 0;
  let onNoAnswer = 0;
  let answerable = 0;
  queries.forEach((q, i) => {
    const card = extras[i]?.card ?? null;
    if (q.category !== 'no-answer') answerable += 1;
    if (card === null) return;
    cards += 1;
    if (q.category === 'no-answer') onNoAnswer += 1;
    if (q.relevant[card] === 2) onAnswer += 1;
    else wrong.push(`card ${q.id} [${q.as}] ${q.query} -> ${card} (grade ${q.relevant[card] ?? 0})`);
  });
  let right = 0;
  cases.forEach((c, i) => {
    const got = suggested[i] ?? null;
    if (got === c.expect) right += 1;
    else
      wrong.push(
        `did-you-mean ${c.id} [${c.as}] ${c.query} -> ${got ?? '(none)'}, expected ${c.expect ?? '(none)'}`,
      );
  });
  return {
    figures: {
      cardCoverage: cards === 0 ? 0 : (cards - onNoAnswer) / answerable,
      cardPrecision: cards === 0 ? 1 : onAnswer / cards,
      cards,
      cardsOnNoAnswer: onNoAnswer,
      didYouMean: cases.length === 0 ? 1 : right / cases.length,
      didYouMeanCases: cases.length,
    },
    wrong,
  };
}

/** The drops of card precision or "did you mean" accuracy below the baseline's, one line each. */
export function compareAnswers(
  baseline: AnswerFigures | undefined,
  run: AnswerFigures,
  margin: number,
): string[] {
  if (!baseline) return [];
  const drops: string[] = [];
  for (const metric of ['cardPrecision', 'didYouMean'] as const) {
    if (run[metric] < baseline[metric] - margin - 1e-9)
      drops.push(
        `${metric}: ${run[metric].toFixed(3)} < baseline ${baseline[metric].toFixed(3)} - ${margin}`,
      );
  }
  return drops;
}
