import type { Meilisearch } from 'meilisearch';
import type { GeoPoint } from '../halls/index.js';
import type { HallFilter, HallSearchPort } from '../halls/index.js';
import { normaliseText } from '../../lib/normalise-text.js';

const quote = (value: string) => JSON.stringify(value);

/** The halls index as the channel directory's search port: geo radius and name/address matching. */
export class HallSearch implements HallSearchPort {
  constructor(
    private readonly meili: () => Meilisearch,
    private readonly indexUid: string,
  ) {}

  /** The filter's indexed fields as a Meilisearch filter (openAt and text are checked in MongoDB). */
  private clauses(filter: HallFilter): string[] {
    const clauses: string[] = [];
    if (filter.regionCode) clauses.push(`regionPath = ${quote(filter.regionCode.trim())}`);
    if (filter.tiers?.length) clauses.push(`tier IN [${filter.tiers.map(quote).join(', ')}]`);
    if (filter.operations?.length) clauses.push(`operation IN [${filter.operations.map(quote).join(', ')}]`);
    if (filter.areas?.length) clauses.push(`area IN [${filter.areas.map(quote).join(', ')}]`);
    for (const service of filter.services ?? []) clauses.push(`services = ${quote(service)}`);
    if (filter.status) clauses.push(`status = ${quote(filter.status)}`);
    if (filter.openAt) clauses.push('status = "OPEN"');
    return clauses;
  }

  async nearby(near: GeoPoint, radiusKm: number, filter: HallFilter, limit: number): Promise<string[]> {
    const geo = `_geoRadius(${near.lat}, ${near.lng}, ${Math.round(radiusKm * 1000)})`;
    const result = await this.meili()
      .index<{ id: string }>(this.indexUid)
      .search('', {
        filter: [geo, ...this.clauses(filter)].join(' AND '),
        sort: [`_geoPoint(${near.lat}, ${near.lng}):asc`],
        limit,
        attributesToRetrieve: ['id'],
      });
    return result.hits.map((hit) => hit.id);
  }

  async matching(text: string, limit: number): Promise<string[]> {
    const result = await this.meili()
      .index<{ id: string }>(this.indexUid)
      .search(normaliseText(text), {
        limit,
        attributesToRetrieve: ['id'],
        matchingStrategy: 'all',
        ...(/\p{Script=Han}/u.test(text) ? { locales: ['cmn'] } : {}),
      });
    return result.hits.map((hit) => hit.id);
  }
}
