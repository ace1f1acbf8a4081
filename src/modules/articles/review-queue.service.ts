import { definePolicy } from '../../auth/policy.js';
import type { Principal } from '../../auth/principal.js';
import { encodeCursor, keysetItems, keysetPageOf } from '../../db/keyset.js';
import { pageFlags } from '../../lib/paging.js';
import type { Page, PageRequest } from '../../lib/paging.js';
import type { ArticleDoc, ArticleView } from './article.model.js';
import type { ApprovalBlock, FourEyesRule } from './four-eyes.js';
import type { ReviewQueueRepository } from './review-queue.repository.js';

export type { ApprovalBlock } from './four-eyes.js';

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
  constructor(
    private readonly repo: ReviewQueueRepository,
    private readonly fourEyes: FourEyesRule,
  ) {}

  /**
   * A keyset page of the queue, each item saying whether the caller may approve it under the
   * four-eyes rule (`FourEyesRule`, the one `publishArticle` enforces with FORBIDDEN).
   * @throws AppError UNAUTHENTICATED/FORBIDDEN unless reviewer or admin; BAD_USER_INPUT for a bad
   *   page size or a foreign cursor.
   */
  async queue(principal: Principal, request: PageRequest): Promise<Page<ReviewQueueItem>> {
    reviewQueuePolicy.authorize(principal, 'readQueue');
    const page = keysetPageOf(request, 'date');
    const { items, more } = keysetItems(await this.repo.findInReviewPage(page), page);
    const blocks = await this.fourEyes.blocks(principal, items);
    return {
      items: items.map((doc) => ({
        // Reviewers read working copies: the submission is the current content.
        view: { doc, content: doc.current },
        submittedAt: doc.submittedAt ?? doc.updatedAt,
        submittedBy: doc.submittedBy ?? doc.updatedBy,
        blocked: blocks.get(doc._id.toHexString()) ?? null,
      })),
      ...pageFlags(request, more),
      totalCount: () => this.repo.countInReview(),
    };
  }
}
