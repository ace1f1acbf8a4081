/**
 * Who may read which article, written once. A reader class (public, staff, editorial) maps to a
 * rule: which copy of the article it reads and the conditions that copy must meet. The conditions
 * are data; `isVisible`, `toMongoFilter` and `toMeiliFilter` are compiled from the same objects, and
 * the search index document takes its visibility attributes from them too (`indexVisibilityFields`).
 * tests/integration/visibility-property.test.ts shows the three forms select the same articles.
 *
 * Time is compared at whole-second resolution everywhere, because the search index stores the
 * validity window as epoch seconds: an article whose window opens at 09:00:00.400 is readable
 * from 09:00:00.000 on, in memory, in MongoDB and in Meilisearch alike.
 */
import type { Filter } from 'mongodb';
import type { Principal } from '../../auth/principal.js';
import { hasRole } from '../../auth/principal.js';
import type { ArticleContent, ArticleDoc, ArticleStatus, Audience } from './article.model.js';

/** The three kinds of reader the rules distinguish. */
export type ReaderClass = 'public' | 'staff' | 'editorial';

/** What a read is for: `read` (lists, lookups, related ...) or `search` (published revisions only). */
export type ReadPurpose = 'read' | 'search';

/** One condition on an article, as data. `now` is supplied when the rule is compiled or evaluated. */
export type VisibilityCondition =
  | { readonly op: 'hasLiveRevision' }
  | { readonly op: 'statusIsNot'; readonly status: ArticleStatus }
  | { readonly op: 'audienceIs'; readonly audience: Audience }
  | { readonly op: 'windowStarted' }
  | { readonly op: 'windowNotEnded' };

/** What one reader class reads: the working copy (`current`) or the approved revision (`live`). */
export interface VisibilityRule {
  readonly reader: ReaderClass;
  readonly copy: 'current' | 'live';
  /** All must hold. */
  readonly conditions: readonly VisibilityCondition[];
}

const HAS_LIVE: VisibilityCondition = { op: 'hasLiveRevision' };
const NOT_ARCHIVED: VisibilityCondition = { op: 'statusIsNot', status: 'ARCHIVED' };
const STARTED: VisibilityCondition = { op: 'windowStarted' };
const NOT_ENDED: VisibilityCondition = { op: 'windowNotEnded' };
const PUBLIC_ONLY: VisibilityCondition = { op: 'audienceIs', audience: 'PUBLIC' };

/**
 * The conditions that put an article in the search index at all (time- and reader-independent).
 * Meilisearch filters need not repeat them: the index holds nothing else.
 */
export const INDEXED_WHEN: readonly VisibilityCondition[] = [HAS_LIVE, NOT_ARCHIVED];

/** The whole policy. */
export const VISIBILITY_RULES: Readonly<Record<ReaderClass, VisibilityRule>> = {
  // Editors, reviewers and admins work on drafts: they read every article's working copy.
  editorial: { reader: 'editorial', copy: 'current', conditions: [] },
  // Agents: the published revision, PUBLIC and INTERNAL, while in its validity window.
  staff: { reader: 'staff', copy: 'live', conditions: [...INDEXED_WHEN, STARTED, NOT_ENDED] },
  // The public: the same, PUBLIC only.
  public: { reader: 'public', copy: 'live', conditions: [...INDEXED_WHEN, PUBLIC_ONLY, STARTED, NOT_ENDED] },
};

/** The reader class of a principal: any role is staff; editor, reviewer or admin is editorial. */
export function readerClass(principal: Principal): ReaderClass {
  if (hasRole(principal, 'editor') || hasRole(principal, 'reviewer')) return 'editorial';
  return principal.roles.length > 0 ? 'staff' : 'public';
}

/**
 * The rule that applies to a principal. Search serves published revisions only, so editorial
 * readers search as staff.
 */
export function visibilityRule(principal: Principal, purpose: ReadPurpose = 'read'): VisibilityRule {
  const reader = readerClass(principal);
  if (purpose === 'search' && reader === 'editorial') return VISIBILITY_RULES.staff;
  return VISIBILITY_RULES[reader];
}

/** Editors, reviewers and admins see drafts, history and every status; agents and the public do not. */
export function seesWorkingCopies(principal: Principal): boolean {
  return visibilityRule(principal).copy === 'current';
}

/** Whether the principal's rules let INTERNAL articles through (agents and everyone above them). */
export function seesInternal(principal: Principal): boolean {
  return !visibilityRule(principal).conditions.some((condition) => condition.op === 'audienceIs');
}

// ---- time at the index's resolution ------------------------------------------------------------

/** A "no end" validity bound that stays an exact integer in Meilisearch filters (9999-12-31T23:59:59Z). */
export const MAX_TS = 253402300799;

