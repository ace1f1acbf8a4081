import { notFound } from '../../errors.js';
import type { Bucket, HallRepository } from '../halls/index.js';
import type { RegionDoc, RegionRepository } from '../regions/index.js';

/** The roster rule (DOMAIN.md section 2): every county above this many people has a roster channel. */
export const ROSTER_POPULATION_THRESHOLD = 30_000;

export interface CoverageReport {
  region: RegionDoc;
  hallCount: number;
  tier: Bucket[];
  operation: Bucket[];
  area: Bucket[];
  counties: RegionDoc[];
  countiesWithoutOpenHall: RegionDoc[];
  countiesWithoutRoster: RegionDoc[];
  populationThreshold: number;
}

/** What the halls under a region cover (for planners). */
export class CoverageService {
  constructor(
    private readonly halls: HallRepository,
    private readonly regions: RegionRepository,
  ) {}

  /**
   * For planners: halls (not permanently closed) per tier, operation and area under a region;
   * its counties without an OPEN hall; its counties above `threshold` people without a roster hall.
   * @throws NOT_FOUND for an unknown region.
   */
  async coverage(regionCode: string, threshold = ROSTER_POPULATION_THRESHOLD): Promise<CoverageReport> {
    const region = await this.regions.findByCode(regionCode.trim());
    if (!region) throw notFound('Region', regionCode);
    const [counties, counts] = await Promise.all([
      this.regions.findCountiesUnder(region.code),
      this.halls.coverageCounts(region.code),
    ]);
    const withOpen = new Set(counts.countiesWithOpenHall);
    const withRoster = new Set(counts.countiesWithRosterHall);
    return {
      region,
      hallCount: counts.total,
      tier: counts.tier,
      operation: counts.operation,
      area: counts.area,
      counties,
      countiesWithoutOpenHall: counties.filter((county) => !withOpen.has(county.code)),
      countiesWithoutRoster: counties.filter(
        (county) => (county.population ?? 0) > threshold && !withRoster.has(county.code),
      ),
      populationThreshold: threshold,
    };
  }
}
