/**
 * The halls table's state in the URL (`/work/halls?tier=FLAGSHIP&region=420000.420100&size=20`),
 * so a filtered page can be reloaded, shared and navigated back to. Values the API does not know
 * are dropped, never sent.
 */

export const TIERS = ['FLAGSHIP', 'STANDARD', 'SMALL'] as const;
export const OPERATIONS = ['SELF_OPERATED', 'PARTNER_OPERATED'] as const;
export const AREAS = ['URBAN', 'TOWNSHIP'] as const;
export const STATUSES = ['OPEN', 'TEMPORARILY_CLOSED', 'CLOSED'] as const;
export const PAGE_SIZES = [10, 20, 50, 100] as const;

export type Tier = (typeof TIERS)[number];
export type Operation = (typeof OPERATIONS)[number];
export type Area = (typeof AREAS)[number];
export type Status = (typeof STATUSES)[number];

export interface HallsView {
  tiers: Tier[];
  operations: Operation[];
  areas: Area[];
  /** Region codes from the province down. */
  region: string[];
  services: string[];
  status: Status | undefined;
  /** Open at this instant (ISO-8601). */
  openAt: string | undefined;
  text: string;
  orderBy: 'CODE' | 'NAME';
  size: number;
  /** The page: after this cursor, or before it. */
  after: string | undefined;
  before: string | undefined;
}

const SERVICE_PATTERN = /^[A-Z][A-Z_]{1,40}$/;

function pick<T extends string>(values: string[], allowed: readonly T[]): T[] {
  return [...new Set(values.filter((value): value is T => (allowed as readonly string[]).includes(value)))];
}

/** The view a URL's query describes (defaults for what is missing or unknown). */
export function hallsViewOf(search: URLSearchParams): HallsView {
  const status = search.get('status') ?? '';
  const at = search.get('at');
  const size = Number(search.get('size'));
  return {
    tiers: pick(search.getAll('tier'), TIERS),
    operations: pick(search.getAll('op'), OPERATIONS),
    areas: pick(search.getAll('area'), AREAS),
    region: (search.get('region') ?? '').split('.').filter((code) => /^\d{6,12}$/.test(code)),
    services: [...new Set(search.getAll('service').filter((value) => SERVICE_PATTERN.test(value)))],
    status: (STATUSES as readonly string[]).includes(status) ? (status as Status) : undefined,
    openAt: at && !Number.isNaN(Date.parse(at)) ? new Date(at).toISOString() : undefined,
    text: (search.get('q') ?? '').slice(0, 100),
    orderBy: search.get('order') === 'NAME' ? 'NAME' : 'CODE',
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : 20,
    after: search.get('after') ?? undefined,
    before: search.get('before') ?? undefined,
  };
}

/** The query string of a view (defaults left out, so the plain page is `/work/halls`). */
export function searchOfHallsView(view: HallsView): string {
  const params = new URLSearchParams();
  for (const tier of view.tiers) params.append('tier', tier);
  for (const operation of view.operations) params.append('op', operation);
  for (const area of view.areas) params.append('area', area);
  if (view.region.length > 0) params.set('region', view.region.join('.'));
  for (const service of view.services) params.append('service', service);
  if (view.status) params.set('status', view.status);
  if (view.openAt) params.set('at', view.openAt);
  if (view.text.trim()) params.set('q', view.text.trim());
  if (view.orderBy !== 'CODE') params.set('order', view.orderBy);
  if (view.size !== 20) params.set('size', String(view.size));
  if (view.after) params.set('after', view.after);
  else if (view.before) params.set('before', view.before);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** A changed filter starts again at the first page. */
export function withFilter(view: HallsView, change: Partial<HallsView>): HallsView {
  return { ...view, ...change, after: undefined, before: undefined };
}

/** The API's `halls` arguments for a view: a forward page after a cursor, or a backward page before one. */
export function hallsVariables(view: HallsView) {
  const last = view.region[view.region.length - 1];
  const filter = {
    ...(view.tiers.length ? { tiers: view.tiers } : {}),
    ...(view.operations.length ? { operations: view.operations } : {}),
    ...(view.areas.length ? { areas: view.areas } : {}),
    ...(last ? { regionCode: last } : {}),
    ...(view.services.length ? { services: view.services } : {}),
    ...(view.status ? { status: view.status } : {}),
    ...(view.openAt ? { openAt: view.openAt } : {}),
    ...(view.text.trim() ? { text: view.text.trim() } : {}),
  };
  const page =
    view.before && !view.after
      ? { last: view.size, before: view.before, first: null, after: null }
      : { first: view.size, after: view.after ?? null, last: null, before: null };
  return { filter, orderBy: view.orderBy, ...page };
}

/** An instant as a `datetime-local` value in Beijing time (`2026-03-02T12:30`), whatever the browser's zone. */
export function shanghaiInputOf(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16);
}

/** A `datetime-local` value read as Beijing time (China keeps no daylight saving), or undefined. */
export function isoOfShanghaiInput(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  const time = Date.parse(`${value}:00+08:00`);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
