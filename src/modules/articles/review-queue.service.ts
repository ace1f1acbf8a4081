import { definePolicy } from '../../auth/policy.js';
import { hasRole } from '../../auth/principal.js';
import type { Principal } from '../../auth/principal.js';
import { encodeCursor, keysetItems, keysetPageOf } from '../../db/keyset.js';
import { pageFlags } from '../../lib/paging.js';
import type { Page, PageRequest } from '../../lib/paging.js';
import type { ArticleDoc, ArticleView } from './article.model.js';
import { AUTHORING_ACTIONS } from './article.workflow.js';
import type { ReviewQueueRepository } from './review-queue.repository.js';

/** Why the caller may not approve a submission (the same four-eyes rule `publishArticle` applies). */
export type ApprovalBlock = 'OWN_SUBMISSION' | 'OWN_CHANGES';

/** One article waiting for review, as one reviewer sees it. */
export interface ReviewQueueItem {
  view: ArticleView;
  submittedAt: Date;
  submittedBy: string;
  /** Null when the caller may approve it; otherwise why not. */
  blocked: ApprovalBlock | null;
}

const reviewQueuePolicy = definePolicy<'readQueue'>({
  readQueue: { roles: ['reviewer'], who: 'reviewers (or admins)', describe: 'read the review queue' },
});

/** The cursor of an article in the queue's order (submission time, then id). */
export function reviewQueueCursor(doc: Pick<ArticleDoc, 'submittedAt' | 'updatedAt' | '_id'>): string {
  return encodeCursor(doc.submittedAt ?? doc.updatedAt, doc._id);
}

/** The reviewers' queue: articles submitted for review, oldest submission first. */
export class ReviewQueueService {
  constructor(private readonly repo: ReviewQueueRepository) {}

  /**
   * A keyset page of the queue, each item saying whether the caller may approve it: not when they
   * submitted it or wrote any change since the last published version (admins excepted), which is
   * what `publishArticle` refuses with FORBIDDEN.
   * @throws AppError UNAUTHENTICATED/FORBIDDEN unless reviewer or admin; BAD_USER_INPUT for a bad
   *   page size or a foreign cursor.
   */
  async queue(principal: Principal, request: PageRequest): Promise<Page<ReviewQueueItem>> {
    reviewQueuePolicy.authorize(principal, 'readQueue');
    const page = keysetPageOf(request, 'date');
    const { items, more } = keysetItems(await this.repo.findInReviewPage(page), page);
    const authored = hasRole(principal, 'admin')
      ? new Set<string>()
      : await this.repo.articlesAuthoredSince(
          items.map((doc) => ({ id: doc._id, since: doc.liveVersion ?? 0 })),
          principal.id,
          AUTHORING_ACTIONS,
        );
    const blockOf = (doc: ArticleDoc): ApprovalBlock | null => {
      if (hasRole(principal, 'admin')) return null;
      if (doc.submittedBy === principal.id) return 'OWN_SUBMISSION';
      return authored.has(doc._id.toHexString()) ? 'OWN_CHANGES' : null;
    };
    return {
      items: items.map((doc) => ({
        // Reviewers read working copies: the submission is the current content.
        view: { doc, content: doc.current },
        submittedAt: doc.submittedAt ?? doc.updatedAt,
        submittedBy: doc.submittedBy ?? doc.updatedBy,
        blocked: blockOf(doc),
      })),
      ...pageFlags(request, more),
      totalCount: () => this.repo.countInReview(),
    };
  }
}
