import type { Principal } from '../../auth/principal.js';
import { notFound } from '../../errors.js';
import type { ArticleDoc, ArticleId, RevisionDoc } from './article.model.js';
import { bodyDiff, fieldChanges } from './article.diff.js';
import type { FieldChange, LineChange } from './article.diff.js';
import { articlesPolicy } from './article.policy.js';
import type { ArticleRepository } from './article.repository.js';
import { keysetPageOf } from '../../db/keyset.js';
import { keysetItems } from '../../db/keyset.js';
import { pageFlags } from '../../lib/paging.js';
import type { Page, PageRequest } from '../../lib/paging.js';

/** What changed between two revisions of an article. */
export interface ArticleDiff {
  from: RevisionDoc;
  to: RevisionDoc;
  fields: FieldChange[];
  body: LineChange[];
}

/** The history of articles: revisions and the differences between them (editors, reviewers, admins). */
export class ArticleHistoryService {
  constructor(private readonly repo: ArticleRepository) {}

  /**
   * A page of an article's revisions, newest first.
   * @throws AppError UNAUTHENTICATED/FORBIDDEN unless editor, reviewer or admin.
   */
  async history(principal: Principal, doc: ArticleDoc, request: PageRequest): Promise<Page<RevisionDoc>> {
    articlesPolicy.authorize(principal, 'readHistory', doc);
    const page = keysetPageOf(request, 'number');
    const { items, more } = keysetItems(await this.repo.findRevisions(doc._id, page), page);
    return { items, ...pageFlags(request, more), totalCount: () => this.repo.countRevisions(doc._id) };
  }

  /** One revision of an article (editors, reviewers, admins); null for anyone else or when missing. */
  async revision(principal: Principal, articleId: ArticleId, version: number): Promise<RevisionDoc | null> {
    if (!articlesPolicy.can(principal, 'readHistory')) return null;
    return this.repo.findRevision(articleId, version);
  }

  /**
   * Field changes and a body line diff between two revisions of an article.
   * @throws AppError UNAUTHENTICATED/FORBIDDEN unless editor, reviewer or admin; NOT_FOUND for an
   *   unknown article or revision.
   */
  async diff(principal: Principal, id: ArticleId, from: number, to: number): Promise<ArticleDiff> {
    articlesPolicy.authorize(principal, 'readHistory');
    const [older, newer] = await Promise.all([
      this.repo.findRevision(id, from),
      this.repo.findRevision(id, to),
    ]);
    if (!older) throw notFound('Revision', `${id}@${from}`);
    if (!newer) throw notFound('Revision', `${id}@${to}`);
    return {
      from: older,
      to: newer,
      fields: fieldChanges(older.content, newer.content),
      body: bodyDiff(older.content.body, newer.content.body),
    };
  }
}
