import type { ArticleAction, ArticleContent, ArticleDoc, ArticleStatus } from './article.model.js';
import { contentFromInput } from './article.model.js';
import type { CreateArticleInput } from './article.validation.js';

/**
 * The article life cycle: for each status, the actions allowed and the status they lead to.
 * Creating starts at DRAFT. Editing a PUBLISHED article makes a DRAFT working copy while the
 * published revision stays live; editing an article IN_REVIEW takes it back to DRAFT.
 */
export const TRANSITIONS: Readonly<Record<ArticleStatus, Partial<Record<ArticleAction, ArticleStatus>>>> = {
  DRAFT: { update: 'DRAFT', submit: 'IN_REVIEW', archive: 'ARCHIVED', restore: 'DRAFT' },
  IN_REVIEW: {
    update: 'DRAFT',
    publish: 'PUBLISHED',
    reject: 'DRAFT',
    archive: 'ARCHIVED',
    restore: 'DRAFT',
  },
  PUBLISHED: { update: 'DRAFT', archive: 'ARCHIVED', restore: 'DRAFT' },
  ARCHIVED: { restore: 'DRAFT' },
};

/** Actions that are no-ops when the article is already where they lead (safe to retry). */
const IDEMPOTENT: ReadonlySet<ArticleAction> = new Set(['submit', 'publish', 'archive']);

const WHY_NOT: Partial<Record<ArticleAction, Partial<Record<ArticleStatus, string>>>> = {
  publish: {
    DRAFT: 'only an article submitted for review can be published: submit it first',
    ARCHIVED: 'an archived article cannot be published: restore a revision as a draft first',
  },
  reject: {
    DRAFT: 'only an article in review can be rejected',
    PUBLISHED: 'only an article in review can be rejected',
  },
  update: { ARCHIVED: 'an archived article cannot be edited: restore a revision as a draft first' },
  submit: {
    PUBLISHED: 'there are no changes to submit: edit the article first',
    ARCHIVED: 'an archived article cannot be submitted: restore a revision as a draft first',
  },
};

export type TransitionResult =
  | { kind: 'move'; to: ArticleStatus }
  | { kind: 'already'; status: ArticleStatus }
  | { kind: 'illegal'; reason: string };

/** What `action` does to an article in status `from` (pure; the service turns `illegal` into BAD_USER_INPUT). */
export function transition(from: ArticleStatus, action: ArticleAction): TransitionResult {
  const to = TRANSITIONS[from][action];
  if (to !== undefined) return { kind: 'move', to };
  if (IDEMPOTENT.has(action) && isTargetOf(action, from)) return { kind: 'already', status: from };
  return {
    kind: 'illegal',
    reason: WHY_NOT[action]?.[from] ?? `cannot ${action} an article that is ${from}`,
  };
}

function isTargetOf(action: ArticleAction, status: ArticleStatus): boolean {
  return (
    (action === 'submit' && status === 'IN_REVIEW') ||
    (action === 'publish' && status === 'PUBLISHED') ||
    (action === 'archive' && status === 'ARCHIVED')
  );
}

export type ChangeDecision = TransitionResult | { kind: 'stale'; currentVersion: number };

/**
 * What a change sent with `expectedVersion` does to an article, in the order a client needs:
 * a retried idempotent action that already happened is a no-op (the retry carries the old
 * version); otherwise a stale version is a conflict (reload: the status may have moved) before the
 * transition is judged, so a stale client is never told its move is illegal for a status it never saw.
 */
export function decideChange(
  article: { status: ArticleStatus; version: number },
  action: ArticleAction,
  expectedVersion: number,
): ChangeDecision {
  const step = transition(article.status, action);
  if (step.kind === 'already') return step;
  if (article.version !== expectedVersion) return { kind: 'stale', currentVersion: article.version };
  return step;
}

/**
 * The revision actions whose author counts as an author of the revision under review: they wrote
 * its content (create, update, restore) or sent it for review (submit). Rejecting or archiving
 * writes no content, so a reviewer who rejected an earlier submission may approve the fixed one.
 */
export const AUTHORING_ACTIONS: readonly ArticleAction[] = ['create', 'update', 'restore', 'submit'];

/** The first version of an article: a DRAFT written by `author` at `at`, waiting for its revision and indexing. */
export function newDraft(
  author: string,
  input: CreateArticleInput,
  related: ArticleContent['related'],
  at: Date,
): Omit<ArticleDoc, '_id'> {
  const content: ArticleContent = contentFromInput(input, related);
  return {
    slug: input.slug,
    locale: input.locale,
    status: 'DRAFT',
    version: 1,
    current: content,
    live: null,
    liveVersion: null,
    publishedAt: null,
    publishedBy: null,
    owner: author,
    createdAt: at,
    createdBy: author,
    updatedAt: at,
    updatedBy: author,
    submittedAt: null,
    submittedBy: null,
    rejection: null,
    counters: { views: 0, helpful: 0, notHelpful: 0, uses: 0, openFlags: 0 },
    lastChange: { version: 1, action: 'create', author, at, note: input.note ?? null },
    revisionPending: true,
    searchPending: true,
    searchSyncedVersion: null,
  };
}
