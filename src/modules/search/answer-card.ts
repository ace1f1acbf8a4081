/**
 * Answer cards (答案卡片): on the first page's top hit when the match is confident, the article's
 * summary and, for structured topics, computed facts: an error code's causes and steps (indexed from
 * the article's body sections, see `cardFactsOf`) and a complaint grade's answer deadlines (computed
 * from the complaint policy at the time of the search). The facts come from the index document,
 * read once per article version into an in-process cache: a search sends no MongoDB command for them.
 * Complaint facts need no index field: the category and tags say which grades, the policy the hours.
 */
import type { Meilisearch } from 'meilisearch';
import type { ArticleDoc, ArticleView } from '../articles/index.js';
import { COMPLAINT_POLICY, complaintDeadline } from '../complaints/index.js';
import type { ComplaintDeadline, ComplaintGradePolicy } from '../complaints/index.js';
import { cardFactsOf } from '../indexing/index.js';
import type { ArticleCardFacts, ArticleSearchDocument } from '../indexing/index.js';

/**
 * Confidence, calibrated on the relevance lab (Meilisearch's ranking score, 0-1; on the seed every
 * card these rules allow is on an answer, grade 2):
 * - a code query: the top hit carries a code the query names, its title names that code (the
 *   article is about the code, not one that lists it among others) and it scores at least
 *   `CARD_MIN_CODE_SCORE`;
 * - any other query: the top hit scores at least `CARD_MIN_SCORE` and leads the best other article
 *   by at least `CARD_MIN_GAP` (scores crowd near 1: a small lead still separates).
 */
export const CARD_MIN_SCORE = 0.98;
export const CARD_MIN_GAP = 0.02;
export const CARD_MIN_CODE_SCORE = 0.9;
/** The category whose articles carry the complaint grades' deadlines. */
const COMPLAINT_GRADES_CATEGORY = 'complaints/grades-deadlines';
/** Cards' facts kept per article (older entries go first). */
const CACHED_CARDS = 2000;

export type AnswerCardKind = 'ERROR_CODE' | 'COMPLAINT_GRADES' | 'SUMMARY';

export interface AnswerCard {
  kind: AnswerCardKind;
  article: ArticleView;
  summary: string;
  /** The code the query named that the article is about (code queries). */
  errorCode: string | null;
  causes: string[];
  steps: string[];
  /** For complaint-grade articles: the grades the article is about (all when it names none). */
  complaintGrades: ComplaintGradePolicy[];
  /** Those grades' deadlines for a complaint received at the time of the search. */
  complaintDeadlines: ComplaintDeadline[];
}

/** A ranked hit as the card's rule sees it. */
export interface RankedHit {
  hit: Pick<ArticleSearchDocument, 'id' | 'slug' | 'version' | 'categoryPath' | 'tags' | 'errorCodes'> & {
    _rankingScore?: number;
  };
  article: ArticleView;
  /** The title as indexed (normalised). */
  title: string;
  matchedErrorCodes: string[];
}

/**
 * Whether the top hit is a confident answer (see the thresholds above); `secondScore` is the best
 * score of another article, null when there is none.
 */
export function isConfident(top: RankedHit, secondScore: number | null, queryCodes: string[]): boolean {
  const score = top.hit._rankingScore ?? 0;
  if (queryCodes.length > 0) {
    const code = top.matchedErrorCodes.find((matched) =>
      new RegExp(`(?<![0-9a-z])${matched}(?![0-9a-z])`, 'i').test(top.title),
    );
    return code !== undefined && score >= CARD_MIN_CODE_SCORE;
  }
  return score >= CARD_MIN_SCORE && (secondScore === null || score - secondScore >= CARD_MIN_GAP);
}

/** The complaint grades an article names in its tags (一般投诉, provincial, ...). */
function gradesNamed(tags: string[]): ComplaintGradePolicy[] {
  const text = tags.join(' ').toLowerCase();
  return COMPLAINT_POLICY.filter(
    (policy) => text.includes(policy.name['zh-CN']) || text.includes(policy.name.en.toLowerCase()),
  );
}

/**
 * The in-process cache of the indexed card facts, by article id and version: a hit carries the
 * version its index entry was built from, so a changed article's next hit reads its new facts (no
 * event subscription needed; a hit on a stale entry takes MongoDB's copy the search already holds).
 */
export class CardFactsCache {
  private readonly cards = new Map<string, { version: number; facts: ArticleCardFacts }>();

  constructor(
    private readonly meili: () => Meilisearch,
    private readonly indexUid: string,
  ) {}

  /** The facts of the index entry `id` at `version` (one Meilisearch read when not cached). */
  async facts(id: string, version: number): Promise<ArticleCardFacts> {
    const cached = this.cards.get(id);
    if (cached && cached.version === version) return cached.facts;
    const entry = await this.meili()
      .index<ArticleSearchDocument>(this.indexUid)
      .getDocument(id, { fields: ['card', 'summary_zh', 'summary_en', 'version'] });
    // An entry indexed before cards existed has no `card` until the indexer pushes it again (it does
    // after an upgrade, see `IndexProjection.documentShape`): its summary only, and not cached, so the
    // card gets its facts as soon as the entry has them, though its version stays the same.
    if (entry.card === undefined) {
      return { summary: entry.summary_zh ?? entry.summary_en ?? '', causes: [], steps: [] };
    }
    const facts = entry.card;
    if (this.cards.size >= CACHED_CARDS) {
      const oldest = this.cards.keys().next().value;
      if (oldest !== undefined) this.cards.delete(oldest);
    }
    this.cards.set(id, { version: entry.version, facts });
    return facts;
  }
}

/**
 * The card for a confident top hit. `staleDoc` is MongoDB's copy when the index entry may be stale
 * (its facts are taken from it then); `now` is the time complaint deadlines count from.
 */
export async function answerCardOf(
  top: RankedHit,
  cache: CardFactsCache,
  staleDoc: ArticleDoc | undefined,
  now: Date,
): Promise<AnswerCard> {
  const facts = staleDoc?.live ? cardFactsOf(staleDoc.live) : await cache.facts(top.hit.id, top.hit.version);
  const complaint = top.hit.categoryPath.includes(COMPLAINT_GRADES_CATEGORY);
  const named = complaint ? gradesNamed(top.hit.tags) : [];
  const grades = complaint ? (named.length > 0 ? named : [...COMPLAINT_POLICY]) : [];
  const errorCode = top.matchedErrorCodes[0] ?? null;
  return {
    kind: complaint ? 'COMPLAINT_GRADES' : top.hit.errorCodes.length > 0 ? 'ERROR_CODE' : 'SUMMARY',
    article: top.article,
    summary: facts.summary,
    errorCode,
    causes: facts.causes,
    steps: facts.steps,
    complaintGrades: grades,
    complaintDeadlines: grades.map((policy) => complaintDeadline(policy.grade, now)),
  };
}
