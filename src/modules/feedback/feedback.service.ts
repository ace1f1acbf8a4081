import { z } from 'zod';
import type { Principal } from '../../auth/principal.js';
import { keysetItems, keysetPageOf } from '../../db/keyset.js';
import { pageFlags, pageSize } from '../../lib/paging.js';
import type { Page, PageRequest } from '../../lib/paging.js';
import { badField, fromZodError, notFound } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { ArticleCounters, ArticleDoc, ArticleId, ArticleView, Locale } from '../articles/index.js';
import { articlesPolicy } from '../articles/index.js';
import { seesWorkingCopies } from '../articles/index.js';
import type { ArticleRepository } from '../articles/index.js';
import type { FeedbackRepository } from './feedback.repository.js';
import { ratingId, viewMarkId } from './feedback.model.js';
import type { FlagDoc, FlagReason, FlagStatus, UseChannel } from './feedback.model.js';
import type { ArticleReader } from '../articles/index.js';

const comment = z.string().trim().max(1000, 'the comment must be at most 1,000 characters').nullish();

function parseComment(value: unknown, field: string): string | null {
  const result = comment.safeParse(value);
  if (!result.success) throw fromZodError(field, result.error);
  return result.data ? result.data : null;
}

/**
 * The knowledge-centred-service loop: readers rate answers, agents record which answers they
 * used and flag problems, editors work through the flags.
 */
export class FeedbackService {
  constructor(
    private readonly feedback: FeedbackRepository,
    private readonly articles: ArticleRepository,
    private readonly reader: ArticleReader,
    private readonly now: () => Date = () => new Date(),
    private readonly logger?: Logger,
  ) {}

  /** The article if this principal may read it. @throws NOT_FOUND otherwise (never says which). */
  private async readable(principal: Principal, id: ArticleId): Promise<ArticleView> {
    const doc = await this.articles.findById(id);
    const view = doc ? this.reader.view(principal, doc) : null;
    if (!view) throw notFound('Article', id);
    return view;
  }

  private async reload(principal: Principal, view: ArticleView): Promise<ArticleView> {
    const doc = await this.articles.findById(view.doc._id);
    return (doc && this.reader.view(principal, doc)) ?? view;
  }

  /**
   * One article by slug and locale, if the principal may read it. A reader's view is counted at most
   * once per client, article and hour (editors reading working copies are not counted), so repeated
   * anonymous reads cannot inflate the counter. `client` is the caller's key (see clientOf in src/http/rate-limit.ts).
   */
  async readArticle(
    principal: Principal,
    client: string,
    slug: string,
    locale: Locale,
  ): Promise<ArticleView | null> {
    const doc = await this.articles.findBySlug(slug, locale);
    const view = doc ? this.reader.view(principal, doc) : null;
    if (view && !seesWorkingCopies(principal)) {
      this.countView(client, view.doc._id).catch((error: unknown) =>
        this.logger?.warn({ err: error }, 'could not count an article view'),
      );
    }
    return view;
  }

  private async countView(client: string, articleId: ArticleDoc['_id']): Promise<void> {
    const at = this.now();
    if (await this.feedback.claimViewMark({ _id: viewMarkId(client, articleId, at), at })) {
      await this.feedback.bumpCounters(articleId, { views: 1 });
    }
  }

  /**
   * Anyone who can read an article may say whether it helped: one rating per client and article,
   * a second one replaces the first (the counters move, they do not count it twice).
   * `client` is the caller's key (`sub:...` or a hashed address). @throws NOT_FOUND, BAD_USER_INPUT.
   */
  async rateArticle(
    principal: Principal,
    client: string,
    articleId: ArticleId,
    helpful: boolean,
    rawComment: unknown,
  ): Promise<ArticleView> {
    const text = parseComment(rawComment, 'comment');
    const view = await this.readable(principal, articleId);
    const id = view.doc._id;
    const replaced = await this.feedback.replaceRating({
      _id: ratingId(client, id),
      articleId: id,
      helpful,
      comment: text,
      by: principal.id,
      client,
      at: this.now(),
    });
    const delta: Partial<Record<keyof ArticleCounters, number>> = {};
    if (!replaced || replaced.helpful !== helpful) delta[helpful ? 'helpful' : 'notHelpful'] = 1;
    if (replaced && replaced.helpful !== helpful) delta[replaced.helpful ? 'helpful' : 'notHelpful'] = -1;
    if (Object.keys(delta).length > 0) await this.feedback.bumpCounters(id, delta);
    return this.reload(principal, view);
  }

