import type { Meilisearch } from 'meilisearch';
import type { Principal } from '../../auth/principal.js';
import { AppError, badField } from '../../errors.js';
import type { EventBus } from '../../events.js';
import type { Logger } from '../../logger.js';
import type { ArticleRepository } from '../articles/index.js';
import type { ArticleDoc, ArticleView, ArticleReader } from '../articles/index.js';
import type { ArticleSearchDocument } from '../indexing/index.js';
import { normaliseText } from '../../lib/normalise-text.js';
import { facetCounts, MARK_OPEN, markup } from './search-results.js';
import { ArticleEngine } from './article-engine.js';
import type { EngineAnswer } from './article-engine.js';
import { preferLocale } from './query-language.js';
import { helpForNoAnswer } from './no-answer.js';
import { answerCardOf, CardFactsCache, isConfident } from './answer-card.js';
import type { RankedHit } from './answer-card.js';
import type { PopularQueries } from './popular-queries.js';
import { SpellingVocabularies } from './spelling-vocabulary.js';
import type { HitArticles, SearchFilter, SearchHit, SearchOptions, SearchResult } from './search-results.js';
import type { ArticleMatchRepository } from '../articles/index.js';
import { searchMongo } from './degraded-search.js';
import { StaleArticleLookup } from './stale-articles.js';

const MAX_HITS = 50;
/** Most stale-and-hidden articles a search leaves out by id (the filter grows with each). */
const MAX_EXCLUDED = 500;
/**
 * When the index has never had at least this many published articles, and they are at least half of
 * all articles, MongoDB answers instead (degraded): the engine cannot find what it never received, so
 * while an index is first built (a fresh start, an empty index being filled) its answers would
 * silently leave out most of the knowledge base. A few new articles (an import, a busy editor) do not
 * degrade search: they are found once the indexer has pushed them, a moment later.
 */
export const MISSING_FROM_INDEX_LIMIT = 20;

/** The articles the index may be stale on (changed since it last had them), as MongoDB has them now. */
interface StaleArticles {
  /** The ones this reader may not read now: the engine leaves them out. */
  hidden: string[];
  /** All of them, by id: their hits are viewed from MongoDB's copy, not the index entry. */
  docs: Map<string, ArticleDoc>;
  /** Whether the index lacks most articles (being built): see MISSING_FROM_INDEX_LIMIT. */
  indexBeingBuilt: boolean;
  /** How many articles the index has never had (for the log). */
  missing: number;
}

/**
 * Article search: Meilisearch first (with an error-code lane that puts articles carrying a code
 * the query names ahead of those that merely mention it), MongoDB when Meilisearch is down.
 * Results go through the knowledge base's visibility rules; drafts are never in the index.
 */
export class SearchService {
  private readonly staleLookup: StaleArticleLookup;
  /** How searches ask Meilisearch (shared with type-ahead). */
  readonly engine: ArticleEngine;
  private readonly vocabularies: SpellingVocabularies;
  private readonly cards: CardFactsCache;
  /** Whether searches are answered from MongoDB because the index lacks many articles (logged on change). */
  private indexIncomplete = false;

