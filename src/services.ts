import DataLoader from 'dataloader';
import type { Db, WithId } from 'mongodb';
import type { Meilisearch } from 'meilisearch';
import { EventBus } from './events.js';
import type { Logger } from './logger.js';
import type { ArticleDoc } from './modules/articles/index.js';
import {
  ArticleEditor,
  FourEyesRule,
  ArticleHistoryService,
  ArticleMatchRepository,
  ArticleRepository,
  ArticleReader,
  ReviewQueueRepository,
  ReviewQueueService,
} from './modules/articles/index.js';
import { ChannelRepository, ChannelsService, createChannelLoaders } from './modules/channels/index.js';
import type { ChannelLoaders } from './modules/channels/index.js';
import { CoverageService } from './modules/coverage/index.js';
import { FeedbackRepository, FeedbackService } from './modules/feedback/index.js';
import {
  createHallLoaders,
  HallAdmin,
  HallFinder,
  HallImporter,
  HallRepository,
} from './modules/halls/index.js';
import type { HallLoaders } from './modules/halls/index.js';
import { indexProjections, IndexStateRepository } from './modules/indexing/index.js';
import type { IndexProjection } from './modules/indexing/index.js';
import { createRegionLoaders, RegionReader, RegionRepository } from './modules/regions/index.js';
import type { RegionLoaders } from './modules/regions/index.js';
import { HallSearch, PopularQueries, SearchService, SuggestService } from './modules/search/index.js';
import {
  SearchInsightsService,
  SearchLogRepository,
  SearchLogWriter,
  subscribeSearchLog,
} from './modules/search-log/index.js';
import { SynonymRepository, SynonymService } from './modules/synonyms/index.js';

/**
 * The application's repositories and services, created once at start-up. Resolvers see the
 * services only (see `RequestServices` in src/context.ts); repositories are for wiring, loaders,
 * seeders and maintenance.
 */
export interface Services {
  /** The in-process domain event bus: services publish, processors (indexer, search log) subscribe. */
  events: EventBus;
  // ---- repositories (MongoDB I/O) ----
  articles: ArticleRepository;
  articleMatches: ArticleMatchRepository;
  regions: RegionRepository;
  halls: HallRepository;
  channelRepo: ChannelRepository;
  synonymRepo: SynonymRepository;
  searchLog: SearchLogRepository;
  /** Batches the search log's writes; flushed on close and before the log is read here. */
  searchLogWriter: SearchLogWriter;
  indexState: IndexStateRepository;
  // ---- services ----
  /** Reading articles: visibility, lists, categories. */
  articleReader: ArticleReader;
  /** The editorial commands (create, update, workflow transitions, restore). */
  articleEditor: ArticleEditor;
  /** Revisions and diffs. */
  articleHistory: ArticleHistoryService;
  /** The reviewers' queue. */
  reviewQueue: ReviewQueueService;
  feedback: FeedbackService;
  search: SearchService;
  /** Type-ahead suggestions (`suggestArticles`). */
  suggest: SuggestService;
  synonyms: SynonymService;
  searchInsights: SearchInsightsService;
  /** The region tree. */
  regionReader: RegionReader;
  /** Hall reads: one hall, pages with facets, nearby halls, `whereCanI`, the CSV export. */
  hallFinder: HallFinder;
  /** Admins' changes to single halls. */
  hallAdmin: HallAdmin;
  /** Bulk import of halls. */
  hallImporter: HallImporter;
  /** What the halls under a region cover, for planners. */
  coverage: CoverageService;
  /** Service channels. */
  channels: ChannelsService;
  /** The Meilisearch indexes this service keeps (with the configured prefix). */
  projections: { articles: IndexProjection; halls: IndexProjection };
}