  /** An agent used this answer on a channel. @throws UNAUTHENTICATED/FORBIDDEN unless staff; NOT_FOUND. */
  async recordArticleUse(
    principal: Principal,
    articleId: ArticleId,
    channel: UseChannel,
  ): Promise<ArticleView> {
    articlesPolicy.authorize(principal, 'recordUse');
    const view = await this.readable(principal, articleId);
    const id = view.doc._id;
    await this.feedback.insertUse({
      articleId: id,
      channel,
      by: principal.id,
      at: this.now(),
    });
    await this.feedback.bumpCounters(id, { uses: 1 });
    return this.reload(principal, view);
  }

  /** The most used answers since `since` (staff), optionally on one channel. */
  async mostUsedArticles(
    principal: Principal,
    since: Date,
    channel: UseChannel | null,
    first: number | null | undefined,
  ): Promise<Array<{ article: ArticleView; uses: number }>> {
    articlesPolicy.authorize(principal, 'readUsage');
    const limit = pageSize(first, 'first', 10);
    const rows = await this.feedback.mostUsed(since, channel, limit * 2);
    const docs = await this.articles.findByIds(rows.map((row) => row.articleId));
    const byId = new Map(docs.map((doc) => [doc._id.toHexString(), doc]));
    const result: Array<{ article: ArticleView; uses: number }> = [];
    for (const row of rows) {
      const doc = byId.get(row.articleId.toHexString());
      const view = doc ? this.reader.view(principal, doc) : null;
      if (view) result.push({ article: view, uses: row.uses });
      if (result.length === limit) break;
    }
    return result;
  }

  /** An agent reports a problem with an article. @throws UNAUTHENTICATED/FORBIDDEN, NOT_FOUND, BAD_USER_INPUT. */
  async flagArticle(
    principal: Principal,
    articleId: ArticleId,
    reason: FlagReason,
    rawComment: unknown,
  ): Promise<FlagDoc> {
    articlesPolicy.authorize(principal, 'flag');
    const text = parseComment(rawComment, 'comment');
    if (reason === 'OTHER' && !text) throw badField('comment', 'say what is wrong when the reason is OTHER');
    const id = (await this.readable(principal, articleId)).doc._id;
    const flag = await this.feedback.insertNewFlag({
      articleId: id,
      reason,
      comment: text,
      status: 'OPEN',
      by: principal.id,
      at: this.now(),
      resolvedBy: null,
      resolvedAt: null,
      resolution: null,
    });
    await this.feedback.bumpCounters(id, { openFlags: 1 });
    return flag;
  }

  /** Flags by status, newest first (editors). */
  async listFlags(principal: Principal, status: FlagStatus, request: PageRequest): Promise<Page<FlagDoc>> {
    articlesPolicy.authorize(principal, 'listFlags');
    const page = keysetPageOf(request);
    const { items, more } = keysetItems(await this.feedback.findFlags(status, page), page);
    return { items, ...pageFlags(request, more), totalCount: () => this.feedback.countFlags(status) };
  }

  /** Flags by id, in the order asked (editors); null where one is missing or for anyone else. */
  async flagsByIds(principal: Principal, ids: readonly string[]): Promise<Array<FlagDoc | null>> {
    if (!articlesPolicy.can(principal, 'listFlags') || ids.length === 0) return ids.map(() => null);
    const flags = await this.feedback.findFlagsByIds(ids);
    const byId = new Map(flags.map((flag) => [flag._id.toHexString(), flag]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  }

  /**
   * Closes a flag (editors); resolving an already resolved flag changes nothing.
   * @throws UNAUTHENTICATED/FORBIDDEN, NOT_FOUND, BAD_USER_INPUT.
   */
  async resolveFlag(principal: Principal, id: string, rawResolution: unknown): Promise<FlagDoc> {
    articlesPolicy.authorize(principal, 'resolveFlag');
    const resolution = parseComment(rawResolution, 'resolution');
    const resolved = await this.feedback.resolveFlag(id, principal.id, this.now(), resolution);
    if (resolved) {
      await this.feedback.bumpCounters(resolved.articleId, { openFlags: -1 });
      return resolved;
    }
    const existing = await this.feedback.findFlag(id);
    if (!existing) throw notFound('ArticleFlag', id);
    return existing;
  }
}
