import DataLoader from 'dataloader';
import type { WithId } from 'mongodb';
import type { ArticleDoc, ArticleRepository } from '../articles/index.js';
import { findPublishedHallArticles, relatesToTier } from './hall-articles.js';
import type { HallDoc, HallTier } from './hall.model.js';
import type { HallRepository } from './hall.repository.js';

/** The halls module's batching loaders for one request (one query per batch each). */
export interface HallLoaders {
  hallByCode: DataLoader<string, HallDoc | null>;
  hallById: DataLoader<string, HallDoc | null>;
  /** Published hall articles relating to a tier; visibility is applied by the reader. */
  hallArticlesByTier: DataLoader<HallTier, WithId<ArticleDoc>[]>;
}

/** Builds fresh loaders for one request. */
export function createHallLoaders(halls: HallRepository, articles: ArticleRepository): HallLoaders {
  return {
    hallByCode: new DataLoader(async (codes: readonly string[]) => {
      const docs = await halls.findByCodes(codes);
      const byCode = new Map(docs.map((doc) => [doc.code, doc]));
      return codes.map((code) => byCode.get(code) ?? null);
    }),
    hallById: new DataLoader(async (ids: readonly string[]) => {
      const docs = await halls.findByHexIds(ids);
      const byId = new Map(docs.map((doc) => [doc._id.toHexString(), doc]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    hallArticlesByTier: new DataLoader(async (tiers: readonly HallTier[]) => {
      const docs = await findPublishedHallArticles(articles, tiers);
      return tiers.map((tier) => docs.filter((doc) => relatesToTier(doc, tier)));
    }),
  };
}
