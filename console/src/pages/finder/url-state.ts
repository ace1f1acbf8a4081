import type { VariablesOf } from '../../graphql';
import type { Point } from '../../lib/geo';
import type { NearbyHallsQuery } from './documents';

type HallFilter = NonNullable<VariablesOf<typeof NearbyHallsQuery>['filter']>;
export type HallTierValue = NonNullable<HallFilter['tiers']>[number];
export type ServiceKindValue = NonNullable<HallFilter['services']>[number];

/**
 * The finder's state in its URL, so a portal can link (or embed) a ready search:
 * `/finder?region=420000.420100&tier=FLAGSHIP&service=SIM_REPLACEMENT&open=1&lang=en`, or
 * `/finder?near=30.59,114.30&r=10`; `embed=1` drops the page's own header (for an iframe).
 */
export interface FinderState {
  /** The chosen region's codes from province down. */
  regionPath: string[];
  near: Point | undefined;
  tiers: HallTierValue[];
  services: ServiceKindValue[];
  openNow: boolean;
  /** How far around `near` to look, in km (one of RADII_KM). */
  radiusKm: number;
  /** Shown inside another site's page: no header of its own. */
  embed: boolean;
  lang: string | undefined;
}

export const RADII_KM = [5, 10, 30, 50] as const;
export const DEFAULT_RADIUS_KM = 30;

const TIERS: readonly HallTierValue[] = ['FLAGSHIP', 'STANDARD', 'SMALL'];
const SERVICES: readonly ServiceKindValue[] = [
  'BILL_QUERY',
  'BROADBAND_INSTALLATION',
  'BUSINESS_HANDLING',
  'COMPLAINT_INTAKE',
  'CONSULTATION',
  'DEMO_EXPERIENCE',
  'GROUP_CUSTOMER_SERVICE',
  'HANDSET_SALES',
  'PACKAGE_CHANGE',
  'PASSWORD_SERVICE',
  'PAYMENT',
  'POINTS_QUERY',
  'SIM_REPLACEMENT',
];
const isTier = (value: string): value is HallTierValue => (TIERS as readonly string[]).includes(value);
const isService = (value: string): value is ServiceKindValue =>
  (SERVICES as readonly string[]).includes(value);

export function readFinderState(search: URLSearchParams): FinderState {
  const near = /^(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)$/.exec(search.get('near') ?? '');
  const lat = Number(near?.[1]);
  const lng = Number(near?.[2]);
  return {
    regionPath: (search.get('region') ?? '').split('.').filter((code) => /^\d{2,12}$/.test(code)),
    near: near && Math.abs(lat) <= 90 && Math.abs(lng) <= 180 ? { lat, lng } : undefined,
    tiers: search.getAll('tier').filter(isTier),
    services: search.getAll('service').filter(isService),
    openNow: search.get('open') === '1',
    radiusKm: (RADII_KM as readonly number[]).includes(Number(search.get('r')))
      ? Number(search.get('r'))
      : DEFAULT_RADIUS_KM,
    embed: search.get('embed') === '1',
    lang: search.get('lang') ?? undefined,
  };
}

export function finderHref(state: FinderState): string {
  const params = new URLSearchParams();
  if (state.regionPath.length) params.set('region', state.regionPath.join('.'));
  if (state.near) params.set('near', `${state.near.lat},${state.near.lng}`);
  for (const tier of state.tiers) params.append('tier', tier);
  for (const service of state.services) params.append('service', service);
  if (state.openNow) params.set('open', '1');
  if (state.near && state.radiusKm !== DEFAULT_RADIUS_KM) params.set('r', String(state.radiusKm));
  if (state.embed) params.set('embed', '1');
  if (state.lang) params.set('lang', state.lang);
  const query = params.toString();
  return query ? `/finder?${query}` : '/finder';
}
