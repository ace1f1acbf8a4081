/**
 * The four-eyes rule, once: whoever submitted an article for review, or wrote any change to it since
 * its last published version, may not approve it; another reviewer must (admins excepted, as
 * everywhere). `publishArticle` enforces it; the review queue shows it (`canApprove`, `approvalBlock`).
 */
import type { ObjectId } from 'mongodb';
import { hasRole } from '../../auth/principal.js';
import type { Principal } from '../../auth/principal.js';
import { appError, ErrorCode } from '../../errors.js';
import type { ArticleAction, ArticleDoc } from './article.model.js';
import { AUTHORING_ACTIONS } from './article.workflow.js';

/** Why someone may not approve a submission. */
export type ApprovalBlock = 'OWN_SUBMISSION' | 'OWN_CHANGES';

/** Who wrote what: the repository query the rule asks (one query for any number of articles). */
export interface AuthorshipLookup {
  articlesAuthoredSince(
    articles: ReadonlyArray<{ id: ObjectId; since: number }>,
    author: string,
    actions: readonly ArticleAction[],
  ): Promise<Set<string>>;
}

/** The changes under review are the revisions after this version (0: the article was never published). */
export function reviewedSince(doc: Pick<ArticleDoc, 'liveVersion'>): number {
  return doc.liveVersion ?? 0;
}

/** The four-eyes rule, asked of one article (publishing) or of a page of them (the queue). */
export class FourEyesRule {
  constructor(private readonly authorship: AuthorshipLookup) {}

  /**
   * Why `principal` may not approve each of `docs` (keyed by the article's hex id; null: they may),
   * with one authorship query for all of them.
   */
  async blocks(
    principal: Principal,
    docs: readonly ArticleDoc[],
  ): Promise<Map<string, ApprovalBlock | null>> {
    const blocks = new Map<string, ApprovalBlock | null>();
    if (hasRole(principal, 'admin')) {
      for (const doc of docs) blocks.set(doc._id.toHexString(), null);
      return blocks;
    }
    const others = docs.filter((doc) => doc.submittedBy !== principal.id);
    const authored = await this.authorship.articlesAuthoredSince(
      others.map((doc) => ({ id: doc._id, since: reviewedSince(doc) })),
      principal.id,
      AUTHORING_ACTIONS,
    );
    for (const doc of docs) {
      const id = doc._id.toHexString();
      if (doc.submittedBy === principal.id) blocks.set(id, 'OWN_SUBMISSION');
      else blocks.set(id, authored.has(id) ? 'OWN_CHANGES' : null);
    }
    return blocks;
  }

  /**
   * Refuses `principal` approving `doc` when the rule blocks it. Revisions must be complete (the
   * editor stores a pending one before asking).
   * @throws AppError FORBIDDEN saying which part of the rule applies.
   */
  async assertMayApprove(principal: Principal, doc: ArticleDoc): Promise<void> {
    const block = (await this.blocks(principal, [doc])).get(doc._id.toHexString()) ?? null;
    if (block === 'OWN_SUBMISSION') throw appError(ErrorCode.FORBIDDEN, 'auth.ownSubmission');
    if (block === 'OWN_CHANGES') {
      const since = reviewedSince(doc);
      throw appError(ErrorCode.FORBIDDEN, 'auth.wroteChanges', {
        since: since === 0 ? 'the article was created' : `published version ${since}`,
      });
    }
  }
}
