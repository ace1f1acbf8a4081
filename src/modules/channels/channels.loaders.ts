import DataLoader from 'dataloader';
import type { WithId } from 'mongodb';
import type { ArticleDoc } from '../knowledge/index.js';
import type { ArticleRepository } from '../knowledge/index.js';
import type { ChannelDoc } from './channel.model.js';
import type { ChannelRepository } from './channel.repository.js';
import { findPublishedHallArticles, relatesToTier } from './hall-articles.js';
import type { HallDoc, HallTier } from './hall.model.js';
import type { HallRepository } from './hall.repository.js';
import type { RegionDoc } from './region.model.js';
import type { RegionRepository } from './region.repository.js';

/** The channel directory's batching loaders for one request (one query per batch each). */
export interface ChannelLoaders {
  regionByCode: DataLoader<string, RegionDoc | null>;
  hallByCode: DataLoader<string, HallDoc | null>;
  hallById: DataLoader<string, HallDoc | null>;
  /** The channels present in a hall (terminals and the like). */
  channelsByHallCode: DataLoader<string, ChannelDoc[]>;
  /** Published hall articles relating to a tier; visibility is applied by the reader. */
  hallArticlesByTier: DataLoader<HallTier, WithId<ArticleDoc>[]>;
}

/** Builds fresh loaders for one request from the repositories. */
export function createChannelLoaders(repos: {
  regions: RegionRepository;
  halls: HallRepository;
  channelRepo: ChannelRepository;
  articles: ArticleRepository;
}): ChannelLoaders {
  return {
    regionByCode: new DataLoader(async (codes: readonly string[]) => {
      const docs = await repos.regions.findByCodes(codes);
      const byCode = new Map(docs.map((doc) => [doc.code, doc]));
      return codes.map((code) => byCode.get(code) ?? null);
    }),
    hallByCode: new DataLoader(async (codes: readonly string[]) => {
      const docs = await repos.halls.findByCodes(codes);
      const byCode = new Map(docs.map((doc) => [doc.code, doc]));
      return codes.map((code) => byCode.get(code) ?? null);
    }),
    hallById: new DataLoader(async (ids: readonly string[]) => {
      const docs = await repos.halls.findByHexIds(ids);
      const byId = new Map(docs.map((doc) => [doc._id.toHexString(), doc]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    channelsByHallCode: new DataLoader(async (codes: readonly string[]) => {
      const docs = await repos.channelRepo.findPresentInHalls(codes);
      return codes.map((code) => docs.filter((doc) => doc.hallCodes.includes(code)));
    }),
    hallArticlesByTier: new DataLoader(async (tiers: readonly HallTier[]) => {
      const docs = await findPublishedHallArticles(repos.articles, tiers);
      return tiers.map((tier) => docs.filter((doc) => relatesToTier(doc, tier)));
    }),
  };
}
