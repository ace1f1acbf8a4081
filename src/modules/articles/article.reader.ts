import type { Principal } from '../../auth/principal.js';
import { badField } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type {
  ArticleDoc,
  ArticleStatus,
  ArticleView,
  Audience,
  CategoryDoc,
  Locale,
} from './article.model.js';
import type { ArticleListQuery } from './article.list-query.js';
import type { ArticleRepository } from './article.repository.js';
import { normaliseErrorCode } from './article.validation.js';
import { toMeiliFilter, toMongoFilter, visibilityRule, visibleContent } from './article.visibility.js';
import type { ReadPurpose } from './article.visibility.js';
import { keysetPageOf } from '../../db/keyset.js';
import type { Page, PageRequest } from '../../lib/paging.js';
import { pageFlags } from '../../lib/paging.js';
import { keysetItems } from '../../db/keyset.js';

export type { ArticleView } from './article.model.js';

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

/**
 * Reading the knowledge base: who sees which article (article.visibility.ts), lists and categories.
 * Editorial commands live in article.editor.ts, revisions and diffs in article.history.ts.
 */
export class ArticleReader {
  constructor(
    private readonly repo: ArticleRepository,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The view of `doc` for this principal, or null when they may not read it (article.visibility.ts).
   * Every read path goes through this or `readableFilter`.
   */
  view(principal: Principal, doc: ArticleDoc, purpose: ReadPurpose = 'read'): ArticleView | null {
    const content = visibleContent(principal, doc, this.now(), purpose);
    return content ? { doc, content } : null;
  }

  /** The views of `docs` this principal may read, in order (the others are left out). */
  views(principal: Principal, docs: readonly (ArticleDoc | null | undefined)[]): ArticleView[] {
    return docs
      .map((doc) => (doc ? this.view(principal, doc) : null))
      .filter((view): view is ArticleView => view !== null);
  }

  /** The MongoDB filter of the articles this principal may read now (for queries other modules run). */
  readableFilter(principal: Principal, purpose: ReadPurpose = 'read'): ReturnType<typeof toMongoFilter> {
    return toMongoFilter(principal, this.now(), purpose);
  }

  /** The Meilisearch filter of the articles this principal may find now (published revisions). */
  searchableFilter(principal: Principal): string {
    return toMeiliFilter(principal, this.now());
  }

  /**
   * A page of the articles this principal may read, newest change first.
   * @throws AppError BAD_USER_INPUT for a bad page size, cursor or a status only editors may list.
   */
  async listArticles(
    principal: Principal,
    filter: ArticleFilter,
    request: PageRequest,
  ): Promise<Page<ArticleView> & { countUpTo: (limit: number) => Promise<number> }> {
    const page = keysetPageOf(request);
    const query = this.listQuery(principal, filter);
    const { items, more } = keysetItems(await this.repo.findListPage(query, page), page);
    return {
      items: items
        .map((doc) => this.view(principal, doc))
        .filter((view): view is ArticleView => view !== null),
      ...pageFlags(request, more),
      totalCount: () => this.repo.countList(query),
      countUpTo: (limit: number) => this.repo.countList(query, limit + 1),
    };
  }

  /** The list a principal asked for, narrowed to what they may see. */
  private listQuery(principal: Principal, filter: ArticleFilter): ArticleListQuery {
    const rule = visibilityRule(principal);
    const editor = rule.copy === 'current';
    const at = this.now();
    if (filter.status && !editor && filter.status !== 'PUBLISHED') {
      throw badField('filter.status', 'only editors and reviewers can list articles that are not published');
    }
    const query: ArticleListQuery = {
      visible: toMongoFilter(principal, at),
      copy: rule.copy,
      at,
      category: filter.category,
      tag: filter.tag,
      errorCode: filter.errorCode ? normaliseErrorCode(filter.errorCode) : null,
      audience: filter.audience,
      locale: filter.locale,
      status: editor ? filter.status : null,
    };
    if (filter.expired === true) {
      if (!editor) return { ...query, nothing: true };
      query.window = 'outside';
    } else if (filter.expired === false && editor) {
      query.window = 'inside';
    }
    return query;
  }

  /** The category tree, flat, in key order. */
  categories(): Promise<CategoryDoc[]> {
    return this.repo.allCategories();
  }

  /** Stores revisions left pending by an interrupted change (run at start-up). Returns how many. */
  async repairPendingRevisions(): Promise<number> {
    const pending = await this.repo.findWithPendingRevision(500);
    for (const doc of pending) await this.repo.storeRevision(doc);
    if (pending.length > 0) this.logger.warn({ count: pending.length }, 'stored revisions left pending');
    return pending.length;
  }
}
