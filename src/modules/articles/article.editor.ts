import type { Principal } from '../../auth/principal.js';
import { duplicateValue, isDuplicateKeyError } from '../../db/guards.js';
import { KeysBusyError } from '../../db/key-claims.js';
import { badField, badUserInput, conflict, notFound } from '../../errors.js';
import type { EventBus } from '../../events.js';
import type { Logger } from '../../logger.js';
import type {
  ArticleAction,
  ArticleContent,
  ArticleDoc,
  ArticleId,
  ArticleView,
  Locale,
} from './article.model.js';
import { categoryPathOf, isArticleId } from './article.model.js';
import { articlesPolicy } from './article.policy.js';
import type { ArticleRepository } from './article.repository.js';
import type { FourEyesRule } from './four-eyes.js';
import { createArticleSchema, noteSchema, reasonSchema, updateArticleSchema } from './article.validation.js';
import { decideChange, newDraft } from './article.workflow.js';
import { parseInput } from '../../lib/validation.js';

/** The fields a change sets besides the workflow bookkeeping `change` adds. */
type ChangedFields = Partial<ArticleDoc>;

/**
 * The editorial commands: create, edit and move articles through the workflow. Authorization,
 * workflow rules and validation live here; MongoDB I/O in the repository.
 */
export class ArticleEditor {
  constructor(
    private readonly repo: ArticleRepository,
    private readonly fourEyes: FourEyesRule,
    private readonly logger: Logger,
    private readonly events: EventBus,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Creates a draft.
   * @throws UNAUTHENTICATED/FORBIDDEN unless editor; BAD_USER_INPUT naming each bad field;
   *   CONFLICT when the slug is taken in that locale.
   */
  async createArticle(principal: Principal, rawInput: unknown): Promise<ArticleView> {
    articlesPolicy.authorize(principal, 'create');
    const input = parseInput(createArticleSchema, 'input', rawInput);
    const related = await this.checkReferences(input.category, input.related, null);
    // The slug and locale are held while checking and inserting: concurrent creates of one slug
    // give one article (see db/key-claims.ts), on the emulator and across instances alike.
    const doc = await this.holdingSlug(input.slug, input.locale, async () => {
      if (await this.repo.findBySlug(input.slug, input.locale))
        throw this.slugTaken(input.slug, input.locale);
      try {
        return await this.repo.insertNew(newDraft(principal.id, input, related, this.now()));
      } catch (error) {
        if (isDuplicateKeyError(error)) throw this.slugTaken(input.slug, input.locale);
        throw error;
      }
    });
    await this.storeRevision(doc);
    this.announce(doc);
    return { doc, content: doc.current };
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
    id: ArticleId,
    expectedVersion: number,
    rawInput: unknown,
  ): Promise<ArticleView> {
    articlesPolicy.authorize(principal, 'update');
    const input = parseInput(updateArticleSchema, 'input', rawInput);
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
          doc._id.toHexString(),
        );
      }
      return { current: next };
    });
  }

  /** @throws FORBIDDEN unless editor; BAD_USER_INPUT when not a draft; NOT_FOUND; CONFLICT. */
  submitArticleForReview(
    principal: Principal,
    id: ArticleId,
    expectedVersion: number,
    note: unknown,
  ): Promise<ArticleView> {
    articlesPolicy.authorize(principal, 'submit');
    const text = parseInput(noteSchema, 'note', note) ?? null;
    return this.change(principal, id, expectedVersion, 'submit', text, (_doc, at) => ({
      submittedAt: at,
      submittedBy: principal.id,
      rejection: null,
    }));
  }

  /**
   * Makes the submitted working copy the live revision.
   * @throws FORBIDDEN unless reviewer, and for the submitter or anyone who wrote a revision since
   *   the last published one (four eyes); BAD_USER_INPUT unless in review; NOT_FOUND; CONFLICT.
   */
  publishArticle(
    principal: Principal,
    id: ArticleId,
    expectedVersion: number,
    note: unknown,
  ): Promise<ArticleView> {
    articlesPolicy.authorize(principal, 'publish');
    const text = parseInput(noteSchema, 'note', note) ?? null;
    return this.change(principal, id, expectedVersion, 'publish', text, async (doc, at) => {
      // Revisions are complete here: `change` stores a pending one first.
      await this.fourEyes.assertMayApprove(principal, doc);
      return { live: doc.current, liveVersion: doc.version + 1, publishedAt: at, publishedBy: principal.id };
    });
  }

  /** Sends a submission back to draft with a reason. @throws FORBIDDEN, BAD_USER_INPUT, NOT_FOUND, CONFLICT. */
  rejectArticle(
    principal: Principal,
    id: ArticleId,
    expectedVersion: number,
    reason: unknown,
  ): Promise<ArticleView> {
    articlesPolicy.authorize(principal, 'reject');
    const text = parseInput(reasonSchema, 'reason', reason);
    return this.change(principal, id, expectedVersion, 'reject', text, (_doc, at) => ({
      rejection: { by: principal.id, at, reason: text },
    }));
  }

  /** Retires an article: no one but editors sees it any more. @throws FORBIDDEN, NOT_FOUND, CONFLICT. */
  archiveArticle(
    principal: Principal,
    id: ArticleId,
    expectedVersion: number,
    note: unknown,
  ): Promise<ArticleView> {
    articlesPolicy.authorize(principal, 'archive');
    const text = parseInput(noteSchema, 'note', note) ?? null;
    return this.change(principal, id, expectedVersion, 'archive', text, () => ({}));
  }

  /**
   * Makes an old revision's content the new draft (the live revision, if any, stays live).
   * @throws FORBIDDEN unless editor; NOT_FOUND for an unknown revision; CONFLICT.
   */
  restoreArticleRevision(
    principal: Principal,
    id: ArticleId,
    expectedVersion: number,
    revision: number,
    note: unknown,
  ): Promise<ArticleView> {
    articlesPolicy.authorize(principal, 'restore');
    const text = parseInput(noteSchema, 'note', note) ?? `restored revision ${revision}`;
    return this.change(principal, id, expectedVersion, 'restore', text, async () => {
      const old = await this.repo.findRevision(id, revision);
      if (!old) throw badField('revision', `article has no revision ${revision}`);
      return { current: old.content };
    });
  }

  // ---- internals ------------------------------------------------------------------------------

  /**
   * The one path every change to an existing article takes: load, authorize against the stored
   * article, apply the transition table, then one version-guarded single-document write that also
   * records the change for the revision, then the revision itself.
   */
  private async change(
    principal: Principal,
    id: ArticleId,
    expectedVersion: number,
    action: ArticleAction,
    note: string | null,
    build: (doc: ArticleDoc, at: Date) => ChangedFields | Promise<ChangedFields>,
  ): Promise<ArticleView> {
    if (!Number.isInteger(expectedVersion) || expectedVersion < 1) {
      throw badField('expectedVersion', 'must be the positive version you last read');
    }
    const doc = await this.repo.findById(id);
    if (!doc) throw notFound('Article', id);
    if (doc.revisionPending) await this.storeRevision(doc);
    articlesPolicy.authorize(principal, action, doc);

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
    const fields: ChangedFields = {
      ...(await build(doc, at)),
      status: step.to,
      updatedAt: at,
      updatedBy: principal.id,
      lastChange: { version: expectedVersion + 1, action, author: principal.id, at, note },
      revisionPending: true,
      // Marked in the same single-document write as the change: the indexer cannot miss it.
      searchPending: true,
    };
    const updated = await this.repo.saveChangeAtVersion(id, expectedVersion, fields);
    await this.storeRevision(updated);
    this.announce(updated);
    return this.viewForEditor(updated);
  }

  /** Announces a saved change (the indexer wakes on it; `searchPending` is the guarantee). */
  private announce(doc: ArticleDoc): void {
    this.events.publish('ArticleChanged', {
      id: doc._id.toHexString(),
      version: doc.version,
      action: doc.lastChange.action,
    });
  }

  private viewForEditor(doc: ArticleDoc): ArticleView {
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

  /** Checks the category exists and every related id names another existing article; returns their ids. */
  private async checkReferences(
    category: string,
    related: readonly string[],
    self: ArticleId | null,
  ): Promise<ArticleContent['related']> {
    if (!(await this.repo.findCategory(category))) {
      throw badField('input.category', `unknown category "${category}"`);
    }
    const ids = related.map((raw, index) => {
      if (!isArticleId(raw)) throw badField(`input.related.${index}`, 'not an article id');
      return raw.toLowerCase();
    });
    const found = new Map((await this.repo.findByIds(ids)).map((doc) => [doc._id.toHexString(), doc._id]));
    return ids.map((id, index) => {
      if (self !== null && id === self.toLowerCase())
        throw badField(`input.related.${index}`, 'an article cannot be related to itself');
      const ref = found.get(id);
      if (!ref) throw badField(`input.related.${index}`, 'no such article');
      return ref;
    });
  }

  private slugTaken(slug: string, locale: string, why = `already used in locale ${locale}`) {
    return duplicateValue('input.slug', slug, why);
  }
}
