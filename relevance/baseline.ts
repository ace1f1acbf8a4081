/** The committed baseline (tests/relevance/baseline.json), a run's summary, and the check against it. */
import { CATEGORIES } from './judgements.js';
import type { JudgedQuery } from './judgements.js';
import { mean } from './metrics.js';
import type { Scores } from './metrics.js';
import type { AnswerFigures } from './answers.js';

export interface Summary {
  overall: Scores & { n: number };
  categories: Record<string, Scores & { n: number }>;
}

export interface Baseline {
  comment: string;
  /** How far top-3 or MRR may fall below the baseline: overall, and for each category. */
  margins: { overall: number; category: number };
  service: Summary;
  default?: Summary | undefined;
  /** Answer cards and "did you mean" (relevance/answers.ts); absent in older baselines. */
  answers?: AnswerFigures | undefined;
}

/** The drops beyond the margins, one line each; empty when the run holds the baseline. */
export function compareWithBaseline(baseline: Baseline, run: Summary): string[] {
  const drops: string[] = [];
  const compare = (name: string, was: Scores | undefined, now: Scores | undefined, margin: number) => {
    if (!was) return;
    for (const metric of ['top3', 'mrr'] as const) {
      const value = now?.[metric] ?? 0;
      if (value < was[metric] - margin - 1e-9) {
        drops.push(`${name} ${metric}: ${value.toFixed(3)} < baseline ${was[metric].toFixed(3)} - ${margin}`);
      }
    }
  };
  compare('overall', baseline.service.overall, run.overall, baseline.margins.overall);
  for (const [name, was] of Object.entries(baseline.service.categories)) {
    compare(name, was, run.categories[name], baseline.margins.category);
  }
  return drops;
}

/** Means per category (in the printed order) and overall. */
export function summarise(queries: JudgedQuery[], scores: Scores[]): Summary {
  const categories: Summary['categories'] = {};
  for (const category of CATEGORIES) {
    const mine = scores.filter((_, i) => queries[i]?.category === category);
    if (mine.length > 0) categories[category] = { n: mine.length, ...mean(mine) };
  }
  return { overall: { n: scores.length, ...mean(scores) }, categories };
}
