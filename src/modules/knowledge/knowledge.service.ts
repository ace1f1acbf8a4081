import { ObjectId } from 'mongodb';
import type { Filter, UpdateFilter, WithId } from 'mongodb';
import type { ZodType } from 'zod';
import { hasRole } from '../../auth/principal.js';
import type { Principal } from '../../auth/principal.js';
import { duplicateValue, isDuplicateKeyError } from '../../db/guards.js';
import { decodeDateCursor, encodeCursor } from '../../db/keyset.js';
import { KeysBusyError } from '../../db/key-claims.js';
import { badField, badUserInput, conflict, forbidden, fromZodError, notFound } from '../../errors.js';
import type { EventBus } from '../../events.js';
import type { Logger } from '../../logger.js';
import type {
  ArticleAction,
  ArticleContent,
  ArticleDoc,
  ArticleStatus,
  Audience,
  CategoryDoc,
  Locale,
  RevisionDoc,
} from './article.model.js';
import { categoryPathOf, contentFromInput } from './article.model.js';
import { bodyDiff, fieldChanges } from './article.diff.js';
import type { FieldChange, LineChange } from './article.diff.js';
import { knowledgePolicy } from './article.policy.js';
import { toMeiliFilter, toMongoFilter, visibilityRule, visibleContent } from './article.visibility.js';
import type { ReadPurpose } from './article.visibility.js';
import type { ArticleRepository } from './article.repository.js';
import {
  createArticleSchema,
  normaliseErrorCode,
  noteSchema,
  reasonSchema,
  updateArticleSchema,
} from './article.validation.js';
import type { CreateArticleInput } from './article.validation.js';
import { AUTHORING_ACTIONS, decideChange } from './article.workflow.js';

/** An article as one caller sees it: the document and the copy of its content they may read. */
export interface ArticleView {
  doc: WithId<ArticleDoc>;
  content: ArticleContent;
}

export interface ArticleFilter {
  /** A category key: the category and everything under it. */
  category?: string | null;
  tag?: string | null;
  status?: ArticleStatus | null;
  audience?: Audience | null;
  locale?: Locale | null;
  errorCode?: string | null;
  /** true: only articles outside their validity window (editors); false: only those inside. */
  expired?: boolean | null;
}

export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
  endCursor: string | null;
  totalCount: () => Promise<number>;
}

export const MAX_PAGE_SIZE = 100;

function parse<T>(schema: ZodType<T>, root: string, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw fromZodError(root, result.error);
  return result.data;
}

/** The cursor of an article in the recency order. */
export function articleCursor(doc: Pick<ArticleDoc, 'updatedAt' | '_id'>): string {
  return encodeCursor(doc.updatedAt, doc._id);
}

