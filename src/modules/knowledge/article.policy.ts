import type { Filter } from 'mongodb';
import { hasRole } from '../../auth/principal.js';
import type { Principal, Role } from '../../auth/principal.js';
import { forbidden, unauthenticated } from '../../errors.js';
import type { ArticleAction, ArticleContent, ArticleDoc } from './article.model.js';
import { isInWindow } from './article.model.js';

/** Who may do each workflow action (admins may do everything). */
export const ACTION_ROLES: Readonly<Record<ArticleAction, readonly Role[]>> = {
  create: ['editor'],
  update: ['editor'],
  submit: ['editor'],
  restore: ['editor'],
  publish: ['reviewer'],
  reject: ['reviewer'],
  archive: ['editor', 'reviewer'],
};

/** Editors, reviewers and admins see drafts, history and every status; agents and the public do not. */
export function seesWorkingCopies(principal: Principal): boolean {
  return hasRole(principal, 'editor') || hasRole(principal, 'reviewer');
}

/** Agents and everyone above them see INTERNAL articles. */
export function seesInternal(principal: Principal): boolean {
  return principal.roles.length > 0;
}

/**
 * Staff-only metadata of an article (its owner, whether unpublished changes wait, open flags): agents
 * and everyone above them; the public gets null.
 */
export function seesStaffMetadata(principal: Principal): boolean {
  return principal.roles.length > 0;
}

/**
 * Refuses a workflow action the principal may not take.
 * @throws AppError UNAUTHENTICATED for the public, FORBIDDEN for a role without the right,
 *   FORBIDDEN for a reviewer publishing their own submission.
 */
export function authorizeArticleAction(
  principal: Principal,
  action: ArticleAction,
  article?: ArticleDoc,
): void {
  if (principal.isPublic) throw unauthenticated(`Authentication required to ${action} articles.`);
  const allowed = ACTION_ROLES[action].some((role) => hasRole(principal, role));
  if (!allowed) {
    throw forbidden(`Only ${ACTION_ROLES[action].join(' or ')}s (or admins) may ${action} articles.`);
  }
  if (action === 'publish' && article?.submittedBy === principal.id && !principal.roles.includes('admin')) {
    throw forbidden('A reviewer cannot approve their own submission: another reviewer must publish it.');
  }
}

/**
 * The content this principal reads of an article, or null when the article is invisible to them.
 * Readers (public, agents) get the live revision when it is in its window; editors get the working copy.
 */
export function visibleContent(principal: Principal, article: ArticleDoc, now: Date): ArticleContent | null {
  if (seesWorkingCopies(principal)) return article.current;
  const live = article.live;
  if (!live || article.status === 'ARCHIVED') return null;
  if (live.audience === 'INTERNAL' && !seesInternal(principal)) return null;
  if (!isInWindow(live, now)) return null;
  return live;
}

/** The MongoDB filter matching exactly the articles `visibleContent` lets this principal read. */
export function visibilityFilter(principal: Principal, now: Date): Filter<ArticleDoc> {
  if (seesWorkingCopies(principal)) return {};
  return {
    status: { $ne: 'ARCHIVED' },
    live: { $ne: null },
    ...(seesInternal(principal) ? {} : { 'live.audience': 'PUBLIC' }),
    $and: [
      { $or: [{ 'live.validFrom': null }, { 'live.validFrom': { $lte: now } }] },
      { $or: [{ 'live.validTo': null }, { 'live.validTo': { $gt: now } }] },
    ],
  };
}

/** Which copy filters on content apply to: `live` for readers, `current` for editors. */
export function contentField(principal: Principal): 'live' | 'current' {
  return seesWorkingCopies(principal) ? 'current' : 'live';
}
