import type { RegionDoc } from './region.model.js';
import type { RegionRepository } from './region.repository.js';

/** Reading the administrative region tree (public). */
export class RegionReader {
  constructor(private readonly regions: RegionRepository) {}

  /** The children of a region (the provinces for null), in code order. */
  childRegions(parentCode: string | null): Promise<RegionDoc[]> {
    return this.regions.findChildren(parentCode);
  }
}
