/**
 * Scores of one ranked list against a judged query, and their means. A hit is an article (slug and
 * locale). When the query has an answer language and the article exists in it, a hit in the other
 * language counts one grade lower (the agent wanted the translation). A slug counts once: a second
 * hit of it (its translation) gains nothing.
 */
import type { JudgedQuery } from './judgements.js';

export interface Hit {
  slug: string;
  locale: string;
}

export interface Scores {
  top1: number;
  top3: number;
  mrr: number;
  ndcg5: number;
}

export const METRICS: Array<keyof Scores> = ['top1', 'top3', 'mrr', 'ndcg5'];

/** MRR looks this deep; beyond it a query scores 0. */
export const MRR_DEPTH = 10;

/** Grades of the hits in order, after the language and once-per-slug rules. */
export function gradesOf(
  q: JudgedQuery,
  hits: Hit[],
  lang: 'zh-CN' | 'en' | undefined,
  published: Set<string>,
): number[] {
  const credited = new Set<string>();
  return hits.map((hit) => {
    const grade = q.relevant[hit.slug] ?? 0;
    if (grade === 0 || credited.has(hit.slug)) return 0;
    credited.add(hit.slug);
    const translated = lang !== undefined && published.has(`${lang}:${hit.slug}`);
    return translated && hit.locale !== lang ? grade - 1 : grade;
  });
}

function dcg(grades: number[]): number {
  return grades.slice(0, 5).reduce((sum, grade, i) => sum + (2 ** grade - 1) / Math.log2(i + 2), 0);
}

/**
 * top1/top3: an answer (grade 2) first / in the first three; MRR: 1 / rank of the first answer;
 * nDCG@5 with gains 2^grade - 1. A `no-answer` query has no answer: it scores 1 on top1, top3
 * and MRR when nothing misleading comes first (no hit, or a hit judged useful), and on nDCG when it
 * returns nothing or only what is judged.
 */
export function score(q: JudgedQuery, grades: number[]): Scores {
  if (q.category === 'no-answer') {
    const fine = grades.length === 0 || (grades[0] ?? 0) > 0;
    const ideal = dcg(
      Object.values(q.relevant)
        .map(Number)
        .sort((a, b) => b - a),
    );
    const ndcg5 = ideal === 0 ? (grades.length === 0 ? 1 : 0) : Math.min(1, dcg(grades) / ideal);
    const v = fine ? 1 : 0;
    return { top1: v, top3: v, mrr: v, ndcg5: grades.length === 0 ? 1 : ndcg5 };
  }
  const firstAnswer = grades.findIndex((grade) => grade >= 2);
  const ideal = dcg(
    Object.values(q.relevant)
      .map(Number)
      .sort((a, b) => b - a),
  );
  return {
    top1: firstAnswer === 0 ? 1 : 0,
    top3: firstAnswer >= 0 && firstAnswer < 3 ? 1 : 0,
    mrr: firstAnswer >= 0 && firstAnswer < MRR_DEPTH ? 1 / (firstAnswer + 1) : 0,
    ndcg5: ideal === 0 ? 0 : dcg(grades) / ideal,
  };
}

export function mean(scores: Scores[]): Scores {
  const n = Math.max(1, scores.length);
  const sum = (key: keyof Scores) => scores.reduce((total, s) => total + s[key], 0) / n;
  return { top1: sum('top1'), top3: sum('top3'), mrr: sum('mrr'), ndcg5: sum('ndcg5') };
}