function epochSecond(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** The first instant of the second after `now`'s: `x < it` <=> `epochSecond(x) <= epochSecond(now)`. */
function nextSecond(now: Date): Date {
  return new Date((epochSecond(now) + 1) * 1000);
}

// ---- the in-memory predicate ---------------------------------------------------------------------

function holds(condition: VisibilityCondition, doc: Pick<ArticleDoc, 'status' | 'live'>, now: Date): boolean {
  const live = doc.live;
  switch (condition.op) {
    case 'hasLiveRevision':
      return live !== null;
    case 'statusIsNot':
      return doc.status !== condition.status;
    case 'audienceIs':
      return live?.audience === condition.audience;
    case 'windowStarted':
      return live !== null && (live.validFrom === null || epochSecond(live.validFrom) <= epochSecond(now));
    case 'windowNotEnded':
      return live !== null && (live.validTo === null || epochSecond(live.validTo) > epochSecond(now));
  }
}

/** Whether the rule lets `doc` through at `now`. */
export function ruleAllows(rule: VisibilityRule, doc: ArticleDoc, now: Date): boolean {
  return rule.conditions.every((condition) => holds(condition, doc, now));
}

/** Whether `principal` may read `doc` at `now` (for `purpose`). */
export function isVisible(
  principal: Principal,
  doc: ArticleDoc,
  now: Date,
  purpose: ReadPurpose = 'read',
): boolean {
  return ruleAllows(visibilityRule(principal, purpose), doc, now);
}

/**
 * The content this principal reads of an article, or null when the article is invisible to them:
 * the working copy for editorial readers, the live revision for everyone else.
 */
export function visibleContent(
  principal: Principal,
  doc: ArticleDoc,
  now: Date,
  purpose: ReadPurpose = 'read',
): ArticleContent | null {
  const rule = visibilityRule(principal, purpose);
  if (!ruleAllows(rule, doc, now)) return null;
  return rule.copy === 'current' ? doc.current : doc.live;
}

// ---- MongoDB -------------------------------------------------------------------------------------

function mongoClause(condition: VisibilityCondition, now: Date): Filter<ArticleDoc> {
  switch (condition.op) {
    case 'hasLiveRevision':
      return { live: { $ne: null } };
    case 'statusIsNot':
      return { status: { $ne: condition.status } };
    case 'audienceIs':
      return { 'live.audience': condition.audience };
    case 'windowStarted':
      return {
        live: { $ne: null },
        $or: [{ 'live.validFrom': null }, { 'live.validFrom': { $lt: nextSecond(now) } }],
      };
    case 'windowNotEnded':
      return {
        live: { $ne: null },
        $or: [{ 'live.validTo': null }, { 'live.validTo': { $gte: nextSecond(now) } }],
      };
  }
}

/** The MongoDB filter matching exactly the articles `ruleAllows(rule, ·, now)` lets through. */
export function ruleToMongoFilter(rule: VisibilityRule, now: Date): Filter<ArticleDoc> {
  if (rule.conditions.length === 0) return {};
  return { $and: rule.conditions.map((condition) => mongoClause(condition, now)) };
}

/**
 * The MongoDB filter of the articles that have a readable revision for someone (the `INDEXED_WHEN`
 * conditions): what batch loaders fetch before each reader's own rule is applied by `isVisible`.
 */
export function liveRevisionFilter(): Filter<ArticleDoc> {
  return { $and: INDEXED_WHEN.map((condition) => mongoClause(condition, new Date(0))) };
}

/** The MongoDB filter matching exactly the articles `isVisible(principal, ·, now, purpose)` accepts. */
export function toMongoFilter(
  principal: Principal,
  now: Date,
  purpose: ReadPurpose = 'read',
): Filter<ArticleDoc> {
  return ruleToMongoFilter(visibilityRule(principal, purpose), now);
}

// ---- Meilisearch ---------------------------------------------------------------------------------

/** The visibility attributes of an article's search document (see documents.ts). */
export interface IndexVisibilityFields {
  audience: Audience;
  /** Validity window as epoch seconds; 0 and MAX_TS stand for "open". */
  validFromTs: number;
  validToTs: number;
}

/** The visibility attributes the index stores for a live revision, in the encoding the filters expect. */
export function indexVisibilityFields(live: ArticleContent): IndexVisibilityFields {
  return {
    audience: live.audience,
    validFromTs: live.validFrom ? epochSecond(live.validFrom) : 0,
    validToTs: live.validTo ? epochSecond(live.validTo) : MAX_TS,
  };
}

/** Whether an article belongs in the search index: the `INDEXED_WHEN` conditions hold. */
export function isIndexable(doc: Pick<ArticleDoc, 'status' | 'live'>): boolean {
  return INDEXED_WHEN.every((condition) => holds(condition, doc, new Date(0)));
}

function meiliClause(condition: VisibilityCondition, now: Date): string | null {
  // The index holds only documents meeting INDEXED_WHEN: those conditions need no clause.
  if (INDEXED_WHEN.includes(condition)) return null;
  switch (condition.op) {
    case 'audienceIs':
      return `audience = ${condition.audience}`;
    case 'windowStarted':
      return `validFromTs <= ${epochSecond(now)}`;
    case 'windowNotEnded':
      return `validToTs > ${epochSecond(now)}`;
    case 'hasLiveRevision':
    case 'statusIsNot':
      throw new Error(`visibility condition ${condition.op} has no Meilisearch form outside INDEXED_WHEN`);
  }
}

/**
 * The Meilisearch filter (over the article index) for a rule. Only rules over the live revision
 * compile: the index holds nothing else.
 * @throws Error for a working-copy rule (a programming error).
 */
export function ruleToMeiliFilter(rule: VisibilityRule, now: Date): string {
  if (rule.copy !== 'live') throw new Error(`the ${rule.reader} rule reads working copies: not in the index`);
  const clauses = rule.conditions
    .map((condition) => meiliClause(condition, now))
    .filter((clause): clause is string => clause !== null);
  return clauses.length > 0 ? clauses.join(' AND ') : '';
}

/** The Meilisearch filter matching the articles `isVisible(principal, ·, now, 'search')` accepts. */
export function toMeiliFilter(principal: Principal, now: Date): string {
  return ruleToMeiliFilter(visibilityRule(principal, 'search'), now);
}
