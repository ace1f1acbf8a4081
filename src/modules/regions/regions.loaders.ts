import DataLoader from 'dataloader';
import type { RegionDoc } from './region.model.js';
import type { RegionRepository } from './region.repository.js';

/** The regions module's batching loaders for one request (one query per batch). */
export interface RegionLoaders {
  regionByCode: DataLoader<string, RegionDoc | null>;
}

/** Builds fresh loaders for one request. */
export function createRegionLoaders(regions: RegionRepository): RegionLoaders {
  return {
    regionByCode: new DataLoader(async (codes: readonly string[]) => {
      const docs = await regions.findByCodes(codes);
      const byCode = new Map(docs.map((doc) => [doc.code, doc]));
      return codes.map((code) => byCode.get(code) ?? null);
    }),
  };
}
