import { ObjectId } from 'mongodb';
import type { Filter, WithId } from 'mongodb';
import type { Meilisearch, MultiSearchParams, SearchResponse } from 'meilisearch';
import { z } from 'zod';
import type { Principal } from '../../auth/principal.js';
import { AppError, badField, conflict, fromZodError, notFound } from '../../errors.js';
import type { EventBus } from '../../events.js';
import type { Logger } from '../../logger.js';
import type { ArticleDoc, Audience, Locale } from '../knowledge/index.js';
import type { ArticleRepository } from '../knowledge/index.js';
import { normaliseErrorCode } from '../knowledge/index.js';
import type { ArticleView, KnowledgeService } from '../knowledge/index.js';
import type { ArticleSearchDocument } from './documents.js';
import { errorCodeCandidates, normaliseText } from './normalise.js';
import { searchPolicy } from './search.policy.js';
import type { SearchRepository, SynonymSetDoc } from './search.repository.js';

export interface SearchFilter {
  category?: string | null;
  tags?: string[] | null;
  audience?: Audience | null;
  locale?: Locale | null;
  errorCode?: string | null;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchHit {
  article: ArticleView;
  /** The title with matches wrapped in <mark></mark>; the rest is HTML-escaped. */
  title: string;
  /** A cropped, highlighted passage of the body (or summary), HTML-escaped except <mark>. */
  snippet: string;
  matchedErrorCodes: string[];
}

export interface SearchResult {
  query: string;
  totalHits: number;
  processingTimeMs: number;
  /** True when Meilisearch could not answer and MongoDB did (simpler matching, no typo tolerance). */
  degraded: boolean;
  facets: { categories: FacetCount[]; tags: FacetCount[] };
  hits: SearchHit[];
}

export interface SearchInsights {
  topQueries: Array<{ query: string; count: number; averageHits: number }>;
  zeroResultQueries: Array<{ query: string; count: number; lastAt: Date }>;
  totalSearches: number;
  degradedSearches: number;
}

const MAX_HITS = 50;
/** Most stale-and-hidden articles a search leaves out by id (the filter grows with each). */
const MAX_EXCLUDED = 500;

/** What Meilisearch answered, before the MongoDB re-check. */
interface EngineAnswer {
  query: string;
  codes: string[];
  main: SearchResponse<ArticleSearchDocument>;
  lane: SearchResponse<ArticleSearchDocument>['hits'];
}
const MARK_OPEN = '\u0001';
const MARK_CLOSE = '\u0002';

const synonymTerms = z
  .array(z.string().trim().min(1, 'a term must not be empty').max(30, 'a term is at most 30 characters'))
  .min(2, 'a synonym set needs at least 2 terms')
  .max(12, 'a synonym set has at most 12 terms')
  .transform((terms) => [...new Set(terms.map(normaliseText))])
  .refine((terms) => terms.length >= 2, 'a synonym set needs at least 2 different terms');

/** HTML-escapes text and turns the highlight markers into <mark> elements. */
function markup(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replaceAll(MARK_OPEN, '<mark>')
    .replaceAll(MARK_CLOSE, '</mark>');
}

function quote(value: string): string {
  return JSON.stringify(value);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Article search: Meilisearch first (with an error-code lane that puts articles carrying a code
 * the query names ahead of those that merely mention it), MongoDB when Meilisearch is down.
 * Results go through the knowledge base's visibility rules; drafts are never in the index.
 */
export class SearchService {
  constructor(
    private readonly meili: () => Meilisearch,
    private readonly indexUid: string,
    private readonly articles: ArticleRepository,
    private readonly knowledge: KnowledgeService,
    private readonly repo: SearchRepository,
    private readonly logger: Logger,
    private readonly events: EventBus,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Searches the articles the principal may read.
   * @throws AppError BAD_USER_INPUT for a bad page (first 1-50, offset 0-1000) or an overlong query.
   */
  async searchArticles(
    principal: Principal,
    rawQuery: string,
    filter: SearchFilter,
    first: number,
    offset: number,
    channel: string | null,
  ): Promise<SearchResult> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_HITS)
      throw badField('first', `must be between 1 and ${MAX_HITS}`);
    if (!Number.isInteger(offset) || offset < 0 || offset > 1000)
      throw badField('offset', 'must be between 0 and 1000');
    if (rawQuery.length > 200) throw badField('query', 'must be at most 200 characters');
    const query = normaliseText(rawQuery);
    // Search serves published revisions only (the policy's `search` purpose): editors search as staff.
    const started = performance.now();
    const result = await this.search(principal, query, filter, first, offset);
    // The search log subscribes (search-log.ts); its failure never fails the search.
    this.events.publish('SearchPerformed', {
      query: rawQuery.slice(0, 200),
      normalised: query.toLowerCase(),
      role: principal.isPublic ? 'public' : [...principal.roles].sort().join(',') || 'none',
      channel,
      hits: result.totalHits,
      latencyMs: Math.round(performance.now() - started),
      degraded: result.degraded,
      at: this.now(),
    });
    return result;
  }

  /**
   * Meilisearch answers, MongoDB re-checks; when Meilisearch fails, MongoDB answers alone (degraded).
   * A MongoDB failure is not a search-engine failure: it is logged as such and propagates.
   */
  private async search(
    reader: Principal,
    query: string,
    filter: SearchFilter,
    first: number,
    offset: number,
  ): Promise<SearchResult> {
    const hidden = await this.fromMongo(() => this.hiddenWhileIndexLags(reader));
    let answer: EngineAnswer;
    try {
      answer = await this.askMeilisearch(reader, query, filter, first, offset, hidden);
    } catch (error) {
      this.logger.warn(
        { err: error, source: 'meilisearch' },
        'Meilisearch did not answer: searching MongoDB instead (degraded)',
      );
      return this.fromMongo(() => this.searchMongo(reader, query, filter, first, offset));
    }
    return this.fromMongo(() => this.recheck(reader, answer, first, offset));
  }

  private async fromMongo<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof AppError)) {
        this.logger.warn({ err: error, source: 'mongodb' }, 'MongoDB failed during a search: not served');
      }
      throw error;
    }
  }

  /**
   * Ids of articles whose index documents may be stale (changed since the indexer last pushed them)
   * and that this reader may not read now. Searches leave them out, so that neither hits nor
   * `totalHits` nor facets count an article that was, say, just republished as INTERNAL.
   */
  private async hiddenWhileIndexLags(reader: Principal): Promise<string[]> {
    const ahead = await this.repo.findArticlesAheadOfIndex(MAX_EXCLUDED + 1);
    const hidden = ahead
      .filter((doc) => this.knowledge.view(reader, doc, 'search') === null)
      .map((doc) => doc._id.toHexString());
    if (hidden.length > MAX_EXCLUDED) {
      this.logger.warn(
        { pending: ahead.length },
        'the search index lags by many articles: counts may include some the reader cannot see',
      );
    }
    return hidden.slice(0, MAX_EXCLUDED);
  }

  private filterClauses(reader: Principal, filter: SearchFilter): string[] {
    const visibility = this.knowledge.searchableFilter(reader);
    const clauses = visibility ? [visibility] : [];
    if (filter.category) clauses.push(`categoryPath = ${quote(filter.category)}`);
    if (filter.tags?.length)
      clauses.push(`tags IN [${filter.tags.map((tag) => quote(normaliseText(tag))).join(', ')}]`);
    if (filter.audience) clauses.push(`audience = ${filter.audience}`);
    if (filter.locale) clauses.push(`locale = ${quote(filter.locale)}`);
    if (filter.errorCode) clauses.push(`errorCodes = ${quote(normaliseErrorCode(filter.errorCode))}`);
    return clauses;
  }

  private async askMeilisearch(
    reader: Principal,
    query: string,
    filter: SearchFilter,
    first: number,
    offset: number,
    hidden: string[],
  ): Promise<EngineAnswer> {
    const clauses = this.filterClauses(reader, filter);
    if (hidden.length > 0) clauses.push(`id NOT IN [${hidden.map(quote).join(', ')}]`);
    const codes = errorCodeCandidates(query);
    const locales = /\p{Script=Han}/u.test(query) ? ['cmn'] : /[a-z]/.test(query) ? ['eng'] : undefined;
    const display = {
      attributesToHighlight: ['title_zh', 'title_en'],
      attributesToCrop: ['body_zh', 'body_en', 'summary_zh', 'summary_en'],
      cropLength: 36,
      highlightPreTag: MARK_OPEN,
      highlightPostTag: MARK_CLOSE,
      ...(locales ? { locales } : {}),
    };
    const want = offset + first;
    const queries: MultiSearchParams['queries'] = [
      {
        indexUid: this.indexUid,
        q: query,
        filter: clauses.join(' AND '),
        facets: ['categoryPath', 'tags'],
        limit: want,
        offset: 0,
        ...display,
      },
    ];
    if (codes.length > 0) {
      queries.push({
        indexUid: this.indexUid,
        q: query,
        matchingStrategy: 'last',
        filter: [...clauses, `errorCodes IN [${codes.map(quote).join(', ')}]`].join(' AND '),
        limit: want,
        offset: 0,
        ...display,
      });
    }
    const { results } = await this.meili().multiSearch({ queries });
    const main = results[0] as SearchResponse<ArticleSearchDocument> | undefined;
    if (!main) throw new Error('Meilisearch answered no result');
    const lane = (results[1] as SearchResponse<ArticleSearchDocument> | undefined)?.hits ?? [];
    return { query, codes, main, lane };
  }

  /** Builds the result from the engine's answer, re-checking each hit against MongoDB. */
  private async recheck(
    reader: Principal,
    answer: EngineAnswer,
    first: number,
    offset: number,
  ): Promise<SearchResult> {
    const { query, codes, main, lane } = answer;
    // Articles carrying a named code first, then the rest, each once.
    const seen = new Set<string>();
    const merged = [...lane, ...main.hits].filter((hit) => !seen.has(hit.id) && seen.add(hit.id));
    const page = merged.slice(offset, offset + first);
    const laneExtra = lane.filter((hit) => !main.hits.some((other) => other.id === hit.id)).length;

    const views = await this.viewsOf(
      reader,
      page.map((hit) => hit.id),
    );
    const hits: SearchHit[] = [];
    const dropped: ArticleSearchDocument[] = [];
    for (const hit of page) {
      const view = views.get(hit.id);
      if (!view) {
        // Changed after the stale-document check and no longer readable: never shown, nor counted.
        dropped.push(hit);
        continue;
      }
      const formatted = (hit._formatted ?? {}) as Partial<Record<keyof ArticleSearchDocument, string>>;
      const title = formatted.title_zh ?? formatted.title_en ?? normaliseText(view.content.title);
      const body = formatted.body_zh ?? formatted.body_en ?? '';
      const summary = formatted.summary_zh ?? formatted.summary_en ?? '';
      const snippet = body.includes(MARK_OPEN) || !summary.includes(MARK_OPEN) ? body || summary : summary;
      hits.push({
        article: view,
        title: markup(title),
        snippet: markup(snippet),
        matchedErrorCodes: hit.errorCodes.filter((code) => codes.includes(code)),
      });
    }
    return {
      query,
      totalHits: Math.max(0, (main.estimatedTotalHits ?? main.hits.length) + laneExtra - dropped.length),
      processingTimeMs: main.processingTimeMs,
      degraded: false,
      facets: {
        categories: facetCounts(
          main.facetDistribution?.['categoryPath'],
          dropped.flatMap((hit) => hit.categoryPath),
        ),
        tags: facetCounts(
          main.facetDistribution?.['tags'],
          dropped.flatMap((hit) => hit.tags),
        ),
      },
      hits,
    };
  }

  private async viewsOf(reader: Principal, ids: string[]): Promise<Map<string, ArticleView>> {
    const docs = await this.articles.findByIds(ids.map((id) => new ObjectId(id)));
    const views = new Map<string, ArticleView>();
    for (const doc of docs) {
      const view = this.knowledge.view(reader, doc, 'search');
      if (view) views.set(doc._id.toHexString(), view);
    }
    return views;
  }

  /** The degraded path: every term must appear in the title or summary, or be a carried error code. */
  private async searchMongo(
    reader: Principal,
    query: string,
    filter: SearchFilter,
    first: number,
    offset: number,
  ): Promise<SearchResult> {
    const started = performance.now();
    const clauses: Filter<ArticleDoc>[] = [this.knowledge.readableFilter(reader, 'search')];
    if (filter.category) clauses.push({ 'live.categoryPath': filter.category });
    if (filter.tags?.length) clauses.push({ 'live.tags': { $in: filter.tags } });
    if (filter.audience) clauses.push({ 'live.audience': filter.audience });
    if (filter.locale) clauses.push({ locale: filter.locale });
    if (filter.errorCode) clauses.push({ 'live.errorCodes': normaliseErrorCode(filter.errorCode) });
    const codes = errorCodeCandidates(query);
    for (const term of query.split(' ').filter((word) => word !== '')) {
      const pattern = new RegExp(escapeRegex(term), 'i');
      const alternatives: Filter<ArticleDoc>[] = [{ 'live.title': pattern }, { 'live.summary': pattern }];
      if (codes.includes(term) || codes.includes(normaliseErrorCode(term))) {
        alternatives.push({ 'live.errorCodes': normaliseErrorCode(term) });
      }
      clauses.push({ $or: alternatives });
    }
    const mongoFilter: Filter<ArticleDoc> = { $and: clauses };
    const matched = await this.articles.articles
      .find(mongoFilter)
      .sort({ updatedAt: -1, _id: -1 })
      .limit(1000)
      .toArray();
    const carriers = matched.filter((doc) => doc.live?.errorCodes.some((code) => codes.includes(code)));
    const ordered = [...carriers, ...matched.filter((doc) => !carriers.includes(doc))];
    const hits: SearchHit[] = [];
    for (const doc of ordered.slice(offset, offset + first)) {
      const view = this.knowledge.view(reader, doc, 'search');
      if (!view) continue;
      hits.push({
        article: view,
        title: markup(view.content.title),
        snippet: markup(view.content.summary),
        matchedErrorCodes: view.content.errorCodes.filter((code) => codes.includes(code)),
      });
    }
    return {
      query,
      totalHits: matched.length,
      processingTimeMs: Math.round(performance.now() - started),
      degraded: true,
      facets: {
        categories: countValues(matched, (doc) => doc.live?.categoryPath ?? []),
        tags: countValues(matched, (doc) => doc.live?.tags ?? []),
      },
      hits,
    };
  }

  // ---- synonyms ---------------------------------------------------------------------------------

  /** Every synonym set (editors). */
  async synonymSets(principal: Principal): Promise<WithId<SynonymSetDoc>[]> {
    searchPolicy.authorize(principal, 'readSynonyms');
    return this.repo.allSynonymSets();
  }

  /** Adds a set of terms that mean the same. @throws FORBIDDEN, BAD_USER_INPUT naming `terms`. */
  async createSynonymSet(principal: Principal, rawTerms: unknown): Promise<WithId<SynonymSetDoc>> {
    searchPolicy.authorize(principal, 'editSynonyms');
    const terms = parseTerms(rawTerms);
    const doc: WithId<SynonymSetDoc> = {
      _id: new ObjectId(),
      terms,
      version: 1,
      updatedAt: this.now(),
      updatedBy: principal.id,
    };
    await this.repo.synonyms.insertOne(doc);
    this.events.publish('SynonymsChanged', { id: doc._id.toHexString() });
    return doc;
  }

  /** Replaces a set's terms. @throws FORBIDDEN, BAD_USER_INPUT, NOT_FOUND, CONFLICT when stale. */
  async updateSynonymSet(
    principal: Principal,
    id: ObjectId,
    expectedVersion: number,
    rawTerms: unknown,
  ): Promise<WithId<SynonymSetDoc>> {
    searchPolicy.authorize(principal, 'editSynonyms');
    const terms = parseTerms(rawTerms);
    const updated = await this.repo.synonyms.findOneAndUpdate(
      { _id: id, version: expectedVersion },
      { $set: { terms, updatedAt: this.now(), updatedBy: principal.id }, $inc: { version: 1 } },
      { returnDocument: 'after' },
    );
    if (!updated) throw await this.synonymMiss(id, expectedVersion);
    this.events.publish('SynonymsChanged', { id: id.toHexString() });
    return updated;
  }

  /** Removes a set. @throws FORBIDDEN, NOT_FOUND, CONFLICT when stale. */
  async deleteSynonymSet(principal: Principal, id: ObjectId, expectedVersion: number): Promise<boolean> {
    searchPolicy.authorize(principal, 'editSynonyms');
    const result = await this.repo.synonyms.deleteOne({ _id: id, version: expectedVersion });
    if (result.deletedCount === 0) throw await this.synonymMiss(id, expectedVersion);
    this.events.publish('SynonymsChanged', { id: id.toHexString() });
    return true;
  }

  private async synonymMiss(id: ObjectId, expectedVersion: number) {
    const current = await this.repo.synonyms.findOne({ _id: id });
    if (!current) return notFound('SynonymSet', id.toHexString());
    return conflict(
      `The synonym set was changed by someone else: you sent version ${expectedVersion}, the current version is ${current.version}.`,
      { expectedVersion, currentVersion: current.version },
    );
  }

  // ---- analytics --------------------------------------------------------------------------------

  /** What agents searched for most, and what found nothing, since a time (editors). */
  async insights(principal: Principal, since: Date, first: number): Promise<SearchInsights> {
    searchPolicy.authorize(principal, 'readInsights');
    if (!Number.isInteger(first) || first < 1 || first > 100)
      throw badField('first', 'must be between 1 and 100');
    const match = { at: { $gte: since } };
    const [top, zero, totals] = await Promise.all([
      this.repo.log
        .aggregate<{ _id: string; count: number; averageHits: number }>([
          { $match: match },
          { $group: { _id: '$normalised', count: { $sum: 1 }, averageHits: { $avg: '$hits' } } },
          { $sort: { count: -1, _id: 1 } },
          { $limit: first },
        ])
        .toArray(),
      this.repo.log
        .aggregate<{ _id: string; count: number; lastAt: Date }>([
          { $match: { ...match, hits: 0 } },
          { $group: { _id: '$normalised', count: { $sum: 1 }, lastAt: { $max: '$at' } } },
          { $sort: { count: -1, _id: 1 } },
          { $limit: first },
        ])
        .toArray(),
      this.repo.log
        .aggregate<{ _id: null; total: number; degraded: number }>([
          { $match: match },
          { $group: { _id: null, total: { $sum: 1 }, degraded: { $sum: { $cond: ['$degraded', 1, 0] } } } },
        ])
        .toArray(),
    ]);
    return {
      topQueries: top.map((row) => ({
        query: row._id,
        count: row.count,
        averageHits: Math.round(row.averageHits * 10) / 10,
      })),
      zeroResultQueries: zero.map((row) => ({
        query: row._id,
        count: row.count,
        lastAt: new Date(row.lastAt),
      })),
      totalSearches: totals[0]?.total ?? 0,
      degradedSearches: totals[0]?.degraded ?? 0,
    };
  }
}

function parseTerms(raw: unknown): string[] {
  const result = synonymTerms.safeParse(raw);
  if (!result.success) throw fromZodError('terms', result.error);
  return result.data;
}

/** Facet counts, largest first, less one for each value in `minus` (dropped hits); zeros left out. */
function facetCounts(distribution: Record<string, number> | undefined, minus: string[] = []): FacetCount[] {
  const counts = { ...distribution };
  for (const value of minus) if (counts[value] !== undefined) counts[value] -= 1;
  return Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

function countValues<T>(items: T[], valuesOf: (item: T) => string[]): FacetCount[] {
  const counts = new Map<string, number>();
  for (const item of items)
    for (const value of valuesOf(item)) counts.set(value, (counts.get(value) ?? 0) + 1);
  return facetCounts(Object.fromEntries(counts));
}
