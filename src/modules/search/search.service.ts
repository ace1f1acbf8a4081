import type { Meilisearch, MultiSearchParams, SearchResponse } from 'meilisearch';
import type { Principal } from '../../auth/principal.js';
import { AppError, badField } from '../../errors.js';
import type { EventBus } from '../../events.js';
import type { Logger } from '../../logger.js';
import type { ArticleRepository } from '../articles/index.js';
import { normaliseErrorCode } from '../articles/index.js';
import type { ArticleDoc, ArticleView, ArticleReader } from '../articles/index.js';
import type { ArticleSearchDocument } from '../indexing/index.js';
import { errorCodeCandidates, normaliseText } from '../../lib/normalise-text.js';
import { facetCounts, MARK_CLOSE, MARK_OPEN, markup } from './search-results.js';
import type { HitArticles, SearchFilter, SearchHit, SearchOptions, SearchResult } from './search-results.js';
import type { ArticleMatchRepository } from '../articles/index.js';
import { searchMongo } from './degraded-search.js';
import { StaleArticleLookup } from './stale-articles.js';

const MAX_HITS = 50;
/** Meilisearch's ranking score (0-1) below which a hit of the main query is not shown. */
const MIN_RANKING_SCORE = 0.2;
/** The index entry's attributes a hit is built from (see `resultOf` and `viewOfIndexEntry`). */
const HIT_ATTRIBUTES = [
  'id',
  'slug',
  'locale',
  'category',
  'categoryPath',
  'errorCodes',
  'tags',
  'audience',
  'validFromTs',
  'validToTs',
] satisfies Array<keyof ArticleSearchDocument>;
/** Most stale-and-hidden articles a search leaves out by id (the filter grows with each). */
const MAX_EXCLUDED = 500;

/** The articles the index may be stale on (changed since it last had them), as MongoDB has them now. */
interface StaleArticles {
  /** The ones this reader may not read now: the engine leaves them out. */
  hidden: string[];
  /** All of them, by id: their hits are viewed from MongoDB's copy, not the index entry. */
  docs: Map<string, ArticleDoc>;
}

/** What Meilisearch answered, before the hits are viewed. */
interface EngineAnswer {
  query: string;
  codes: string[];
  main: SearchResponse<ArticleSearchDocument>;
  lane: SearchResponse<ArticleSearchDocument>['hits'];
}
function quote(value: string): string {
  return JSON.stringify(value);
}

/**
 * Article search: Meilisearch first (with an error-code lane that puts articles carrying a code
 * the query names ahead of those that merely mention it), MongoDB when Meilisearch is down.
 * Results go through the knowledge base's visibility rules; drafts are never in the index.
 */
export class SearchService {
  private readonly staleLookup: StaleArticleLookup;

