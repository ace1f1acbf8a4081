import { definePolicy } from '../../auth/policy.js';
import type { Permission } from '../../auth/policy.js';
import type { Principal } from '../../auth/principal.js';
import type { ArticleAction, ArticleDoc } from './article.model.js';

/**
 * What the knowledge module lets whom do: the workflow actions, the editorial reads (history,
 * diffs, synonyms live in search.policy.ts) and the feedback loop. Who may *read* which article is
 * article.visibility.ts. Services call `articlesPolicy.authorize(principal, action, article?)`.
 */
export type KnowledgeAction =
  | ArticleAction
  | 'readHistory'
  | 'readStaffMetadata'
  | 'recordUse'
  | 'readUsage'
  | 'flag'
  | 'listFlags'
  | 'resolveFlag';

const EDITORS = { roles: ['editor'], who: 'editors (or admins)' } as const;
const REVIEWERS = { roles: ['reviewer'], who: 'reviewers (or admins)' } as const;
const EDITORIAL = { roles: ['editor', 'reviewer'], who: 'editors or reviewers (or admins)' } as const;
const STAFF = { roles: 'staff', who: 'staff' } as const;

const permissions: Record<KnowledgeAction, Permission<ArticleDoc>> = {
  create: { ...EDITORS, describe: 'create articles' },
  update: { ...EDITORS, describe: 'update articles' },
  submit: { ...EDITORS, describe: 'submit articles' },
  restore: { ...EDITORS, describe: 'restore articles' },
  // Who may approve which submission is the four-eyes rule (four-eyes.ts), which needs the revisions.
  publish: { ...REVIEWERS, describe: 'publish articles' },
  reject: { ...REVIEWERS, describe: 'reject articles' },
  archive: { ...EDITORIAL, describe: 'archive articles' },
  readHistory: { ...EDITORIAL, describe: 'read article history' },
  // Owner, open flags, unpublished changes: null for the public rather than an error.
  readStaffMetadata: { ...STAFF, describe: 'read staff metadata' },
  recordUse: { ...STAFF, describe: 'record article uses' },
  readUsage: { ...STAFF, describe: 'see article usage' },
  flag: { ...STAFF, describe: 'flag articles' },
  listFlags: { ...EDITORS, describe: 'list article flags' },
  resolveFlag: { ...EDITORS, describe: 'resolve article flags' },
};

/** The knowledge module's policy (see src/auth/policy.ts). */
export const articlesPolicy = definePolicy<KnowledgeAction, ArticleDoc>(permissions);

/**
 * Staff-only metadata of an article (its owner, whether unpublished changes wait, open flags): agents
 * and everyone above them; the public gets null.
 */
export function seesStaffMetadata(principal: Principal): boolean {
  return articlesPolicy.can(principal, 'readStaffMetadata');
}
