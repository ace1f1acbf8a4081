import DataLoader from 'dataloader';
import type { Db, WithId } from 'mongodb';
import type { Meilisearch } from 'meilisearch';
import { EventBus } from './events.js';
import type { Logger } from './logger.js';
import type { ArticleDoc } from './modules/knowledge/index.js';
import { ArticleRepository } from './modules/knowledge/index.js';
import { KnowledgeService } from './modules/knowledge/index.js';
import { ArticleEditor, ArticleHistoryService } from './modules/knowledge/index.js';
import { FeedbackRepository } from './modules/knowledge/index.js';
import { FeedbackService } from './modules/knowledge/index.js';
import { SearchRepository } from './modules/search/index.js';
import { SearchService } from './modules/search/index.js';
import { subscribeSearchLog } from './modules/search/index.js';
import { SearchLogRepository, SearchInsightsService } from './modules/search/index.js';
import { SynonymRepository, SynonymService } from './modules/search/index.js';
import { indexProjections } from './modules/search/index.js';
import { HallSearch } from './modules/search/index.js';
import type { IndexProjection } from './modules/search/index.js';
import { createChannelLoaders } from './modules/channels/index.js';
import type { ChannelLoaders } from './modules/channels/index.js';
import { createChannelServices } from './modules/channels/index.js';
import type { ChannelServices } from './modules/channels/index.js';

/**
 * The application's services and repositories, created once at start-up (the channel directory's
 * are listed in its `ChannelServices`).
 */
export interface Services extends ChannelServices {
  /** The in-process domain event bus: services publish, processors (indexer, search log) subscribe. */
  events: EventBus;
  articles: ArticleRepository;
  /** Reading articles: visibility, lists, categories. */
  knowledge: KnowledgeService;
  /** The editorial commands (create, update, workflow transitions, restore). */
  articleEditor: ArticleEditor;
  /** Revisions and diffs. */
  articleHistory: ArticleHistoryService;
  feedback: FeedbackService;
  searchRepo: SearchRepository;
  search: SearchService;
  synonyms: SynonymService;
  searchInsights: SearchInsightsService;
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
  const events = new EventBus(logger);
  const articles = new ArticleRepository(db);
  const knowledge = new KnowledgeService(articles, logger);
  const searchRepo = new SearchRepository(db);
  const searchLog = new SearchLogRepository(db);
  // The search log is a subscriber of SearchPerformed (the indexer subscribes when it starts).
  subscribeSearchLog(events, searchLog);
  const projections = indexProjections(indexPrefix);
  return {
    events,
    articles,
    knowledge,
    articleEditor: new ArticleEditor(articles, logger, events),
    articleHistory: new ArticleHistoryService(articles),
    feedback: new FeedbackService(new FeedbackRepository(db), articles, knowledge, () => new Date(), logger),
    searchRepo,
    search: new SearchService(
      meili,
      projections.articles.indexUid,
      articles,
      knowledge,
      searchRepo,
      logger,
      events,
    ),
    synonyms: new SynonymService(new SynonymRepository(db), events),
    searchInsights: new SearchInsightsService(searchLog),
    projections,
    ...createChannelServices(db, {
      logger,
      events,
      now: () => new Date(),
      hallSearch: new HallSearch(meili, projections.halls.indexUid),
    }),
  };
}

/** Batching loaders for one request. Visibility is applied by whoever reads what they load. */
export interface Loaders {
  articleById: DataLoader<string, WithId<ArticleDoc> | null>;
  /** Every locale of a slug, for `translations`. */
  articlesBySlug: DataLoader<string, WithId<ArticleDoc>[]>;
  /** The channel directory's loaders (regions, halls, channels, hall articles). */
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
    channels: createChannelLoaders(services),
  };
}