  constructor(
    private readonly meili: () => Meilisearch,
    private readonly indexUid: string,
    private readonly articles: ArticleRepository,
    private readonly reader: ArticleReader,
    private readonly matches: ArticleMatchRepository,
    private readonly logger: Logger,
    private readonly events: EventBus,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.staleLookup = new StaleArticleLookup(matches, events, MAX_EXCLUDED + 1);
  }

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
    options: SearchOptions = {},
  ): Promise<SearchResult> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_HITS)
      throw badField('first', `must be between 1 and ${MAX_HITS}`);
    if (!Number.isInteger(offset) || offset < 0 || offset > 1000)
      throw badField('offset', 'must be between 0 and 1000');
    if (rawQuery.length > 200) throw badField('query', 'must be at most 200 characters');
    const query = normaliseText(rawQuery);
    // Search serves published revisions only (the policy's `search` purpose): editors search as staff.
    const started = performance.now();
    const result = await this.search(principal, query, filter, first, offset, options.articles ?? 'stored');
    const event = {
      query: rawQuery.slice(0, 200),
      normalised: query.toLowerCase(),
      role: principal.isPublic ? 'public' : [...principal.roles].sort().join(',') || 'none',
      channel: options.channel ?? null,
      hits: result.totalHits,
      latencyMs: Math.round(performance.now() - started),
      degraded: result.degraded,
      at: this.now(),
    };
    // The search log subscribes (search-log.ts) and its failure is logged by the bus, never failing
    // the search; it is told after this turn, so its write is not sent ahead of the answer.
    setImmediate(() => this.events.publish('SearchPerformed', event));
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
    articles: HitArticles,
  ): Promise<SearchResult> {
    // The engine is asked at once, beside the look-up of what it must leave out (a recent MongoDB
    // look-up shared by searches: stale-articles.ts): that list is almost always empty (the index lags
    // only for a moment), and only when it is not is the engine asked again with the exclusion.
    const staleLookup = this.fromMongo(() => this.staleArticles(reader));
    const firstAsk = this.askMeilisearch(reader, query, filter, first, offset, []);
    // Both settle before anything throws, so neither rejection goes unhandled.
    const [staleResult, askResult] = await Promise.allSettled([staleLookup, firstAsk]);
    if (staleResult.status === 'rejected') throw staleResult.reason;
    const stale = staleResult.value;
    let answer: EngineAnswer;
    try {
      if (askResult.status === 'rejected') throw askResult.reason;
      answer =
        stale.hidden.length === 0
          ? askResult.value
          : await this.askMeilisearch(reader, query, filter, first, offset, stale.hidden);
    } catch (error) {
      this.logger.warn(
        { err: error, source: 'meilisearch' },
        'Meilisearch did not answer: searching MongoDB instead (degraded)',
      );
      return this.fromMongo(() =>
        searchMongo(this.matches, this.reader, reader, query, filter, first, offset),
      );
    }
    return this.fromMongo(() => this.resultOf(reader, answer, first, offset, stale, articles));
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
  private async staleArticles(reader: Principal): Promise<StaleArticles> {
    const ahead = await this.staleLookup.current();
    const docs = new Map(ahead.map((doc) => [doc._id.toHexString(), doc]));
    const hidden = ahead
      .filter((doc) => this.reader.view(reader, doc, 'search') === null)
      .map((doc) => doc._id.toHexString());
    if (hidden.length > MAX_EXCLUDED) {
      this.logger.warn(
        { pending: ahead.length },
        'the search index lags by many articles: counts may include some the reader cannot see',
      );
    }
    return { hidden: hidden.slice(0, MAX_EXCLUDED), docs };
  }

  private filterClauses(reader: Principal, filter: SearchFilter): string[] {
    const visibility = this.reader.searchableFilter(reader);
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
      // Only what a hit is built from (the entry's view, the code chips, facets of dropped hits): the
      // titles, summaries and bodies come back highlighted or cropped in `_formatted` alone.
      attributesToRetrieve: HIT_ATTRIBUTES,
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
        // Hits that match the query only loosely (a stray word of it) are not answers: a query with
        // no good answer finds nothing rather than something misleading (the relevance lab's
        // no-answer queries; higher thresholds start to cost question and colloquial queries).
        rankingScoreThreshold: MIN_RANKING_SCORE,
        limit: want,
        offset: 0,
        ...display,
      },
    ];
    if (codes.length > 0) {
      queries.push({
        indexUid: this.indexUid,
        // The codes first, then the rest of the query, dropped from the end as needed: words no
        // article contains (`某某小区 734`) never keep a named code's article away.
        q: `${codes.join(' ')} ${query}`,
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

  /**
   * Builds the result from the engine's answer. Each hit's article is viewed from its index entry
   * (`index`: the entry is current unless MongoDB listed it as stale, and the engine's filter already
   * applied the policy, which the view checks again) or re-read from MongoDB (`stored`).
   */
  private async resultOf(
    reader: Principal,
    answer: EngineAnswer,
    first: number,
    offset: number,
    stale: StaleArticles,
    articles: HitArticles,
  ): Promise<SearchResult> {
    const { query, codes, main, lane } = answer;
    // Articles carrying a named code first, then the rest, each once.
    const seen = new Set<string>();
    const merged = [...lane, ...main.hits].filter((hit) => !seen.has(hit.id) && seen.add(hit.id));
    const page = merged.slice(offset, offset + first);
    const inMain = new Set(main.hits.map((hit) => hit.id));
    const laneExtra = lane.filter((hit) => !inMain.has(hit.id)).length;

    const views =
      articles === 'index'
        ? this.viewsOfEntries(reader, page, stale.docs)
        : await this.viewsOf(
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

  /** Views from the index entries; a stale entry's article is viewed from MongoDB's copy instead. */
  private viewsOfEntries(
    reader: Principal,
    hits: ArticleSearchDocument[],
    stale: Map<string, ArticleDoc>,
  ): Map<string, ArticleView> {
    const views = new Map<string, ArticleView>();
    for (const hit of hits) {
      const doc = stale.get(hit.id);
      const view = doc ? this.reader.view(reader, doc, 'search') : this.reader.viewOfIndexEntry(reader, hit);
      if (view) views.set(hit.id, view);
    }
    return views;
  }

  private async viewsOf(reader: Principal, ids: string[]): Promise<Map<string, ArticleView>> {
    const docs = await this.articles.findByIds(ids);
    const views = new Map<string, ArticleView>();
    for (const doc of docs) {
      const view = this.reader.view(reader, doc, 'search');
      if (view) views.set(doc._id.toHexString(), view);
    }
    return views;
  }
}
