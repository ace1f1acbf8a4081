import { ObjectId } from 'mongodb';
import type { Principal } from '../../auth/principal.js';
import { badField } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type {
  ArticleContent,
  ArticleDoc,
  ArticleStatus,
  ArticleView,
  Audience,
  CategoryDoc,
  Locale,
} from './article.model.js';
import type { ArticleListQuery } from './article.list-query.js';
import type { ArticleRepository } from './article.repository.js';
import { MAX_BODY_LENGTH, normaliseErrorCode } from './article.validation.js';
import { articlesPolicy } from './article.policy.js';
import { renderMarkdown } from './markdown.js';
import {
  MAX_TS,
  ruleAllows,
  toMeiliFilter,
  toMongoFilter,
  visibilityRule,
  visibleContent,
} from './article.visibility.js';
import type { IndexVisibilityFields, ReadPurpose } from './article.visibility.js';
import { keysetPageOf } from '../../db/keyset.js';
import type { Page, PageRequest } from '../../lib/paging.js';
import { pageFlags } from '../../lib/paging.js';
import { keysetItems } from '../../db/keyset.js';

export type { ArticleView } from './article.model.js';

/**
 * What an article's search index document carries that a view can be built from: the identity and
 * the fields the index stores exactly as the live revision has them (indexing/documents.ts).
 */
export interface IndexedArticleEntry extends IndexVisibilityFields {
  /** The article's ObjectId, hex. */
  id: string;
  slug: string;
  locale: string;
  category: string;
  categoryPath: string[];
  errorCodes: string[];
}

/**
 * The Article fields that a view built by `viewOfIndexEntry` resolves exactly as a view of the stored
 * article would (for a reader of the published revision). Any other field needs the stored article:
 * titles, summaries and tags are normalised in the index, times are whole seconds, and its version
 * is the working copy's. A test resolves these both ways and compares.
 */
export const INDEX_ENTRY_ARTICLE_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  'id',
  'slug',
  'locale',
  'category',
  'categoryPath',
  'errorCodes',
  'audience',
]);

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
  /** Editors: true: only articles the caller owns. */
  mine?: boolean | null;
  /** Editors: true: only those a reviewer sent back (not submitted again); false: the others. */
  rejected?: boolean | null;
  /** Editors: true: only those with unresolved flags; false: the others. */
  hasOpenFlags?: boolean | null;
  /** Editors: only those whose working copy stops being served before this instant. */
  expiresBefore?: Date | null;
}

/** The filter fields only editors, reviewers and admins may use (others get BAD_USER_INPUT). */
const EDITORIAL_FILTERS = ['mine', 'rejected', 'hasOpenFlags', 'expiresBefore'] as const;

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

  /**
   * A search reader's view of an article built from its index entry alone, or null when the policy
   * hides it (the same rule, on the entry's visibility fields, at the index's whole-second
   * resolution). The view carries only what `INDEX_ENTRY_ARTICLE_FIELDS` resolve: serve it only to
   * selections within that set, and only for entries that are current (not `searchPending`).
   */
  viewOfIndexEntry(principal: Principal, entry: IndexedArticleEntry): ArticleView | null {
    const rule = visibilityRule(principal, 'search');
    const visibility = {
      audience: entry.audience,
      validFrom: entry.validFromTs > 0 ? new Date(entry.validFromTs * 1000) : null,
      validTo: entry.validToTs < MAX_TS ? new Date(entry.validToTs * 1000) : null,
    };
    const content = {
      ...visibility,
      category: entry.category,
      categoryPath: entry.categoryPath,
      errorCodes: entry.errorCodes,
    } as ArticleContent;
    // Only indexed articles have entries: a live revision, not archived (`INDEXED_WHEN`).
    const doc = {
      _id: new ObjectId(entry.id),
      slug: entry.slug,
      locale: entry.locale,
      status: 'PUBLISHED',
      live: content,
    } as ArticleDoc;
    if (rule.copy !== 'live' || !ruleAllows(rule, doc, this.now())) return null;
    return { doc, content };
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
    for (const name of EDITORIAL_FILTERS) {
      if (!editor && filter[name] !== null && filter[name] !== undefined) {
        throw badField(`filter.${name}`, 'only editors and reviewers can use this filter');
      }
    }
    if (filter.expiresBefore && Number.isNaN(filter.expiresBefore.getTime())) {
      throw badField('filter.expiresBefore', 'not a valid instant');
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
      owner: filter.mine === true ? principal.id : null,
      rejected: filter.rejected,
      openFlags: filter.hasOpenFlags,
      expiresBefore: filter.expiresBefore,
    };
    if (filter.expired === true) {
      if (!editor) return { ...query, nothing: true };
      query.window = 'outside';
    } else if (filter.expired === false && editor) {
      query.window = 'inside';
    }
    return query;
  }

  /**
   * A Markdown body rendered as `Article.bodyHtml` renders it (the editor's live preview).
   * @throws FORBIDDEN unless editor; BAD_USER_INPUT on `body` when it is too long for an article.
   */
  previewBody(principal: Principal, body: string): string {
    articlesPolicy.authorize(principal, 'update');
    if (body.length > MAX_BODY_LENGTH) {
      throw badField('body', `the body must be at most ${MAX_BODY_LENGTH.toLocaleString('en')} characters`);
    }
    return renderMarkdown(body);
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