/** @throws AppError BAD_USER_INPUT naming `field` when `first` is out of range. */
export function pageSize(first: number | null | undefined, field = 'first', fallback = 20): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw badField(field, `must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return size;
}

/**
 * The knowledge base's commands and queries: authorization, workflow rules and validation live
 * here; MongoDB I/O lives in the repository.
 */
export class KnowledgeService {
  constructor(
    private readonly repo: ArticleRepository,
    private readonly logger: Logger,
    private readonly events: EventBus,
    private readonly now: () => Date = () => new Date(),
  ) {}

  // ---- reads ----------------------------------------------------------------------------------

  /**
   * The view of `doc` for this principal, or null when they may not read it (article.visibility.ts).
   * Every read path goes through this or `readableFilter`.
   */
  view(principal: Principal, doc: WithId<ArticleDoc>, purpose: ReadPurpose = 'read'): ArticleView | null {
    const content = visibleContent(principal, doc, this.now(), purpose);
    return content ? { doc, content } : null;
  }

  /** The views of `docs` this principal may read, in order (the others are left out). */
  views(principal: Principal, docs: readonly (WithId<ArticleDoc> | null | undefined)[]): ArticleView[] {
    return docs
      .map((doc) => (doc ? this.view(principal, doc) : null))
      .filter((view): view is ArticleView => view !== null);
  }

  /** The MongoDB filter of the articles this principal may read now (for queries other modules run). */
  readableFilter(principal: Principal, purpose: ReadPurpose = 'read'): Filter<ArticleDoc> {
    return toMongoFilter(principal, this.now(), purpose);
  }

  /** The Meilisearch filter of the articles this principal may find now (published revisions). */
  searchableFilter(principal: Principal): string {
    return toMeiliFilter(principal, this.now());
  }

  /** A page of the articles this principal may read, newest change first. */
  async listArticles(
    principal: Principal,
    filter: ArticleFilter,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Page<ArticleView>> {
    const limit = pageSize(first);
    const decoded = after ? decodeDateCursor(after) : null;
    const cursor = decoded ? { updatedAt: decoded.value, id: decoded.id } : null;
    const mongoFilter = this.articleFilter(principal, filter);
    const docs = await this.repo.findPage(mongoFilter, cursor, limit);
    const hasNextPage = docs.length > limit;
    const items = docs
      .slice(0, limit)
      .map((doc) => this.view(principal, doc))
      .filter((view): view is ArticleView => view !== null);
    const last = docs[Math.min(docs.length, limit) - 1];
    return {
      items,
      hasNextPage,
      endCursor: last ? articleCursor(last) : null,
      totalCount: () => this.repo.count(mongoFilter),
    };
  }

  private articleFilter(principal: Principal, filter: ArticleFilter): Filter<ArticleDoc> {
    const rule = visibilityRule(principal);
    const field = rule.copy;
    const editor = rule.copy === 'current';
    const now = this.now();
    const clauses: Filter<ArticleDoc>[] = [toMongoFilter(principal, now)];
    if (filter.category) clauses.push({ [`${field}.categoryPath`]: filter.category });
    if (filter.tag) clauses.push({ [`${field}.tags`]: filter.tag });
    if (filter.errorCode) clauses.push({ [`${field}.errorCodes`]: normaliseErrorCode(filter.errorCode) });
    if (filter.audience) clauses.push({ [`${field}.audience`]: filter.audience });
    if (filter.locale) clauses.push({ locale: filter.locale });
    if (filter.status) {
      if (!editor && filter.status !== 'PUBLISHED') {
        throw badField(
          'filter.status',
          'only editors and reviewers can list articles that are not published',
        );
      }
      if (editor) clauses.push({ status: filter.status });
    }
    if (filter.expired === true) {
      if (!editor) return { _id: { $exists: false } };
      clauses.push({
        $or: [{ 'current.validTo': { $lte: now } }, { 'current.validFrom': { $gt: now } }],
      });
    } else if (filter.expired === false && editor) {
      clauses.push(
        { $or: [{ 'current.validFrom': null }, { 'current.validFrom': { $lte: now } }] },
        { $or: [{ 'current.validTo': null }, { 'current.validTo': { $gt: now } }] },
      );
    }
    return { $and: clauses };
  }

  /** The category tree, flat, in key order. */
  categories(): Promise<CategoryDoc[]> {
    return this.repo.allCategories();
  }

  /**
   * Revisions of an article, newest first.
   * @throws AppError UNAUTHENTICATED/FORBIDDEN unless editor, reviewer or admin.
   */
  async history(
    principal: Principal,
    doc: ArticleDoc,
    first: number | null | undefined,
    before: number | null | undefined,
  ): Promise<{ items: RevisionDoc[]; hasMore: boolean }> {
    knowledgePolicy.authorize(principal, 'readHistory', doc);
    const limit = pageSize(first, 'first', 20);
    const revisions = await this.repo.findRevisions(doc._id, before ?? null, limit);
    return { items: revisions.slice(0, limit), hasMore: revisions.length > limit };
  }

  /** One revision of an article (editors, reviewers, admins); null for anyone else or when missing. */
  async revision(principal: Principal, articleId: ObjectId, version: number): Promise<RevisionDoc | null> {
    if (!knowledgePolicy.can(principal, 'readHistory')) return null;
    return this.repo.findRevision(articleId, version);
  }

  /**
   * Field changes and a body line diff between two revisions of an article.
   * @throws AppError UNAUTHENTICATED/FORBIDDEN unless editor, reviewer or admin; NOT_FOUND for an
   *   unknown article or revision.
   */
  async diff(
    principal: Principal,
    id: ObjectId,
    from: number,
    to: number,
  ): Promise<{ from: RevisionDoc; to: RevisionDoc; fields: FieldChange[]; body: LineChange[] }> {
    knowledgePolicy.authorize(principal, 'readHistory');
    const [older, newer] = await Promise.all([
      this.repo.findRevision(id, from),
      this.repo.findRevision(id, to),
    ]);
    if (!older) throw notFound('Revision', `${id.toHexString()}@${from}`);
    if (!newer) throw notFound('Revision', `${id.toHexString()}@${to}`);
    return {
      from: older,
      to: newer,
      fields: fieldChanges(older.content, newer.content),
      body: bodyDiff(older.content.body, newer.content.body),
    };
  }

  // ---- commands -------------------------------------------------------------------------------

  /**
   * Creates a draft.
   * @throws UNAUTHENTICATED/FORBIDDEN unless editor; BAD_USER_INPUT naming each bad field;
   *   CONFLICT when the slug is taken in that locale.
   */
  async createArticle(principal: Principal, rawInput: unknown): Promise<ArticleView> {
    knowledgePolicy.authorize(principal, 'create');
    const input = parse(createArticleSchema, 'input', rawInput);
    const related = await this.checkReferences(input.category, input.related, null);
    // The slug and locale are held while checking and inserting: concurrent creates of one slug
    // give one article (see db/key-claims.ts), on the emulator and across instances alike.
    const doc = await this.holdingSlug(input.slug, input.locale, async () => {
      if (await this.repo.findBySlug(input.slug, input.locale))
        throw this.slugTaken(input.slug, input.locale);
      const draft = this.newDraft(principal, input, related);
      try {
        await this.repo.insert(draft);
      } catch (error) {
        if (isDuplicateKeyError(error)) throw this.slugTaken(input.slug, input.locale);
        throw error;
      }
      return draft;
    });
    await this.storeRevision(doc);
    this.announce(doc);
    return { doc, content: doc.current };
  }

  /** The first version of an article as a draft written by `principal`. */
  private newDraft(principal: Principal, input: CreateArticleInput, related: ObjectId[]): WithId<ArticleDoc> {
    const at = this.now();
    const content: ArticleContent = contentFromInput(input, related);
    return {
      _id: new ObjectId(),
      slug: input.slug,
      locale: input.locale,
      status: 'DRAFT',
      version: 1,
      current: content,
      live: null,
      liveVersion: null,
      publishedAt: null,
      publishedBy: null,
      owner: principal.id,
      createdAt: at,
      createdBy: principal.id,
      updatedAt: at,
      updatedBy: principal.id,
      submittedAt: null,
      submittedBy: null,
      rejection: null,
      counters: { views: 0, helpful: 0, notHelpful: 0, uses: 0, openFlags: 0 },
      lastChange: { version: 1, action: 'create', author: principal.id, at, note: input.note ?? null },
      revisionPending: true,
      searchPending: true,
      searchSyncedVersion: null,
    };
  }

  /** Runs `work` holding the slug in that locale; kept busy too long, it is CONFLICT on `input.slug`. */
  private async holdingSlug<T>(slug: string, locale: Locale, work: () => Promise<T>): Promise<T> {
    try {
      return await this.repo.withSlugsHeld([{ slug, locale }], work);
    } catch (error) {
      if (error instanceof KeysBusyError)
        throw this.slugTaken(slug, locale, 'being created by another request');
      throw error;
    }
  }

  /**
   * Saves changes to the working copy. A published article keeps serving its live revision.
   * @throws FORBIDDEN unless editor; BAD_USER_INPUT for bad fields or an archived article;
   *   NOT_FOUND; CONFLICT when `expectedVersion` is stale.
   */
  async updateArticle(
    principal: Principal,
    id: ObjectId,
    expectedVersion: number,
    rawInput: unknown,
  ): Promise<ArticleView> {
    knowledgePolicy.authorize(principal, 'update');
    const input = parse(updateArticleSchema, 'input', rawInput);
    return this.change(principal, id, expectedVersion, 'update', input.note ?? null, async (doc) => {
      const next: ArticleContent = { ...doc.current };
      if (input.title !== undefined) next.title = input.title;
      if (input.summary !== undefined) next.summary = input.summary;
      if (input.body !== undefined) next.body = input.body;
      if (input.tags !== undefined) next.tags = input.tags;
      if (input.errorCodes !== undefined) next.errorCodes = input.errorCodes;
      if (input.audience !== undefined) next.audience = input.audience;
      if (input.validFrom !== undefined) next.validFrom = input.validFrom;
      if (input.validTo !== undefined) next.validTo = input.validTo;
      if (next.validFrom && next.validTo && next.validFrom >= next.validTo) {
        throw badField('input.validTo', 'validTo must be after validFrom');
      }
      if (input.category !== undefined) {
        next.category = input.category;
        next.categoryPath = categoryPathOf(input.category);
      }
      if (input.category !== undefined || input.related !== undefined) {
        next.related = await this.checkReferences(
          next.category,
          input.related ?? next.related.map((ref) => ref.toHexString()),
          doc._id,
        );
      }
      return { $set: { current: next } };
    });
  }

  /** @throws FORBIDDEN unless editor; BAD_USER_INPUT when not a draft; NOT_FOUND; CONFLICT. */
  submitArticleForReview(
    principal: Principal,
    id: ObjectId,
    expectedVersion: number,
    note: unknown,
  ): Promise<ArticleView> {
    knowledgePolicy.authorize(principal, 'submit');
    const text = parse(noteSchema, 'note', note) ?? null;
    return this.change(principal, id, expectedVersion, 'submit', text, (_doc, at) => ({
      $set: { submittedAt: at, submittedBy: principal.id, rejection: null },
    }));
  }

  /**
   * Makes the submitted working copy the live revision.
   * @throws FORBIDDEN unless reviewer, and for the submitter or anyone who wrote a revision since
   *   the last published one (four eyes); BAD_USER_INPUT unless in review; NOT_FOUND; CONFLICT.
   */
  publishArticle(
    principal: Principal,
    id: ObjectId,
    expectedVersion: number,
    note: unknown,
  ): Promise<ArticleView> {
    knowledgePolicy.authorize(principal, 'publish');
    const text = parse(noteSchema, 'note', note) ?? null;
    return this.change(principal, id, expectedVersion, 'publish', text, async (doc, at) => {
      await this.assertNotAnAuthor(principal, doc);
      return {
        $set: { live: doc.current, liveVersion: doc.version + 1, publishedAt: at, publishedBy: principal.id },
      };
    });
  }

  /** Sends a submission back to draft with a reason. @throws FORBIDDEN, BAD_USER_INPUT, NOT_FOUND, CONFLICT. */
  rejectArticle(
    principal: Principal,
    id: ObjectId,
    expectedVersion: number,
    reason: unknown,
  ): Promise<ArticleView> {
    knowledgePolicy.authorize(principal, 'reject');
    const text = parse(reasonSchema, 'reason', reason);
    return this.change(principal, id, expectedVersion, 'reject', text, (_doc, at) => ({
      $set: { rejection: { by: principal.id, at, reason: text } },
    }));
  }

  /** Retires an article: no one but editors sees it any more. @throws FORBIDDEN, NOT_FOUND, CONFLICT. */
  archiveArticle(
    principal: Principal,
    id: ObjectId,
    expectedVersion: number,
    note: unknown,
  ): Promise<ArticleView> {
    knowledgePolicy.authorize(principal, 'archive');
    const text = parse(noteSchema, 'note', note) ?? null;
    return this.change(principal, id, expectedVersion, 'archive', text, () => ({}));
  }

  /**
   * Makes an old revision's content the new draft (the live revision, if any, stays live).
   * @throws FORBIDDEN unless editor; NOT_FOUND for an unknown revision; CONFLICT.
   */
  restoreArticleRevision(
    principal: Principal,
    id: ObjectId,
    expectedVersion: number,
    revision: number,
    note: unknown,
  ): Promise<ArticleView> {
    knowledgePolicy.authorize(principal, 'restore');
    const text = parse(noteSchema, 'note', note) ?? `restored revision ${revision}`;
    return this.change(principal, id, expectedVersion, 'restore', text, async () => {
      const old = await this.repo.findRevision(id, revision);
      if (!old) throw badField('revision', `article has no revision ${revision}`);
      return { $set: { current: old.content } };
    });
  }

  /** Stores revisions left pending by an interrupted change (run at start-up). Returns how many. */
  async repairPendingRevisions(): Promise<number> {
    const pending = await this.repo.findWithPendingRevision(500);
    for (const doc of pending) await this.repo.storeRevision(doc);
    if (pending.length > 0) this.logger.warn({ count: pending.length }, 'stored revisions left pending');
    return pending.length;
  }

  // ---- internals ------------------------------------------------------------------------------

  /**
   * The one path every change to an existing article takes: load, authorize against the stored
   * article, apply the transition table, then one version-guarded single-document write that also
   * records the change for the revision, then the revision itself.
   */
  private async change(
    principal: Principal,
    id: ObjectId,
    expectedVersion: number,
    action: ArticleAction,
    note: string | null,
    build: (
      doc: WithId<ArticleDoc>,
      at: Date,
    ) => UpdateFilter<ArticleDoc> | Promise<UpdateFilter<ArticleDoc>>,
  ): Promise<ArticleView> {
    if (!Number.isInteger(expectedVersion) || expectedVersion < 1) {
      throw badField('expectedVersion', 'must be the positive version you last read');
    }
    const doc = await this.repo.findById(id);
    if (!doc) throw notFound('Article', id.toHexString());
    if (doc.revisionPending) await this.storeRevision(doc);
    knowledgePolicy.authorize(principal, action, doc);

    const step = decideChange(doc, action, expectedVersion);
    if (step.kind === 'already') return this.viewForEditor(doc);
    if (step.kind === 'stale') {
      throw conflict(
        `Article was changed by someone else: you sent version ${expectedVersion}, the current version is ${step.currentVersion} (${doc.status}). Reload and apply your change again.`,
        { expectedVersion, currentVersion: step.currentVersion },
      );
    }
    if (step.kind === 'illegal') {
      throw badUserInput(`Cannot ${action} this article: ${step.reason}.`, [
        { path: 'id', message: step.reason },
      ]);
    }
    const at = this.now();
    const update = await build(doc, at);
    const set = {
      ...(update.$set ?? {}),
      status: step.to,
      updatedAt: at,
      updatedBy: principal.id,
      lastChange: { version: expectedVersion + 1, action, author: principal.id, at, note },
      revisionPending: true,
      // Marked in the same single-document write as the change: the indexer cannot miss it.
      searchPending: true,
    };
    const updated = await this.repo.updateAtVersion(id, expectedVersion, { ...update, $set: set });
    await this.storeRevision(updated);
    this.announce(updated);
    return this.viewForEditor(updated);
  }

  /**
   * Four eyes: whoever wrote or submitted any revision since the last published one may not approve
   * it (admins excepted, as everywhere). Revisions are complete here: `change` stores a pending one first.
   * @throws AppError FORBIDDEN naming the rule.
   */
  private async assertNotAnAuthor(principal: Principal, doc: WithId<ArticleDoc>): Promise<void> {
    if (hasRole(principal, 'admin')) return;
    const since = doc.liveVersion ?? 0;
    const wrote =
      doc.submittedBy === principal.id ||
      (await this.repo.hasRevisionBy(doc._id, since, principal.id, AUTHORING_ACTIONS));
    if (wrote) {
      throw forbidden(
        `You wrote or submitted part of the changes under review (since ${since === 0 ? 'the article was created' : `published version ${since}`}): another reviewer must publish it.`,
      );
    }
  }

  /** Announces a saved change (the indexer wakes on it; `searchPending` is the guarantee). */
  private announce(doc: ArticleDoc): void {
    this.events.publish('ArticleChanged', {
      id: doc._id.toHexString(),
      version: doc.version,
      action: doc.lastChange.action,
    });
  }

  private viewForEditor(doc: WithId<ArticleDoc>): ArticleView {
    return { doc, content: doc.current };
  }

  /** The change is saved; a failure here only delays its revision (repaired on the next change or start). */
  private async storeRevision(doc: ArticleDoc): Promise<void> {
    try {
      await this.repo.storeRevision(doc);
    } catch (error) {
      this.logger.error(
        { err: error, articleId: doc._id.toHexString() },
        'revision not stored yet; it stays pending',
      );
    }
  }

  /** Checks the category exists and every related id names another existing article. */
  private async checkReferences(
    category: string,
    related: readonly string[],
    self: ObjectId | null,
  ): Promise<ObjectId[]> {
    if (!(await this.repo.findCategory(category))) {
      throw badField('input.category', `unknown category "${category}"`);
    }
    const ids = related.map((raw, index) => {
      if (!ObjectId.isValid(raw) || raw.length !== 24)
        throw badField(`input.related.${index}`, 'not an article id');
      return new ObjectId(raw);
    });
    const found = new Set((await this.repo.findByIds(ids)).map((doc) => doc._id.toHexString()));
    ids.forEach((id, index) => {
      if (self && id.equals(self))
        throw badField(`input.related.${index}`, 'an article cannot be related to itself');
      if (!found.has(id.toHexString())) throw badField(`input.related.${index}`, 'no such article');
    });
    return ids;
  }

  private slugTaken(slug: string, locale: string, why = `already used in locale ${locale}`) {
    return duplicateValue('input.slug', slug, why);
  }
}