  constructor(
    private readonly meili: () => Meilisearch,
    private readonly indexUid: string,
    private readonly articles: ArticleRepository,
    private readonly reader: ArticleReader,
    private readonly matches: ArticleMatchRepository,
    private readonly logger: Logger,
    private readonly events: EventBus,
    private readonly now: () => Date = () => new Date(),
    popular?: PopularQueries,
  ) {
    this.staleLookup = new StaleArticleLookup(
      matches,
      events,
      MAX_EXCLUDED + 1,
      undefined,
      MISSING_FROM_INDEX_LIMIT,
    );
    this.engine = new ArticleEngine(meili, indexUid, reader);
    this.vocabularies = new SpellingVocabularies(meili, indexUid, popular, logger);
    this.cards = new CardFactsCache(meili, indexUid);
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
    const result = await this.search(principal, query, filter, first, offset, {
      articles: options.articles ?? 'stored',
      answerCard: options.answerCard ?? true,
      facets: options.facets ?? true,
    });
    const event = {
      query: rawQuery.slice(0, 200),
      normalised: query.toLowerCase(),
      role: principal.isPublic ? 'public' : [...principal.roles].sort().join(',') || 'none',
      channel: options.channel ?? null,
      // A query answered only in a relaxed form found nothing itself (editors see it among zero-result queries).
      hits: result.relaxedQuery ? 0 : result.totalHits,
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
    wanted: { articles: HitArticles; answerCard: boolean; facets: boolean },
  ): Promise<SearchResult> {
    const { articles, facets } = wanted;
    // The engine is asked at once, beside the look-up of what it must leave out (a recent MongoDB
    // look-up shared by searches: stale-articles.ts): that list is almost always empty (the index lags
    // only for a moment), and only when it is not is the engine asked again with the exclusion.
    const staleLookup = this.fromMongo(() => this.staleArticles(reader));
    const firstAsk = this.engine.ask(reader, query, filter, offset + first, [], facets);
    // Both settle before anything throws, so neither rejection goes unhandled.
    const [staleResult, askResult] = await Promise.allSettled([staleLookup, firstAsk]);
    if (staleResult.status === 'rejected') throw staleResult.reason;
    const stale = staleResult.value;
    if (this.noteIndexCompleteness(stale)) {
      return this.fromMongo(() =>
        searchMongo(this.matches, this.reader, reader, query, filter, first, offset),
      );
    }
    let answer: EngineAnswer;
    try {
      if (askResult.status === 'rejected') throw askResult.reason;
      answer =
        stale.hidden.length === 0
          ? askResult.value
          : await this.engine.ask(reader, query, filter, offset + first, stale.hidden, facets);
    } catch (error) {
      this.logger.warn(
        { err: error, source: 'meilisearch' },
        'Meilisearch did not answer: searching MongoDB instead (degraded)',
      );
      return this.fromMongo(() =>
        searchMongo(this.matches, this.reader, reader, query, filter, first, offset),
      );
    }
    const { result, top } = await this.fromMongo(() =>
      this.resultOf(reader, answer, first, offset, stale, articles),
    );
    if (result.totalHits > 0 || answer.lane.length > 0) {
      if (
        !wanted.answerCard ||
        top === null ||
        offset > 0 ||
        !isConfident(top.hit, top.secondScore, answer.lane.length > 0 ? answer.codes : [])
      )
        return result;
      return { ...result, answerCard: await this.answerCard(top.hit, stale) };
    }
    return this.noAnswer(reader, query, filter, first, offset, stale, wanted, result);
  }

  /**
   * Whether the index lacks so many articles (see MISSING_FROM_INDEX_LIMIT) that MongoDB must answer;
   * says so in the log when that changes.
   */
  private noteIndexCompleteness({ indexBeingBuilt: incomplete, missing }: StaleArticles): boolean {
    if (incomplete !== this.indexIncomplete) {
      this.indexIncomplete = incomplete;
      if (incomplete)
        this.logger.warn(
          { missing },
          'the search index lacks many published articles (being built): searching MongoDB instead (degraded)',
        );
      else this.logger.info('the search index has caught up: searching Meilisearch again');
    }
    return incomplete;
  }

  /** The card for a confident top hit; none when the engine cannot give its facts. */
  private async answerCard(top: RankedHit, stale: StaleArticles): Promise<SearchResult['answerCard']> {
    try {
      return await answerCardOf(top, this.cards, stale.docs.get(top.hit.id), this.now());
    } catch (error) {
      this.logger.warn(
        { err: error, source: 'meilisearch' },
        'the answer card could not be read: none shown',
      );
      return null;
    }
  }

  /**
   * For a query that found nothing: the results of a shorter form of it that finds something, marked
   * with that form, and a spelling correction (no-answer.ts); `none` when neither helps.
   */
  private async noAnswer(
    reader: Principal,
    query: string,
    filter: SearchFilter,
    first: number,
    offset: number,
    stale: StaleArticles,
    { articles, facets }: { articles: HitArticles; facets: boolean },
    none: SearchResult,
  ): Promise<SearchResult> {
    const { relaxed, didYouMean } = await helpForNoAnswer(this.engine, this.vocabularies, this.logger, {
      reader,
      query,
      filter,
      want: offset + first,
      hidden: stale.hidden,
      facets,
    });
    if (relaxed === null) return { ...none, didYouMean };
    const { result } = await this.fromMongo(() =>
      this.resultOf(reader, relaxed, first, offset, stale, articles),
    );
    return { ...result, query, relaxedQuery: relaxed.query, didYouMean };
  }

  /**
   * Ids of articles the index may be stale on that this reader may not read now (a look-up shared
   * by searches: usually no MongoDB command), for other readers of the index such as type-ahead.
   */
  async hiddenFor(reader: Principal): Promise<string[]> {
    return (await this.fromMongo(() => this.staleArticles(reader))).hidden;
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
    const { docs: ahead, missing, articleCount } = await this.staleLookup.state();
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
    const indexBeingBuilt =
      missing >= MISSING_FROM_INDEX_LIMIT && articleCount !== null && missing * 2 >= articleCount;
    return { hidden: hidden.slice(0, MAX_EXCLUDED), docs, indexBeingBuilt, missing };
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
  ): Promise<{ result: SearchResult; top: { hit: RankedHit; secondScore: number | null } | null }> {
    const { query, codes, prefer, main, lane } = answer;
    // Articles carrying a named code first, then the rest, each once (and in the query's language).
    const seen = new Set<string>();
    const ranked = [...lane, ...main.hits].filter((hit) => !seen.has(hit.id) && seen.add(hit.id));
    const { hits: merged, dropped: translations } = prefer
      ? preferLocale(ranked, prefer)
      : { hits: ranked, dropped: [] };
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
    // Translations left out are not counted either (the main query's facets counted those it found).
    const dropped: ArticleSearchDocument[] = translations.filter((hit) => inMain.has(hit.id));
    let unreadable = 0;
    for (const hit of page) {
      const view = views.get(hit.id);
      if (!view) {
        // Changed after the stale-document check and no longer readable: never shown, nor counted.
        unreadable += 1;
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
    const topHit = page[0];
    const topHitView = hits[0];
    let top: { hit: RankedHit; secondScore: number | null } | null = null;
    if (topHit && topHitView && topHitView.article.doc._id.toHexString() === topHit.id) {
      // The best score of another article (main hits come best first).
      const second = main.hits.find((hit) => hit.slug !== topHit.slug);
      top = {
        hit: {
          hit: topHit,
          article: topHitView.article,
          title: topHitView.title.replace(/<\/?mark>/g, ''),
          matchedErrorCodes: topHitView.matchedErrorCodes,
        },
        secondScore: second?._rankingScore ?? null,
      };
    }
    const result: SearchResult = {
      query,
      totalHits: Math.max(
        0,
        (main.estimatedTotalHits ?? main.hits.length) + laneExtra - unreadable - translations.length,
      ),
      processingTimeMs: main.processingTimeMs,
      degraded: false,
      // Counted only when the engine was asked for them (the query selects `facets`).
      facets: main.facetDistribution
        ? {
            categories: facetCounts(
              main.facetDistribution['categoryPath'],
              dropped.flatMap((hit) => hit.categoryPath),
            ),
            tags: facetCounts(
              main.facetDistribution['tags'],
              dropped.flatMap((hit) => hit.tags),
            ),
          }
        : { categories: [], tags: [] },
      hits,
    };
    return { result, top };
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