/** Wires repositories into services. `meili` is read at each use, so a replaced client is picked up. */
export function createServices(
  db: Db,
  logger: Logger,
  meili: () => Meilisearch,
  indexPrefix: string,
): Services {
  const now = () => new Date();
  const events = new EventBus(logger);
  const projections = indexProjections(indexPrefix);
  const articles = new ArticleRepository(db);
  const articleMatches = new ArticleMatchRepository(db);
  const regions = new RegionRepository(db);
  const halls = new HallRepository(db);
  const channelRepo = new ChannelRepository(db);
  const synonymRepo = new SynonymRepository(db);
  const searchLog = new SearchLogRepository(db);
  // The search log is a subscriber of SearchPerformed (the indexer subscribes when it starts).
  const searchLogWriter = new SearchLogWriter(searchLog, logger);
  subscribeSearchLog(events, searchLogWriter);
  const articleReader = new ArticleReader(articles, logger);
  // One four-eyes rule for publishing and for the review queue's canApprove/approvalBlock.
  const fourEyes = new FourEyesRule(articles);
  const knownHallCodes = async (codes: readonly string[]) =>
    new Set((await halls.findByCodes(codes)).map((hall) => hall.code));
  const channels = new ChannelsService(channelRepo, knownHallCodes, now);
  const hallSearch = new HallSearch(meili, projections.halls.indexUid);
  const popularQueries = new PopularQueries(
    (since, limit) => searchLog.findAnsweredQueriesSince(since, limit),
    events,
    logger,
    now,
  );
  const search = new SearchService(
    meili,
    projections.articles.indexUid,
    articles,
    articleReader,
    articleMatches,
    logger,
    events,
    now,
    popularQueries,
  );
  return {
    events,
    articles,
    articleMatches,
    regions,
    halls,
    channelRepo,
    synonymRepo,
    searchLog,
    searchLogWriter,
    indexState: new IndexStateRepository(db),
    articleReader,
    articleEditor: new ArticleEditor(articles, fourEyes, logger, events),
    articleHistory: new ArticleHistoryService(articles),
    reviewQueue: new ReviewQueueService(new ReviewQueueRepository(db), fourEyes),
    feedback: new FeedbackService(new FeedbackRepository(db), articles, articleReader, now, logger),
    search,
    suggest: new SuggestService(
      search.engine,
      articleReader,
      (principal) => search.hiddenFor(principal),
      popularQueries,
      logger,
    ),
    synonyms: new SynonymService(synonymRepo, events),
    searchInsights: new SearchInsightsService(searchLog, searchLogWriter),
    regionReader: new RegionReader(regions),
    hallFinder: new HallFinder(halls, channels, logger, hallSearch, now),
    hallAdmin: new HallAdmin(halls, regions, events, now),
    hallImporter: new HallImporter(halls, regions, logger, events, now),
    coverage: new CoverageService(halls, regions),
    channels,
    projections,
  };
}

/** Batching loaders for one request. Visibility is applied by whoever reads what they load. */
export interface Loaders {
  articleById: DataLoader<string, WithId<ArticleDoc> | null>;
  /** Every locale of a slug, for `translations`. */
  articlesBySlug: DataLoader<string, WithId<ArticleDoc>[]>;
  regions: RegionLoaders;
  halls: HallLoaders;
  channels: ChannelLoaders;
}

/** Builds fresh loaders for one request. */
export function createLoaders(services: Services): Loaders {
  return {
    articleById: new DataLoader(async (ids: readonly string[]) => {
      const docs = await services.articles.findByIds(ids);
      const byId = new Map(docs.map((doc) => [doc._id.toHexString(), doc]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    articlesBySlug: new DataLoader(async (slugs: readonly string[]) => {
      const docs = await services.articles.findAllLocalesOfSlugs(slugs);
      return slugs.map((slug) => docs.filter((doc) => doc.slug === slug));
    }),
    regions: createRegionLoaders(services.regions),
    halls: createHallLoaders(services.halls, services.articles),
    channels: createChannelLoaders(services.channelRepo),
  };
}
