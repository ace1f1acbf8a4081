import { Alert, Button, Empty, Select, Space, Switch, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Provider, useClient, useQuery } from 'urql';
import { readFragment } from '../../graphql';
import type { VariablesOf } from '../../graphql';
import { createPublicClient } from '../../app/client';
import { useI18n } from '../../app/i18n';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { navigate, useLocation } from '../../app/router';
import { centroid, distanceMeters, formatDistance } from '../../lib/geo';
import type { Point } from '../../lib/geo';
import { formatDateTime } from '../../lib/time';
import { FinderLabelsQuery, HallsInRegionQuery, NearbyHallsQuery } from './documents';
import { HallPlot } from './HallPlot';
import { useMinuteClock } from '../shared/clock';
import { hallStateKey, isOpen } from '../shared/HallHours';
import { HallCard } from '../shared/HallCard';
import type { HallCardView } from '../shared/HallCard';
import { HallFields } from '../shared/hall-fields';
import { RegionCascader } from '../shared/RegionCascader';
import { finderHref, RADII_KM, readFinderState } from './url-state';
import type { FinderState } from './url-state';
import { Loading } from '../shared/Loading';

type Hall = HallCardView;

/** The public hall finder (no sign-in): its own client, which never sends a token. */
export default function FinderPage() {
  const client = useMemo(() => createPublicClient(), []);
  return (
    <Provider value={client}>
      <Finder />
    </Provider>
  );
}

function Finder() {
  const { t, apiLocale, locale } = useI18n();
  const { search } = useLocation();
  const state = readFinderState(search);
  const go = (next: Partial<FinderState>): void =>
    navigate(finderHref({ ...state, ...next }), { replace: true });
  const [locating, setLocating] = useState(false);
  const [locationError, setLocationError] = useState<string>();
  // The instant the list is about: the current minute, so a page left open re-evaluates open /
  // closed, today's hours and the next change as time passes (one request a minute).
  const at = useMinuteClock();
  const atIso = at.toISOString();

  const [labels] = useQuery({ query: FinderLabelsQuery, variables: { locale: apiLocale } });
  const regionCode = state.regionPath[state.regionPath.length - 1];
  const filter = {
    ...(regionCode && !state.near ? { regionCode } : {}),
    ...(state.tiers.length ? { tiers: state.tiers } : {}),
    ...(state.services.length ? { services: state.services } : {}),
    ...(state.openNow ? { openAt: atIso } : {}),
  };
  const nearbyVariables = {
    near: state.near ?? { lat: 0, lng: 0 },
    radiusKm: state.radiusKm,
    filter,
    at: atIso,
  };
  const regionVariables = { filter: { ...filter, regionCode: regionCode ?? '' }, at: atIso };
  const [nearby] = useQuery({
    query: NearbyHallsQuery,
    variables: nearbyVariables,
    pause: !state.near,
  });
  const [inRegion] = useQuery({
    query: HallsInRegionQuery,
    variables: regionVariables,
    pause: !!state.near || !regionCode,
  });
  const more = useMorePages(regionVariables, inRegion.data?.halls.pageInfo, searchKey(regionVariables));
  useEmbedHeight(state.embed);

  // (Cheap: at most 100 halls; the React compiler memoises what it can.)
  const listed = ((): { centre: Point; halls: Array<{ hall: Hall; distance: number }> } | undefined => {
    if (state.near && nearby.data?.nearbyHalls) {
      return {
        centre: state.near,
        halls: nearby.data.nearbyHalls.map((entry) => ({
          hall: readFragment(HallFields, entry.hall),
          distance: entry.distanceMeters,
        })),
      };
    }
    if (!state.near && inRegion.data) {
      const halls = inRegion.data.halls.nodes.map((node) => readFragment(HallFields, node));
      // The centre of the first page; each page loaded after it is appended, nearest first.
      const centre = centroid(halls.map((hall) => hall.location));
      if (!centre) return { centre: { lat: 0, lng: 0 }, halls: [] };
      const byDistance = (page: Hall[]) =>
        page
          .map((hall) => ({ hall, distance: distanceMeters(centre, hall.location) }))
          .sort((a, b) => a.distance - b.distance);
      return { centre, halls: [halls, ...more.pages].flatMap(byDistance) };
    }
    return undefined;
  })();

  const locate = (): void => {
    if (!('geolocation' in navigator)) {
      setLocationError(t('finder.noGeolocation'));
      return;
    }
    setLocating(true);
    setLocationError(undefined);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        go({
          near: {
            lat: Number(position.coords.latitude.toFixed(5)),
            lng: Number(position.coords.longitude.toFixed(5)),
          },
        });
      },
      (error) => {
        setLocating(false);
        setLocationError(t('finder.locationFailed', { reason: error.message }));
      },
      { timeout: 10_000, maximumAge: 60_000 },
    );
  };

  // Busy (dimmed, and what the tests wait on) only while a new search loads, not while the list is
  // refreshed for the next minute; "as of" tells the minute of the answer shown.
  const shown = state.near ? nearby : inRegion;
  const shownAt = shown.operation?.variables.at;
  const fetching =
    shown.fetching &&
    searchKey(shown.operation?.variables) !== searchKey(state.near ? nearbyVariables : regionVariables);
  const error = nearby.error ?? inRegion.error;
  const tierLabel = (value: string): string =>
    labels.data?.tiers.find((l) => l.value === value)?.label ?? value;

  return (
    <div className="finder">
      <header className="finder-header">
        <Typography.Title level={1} style={state.embed ? VISUALLY_HIDDEN : undefined}>
          {t('finder.title')}
        </Typography.Title>
        {!state.embed && <LanguageSwitch />}
      </header>
      <main>
        <Space wrap className="finder-controls" align="center">
          <RegionCascader
            label={t('finder.region')}
            value={state.regionPath}
            onChange={(regionPath) => go({ regionPath, near: undefined })}
          />
          <Button onClick={locate} loading={locating}>
            {t('finder.useMyLocation')}
          </Button>
          <Select
            mode="multiple"
            aria-label={t('finder.tier')}
            placeholder={t('finder.tier')}
            value={state.tiers}
            onChange={(tiers: FinderState['tiers']) => go({ tiers })}
            options={(labels.data?.tiers ?? []).map((l) => ({
              value: l.value as FinderState['tiers'][number],
              label: l.label,
            }))}
            style={{ minWidth: 180 }}
          />
          <Select
            mode="multiple"
            aria-label={t('finder.service')}
            placeholder={t('finder.service')}
            value={state.services}
            onChange={(services: FinderState['services']) => go({ services })}
            options={(labels.data?.services ?? []).map((l) => ({
              value: l.value as FinderState['services'][number],
              label: l.label,
            }))}
            style={{ minWidth: 220 }}
          />
          {state.near && (
            <Select
              aria-label={t('finder.radius')}
              value={state.radiusKm}
              onChange={(radiusKm: number) => go({ radiusKm })}
              options={RADII_KM.map((km) => ({ value: km, label: t('finder.radiusKm', { km }) }))}
              style={{ minWidth: 110 }}
            />
          )}
          <label className="finder-open-now">
            <Switch
              checked={state.openNow}
              onChange={(openNow) => go({ openNow })}
              aria-label={t('finder.openNow')}
            />{' '}
            {t('finder.openNow')}
          </label>
        </Space>
        {locationError && <Alert type="warning" showIcon title={locationError} />}
        {error && <Alert type="error" showIcon title={t('finder.failed')} description={error.message} />}
        {state.near && (
          <Typography.Paragraph className="muted">
            {t('finder.aroundYou', { lat: state.near.lat, lng: state.near.lng })}
          </Typography.Paragraph>
        )}
        {!state.near && !regionCode && (
          <Typography.Paragraph className="muted">{t('finder.pickRegion')}</Typography.Paragraph>
        )}
        {locating && (
          <Typography.Paragraph className="muted" role="status">
            {t('finder.locating')}
          </Typography.Paragraph>
        )}
        <section className="finder-area" aria-busy={fetching} aria-label={t('finder.resultsRegion')}>
          {/* Read out when the results change (a screen reader hears the count, not the whole list). */}
          <div role="status" className="finder-count muted">
            {listed && listed.halls.length > 0
              ? `${t('finder.resultsCount', { count: listed.halls.length })} · ${t('finder.updatedAt', {
                  time: formatDateTime(shownAt ?? atIso, locale).slice(11),
                })}`
              : ''}
          </div>
          {!state.near && (inRegion.data?.halls.totalCount ?? 0) > (listed?.halls.length ?? 0) && (
            <Typography.Paragraph className="muted">
              {t('finder.showingSome', {
                shown: listed?.halls.length ?? 0,
                total: inRegion.data?.halls.totalCount ?? 0,
              })}
            </Typography.Paragraph>
          )}
          {fetching && !listed && <Loading label={t('common.loading')} />}
          {listed && listed.halls.length === 0 && (
            <Empty description={state.openNow ? t('finder.noOpenHalls') : t('finder.noHalls')}>
              {state.openNow && <Button onClick={() => go({ openNow: false })}>{t('finder.showAll')}</Button>}
            </Empty>
          )}
          {listed && listed.halls.length > 0 && (
            <div className="finder-results">
              <ol className="finder-list" aria-label={t('finder.results', { count: listed.halls.length })}>
                {listed.halls.map(({ hall, distance }, index) => (
                  <HallCard
                    key={hall.id}
                    id={`hall-${hall.code}`}
                    hall={hall}
                    index={index + 1}
                    tierLabel={tierLabel(hall.tier)}
                    distance={
                      state.near
                        ? formatDistance(distance)
                        : t('finder.fromCentre', { distance: formatDistance(distance) })
                    }
                    weekly
                  />
                ))}
              </ol>
              <HallPlot
                centre={listed.centre}
                halls={listed.halls.map(({ hall, distance }, index) => ({
                  location: hall.location,
                  openNow: isOpen(hall),
                  label: t('finder.hallOnMap', {
                    index: index + 1,
                    name: hall.name,
                    state: t(hallStateKey(hall)),
                    distance: formatDistance(distance),
                  }),
                  target: `hall-${hall.code}`,
                }))}
              />
            </div>
          )}
          {!state.near && more.hasMore && listed && listed.halls.length > 0 && (
            <Button className="finder-more" onClick={more.load} loading={more.loading}>
              {t('finder.loadMore')}
            </Button>
          )}
          {more.error && <Alert type="error" showIcon title={t('finder.failed')} description={more.error} />}
        </section>
      </main>
    </div>
  );
}

const VISUALLY_HIDDEN = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  margin: 0,
} as const;

/**
 * Inside a portal's iframe (`embed=1`), tells the parent page how tall the finder is, so it can
 * size the frame without a scrollbar: `{ type: 'channel-kb:finder-height', height }` by postMessage.
 */
function useEmbedHeight(embed: boolean): void {
  const last = useRef(0);
  useEffect(() => {
    if (!embed || window.parent === window) return;
    const report = (): void => {
      const height = Math.ceil(document.documentElement.scrollHeight);
      if (height === last.current) return;
      last.current = height;
      window.parent.postMessage({ type: 'channel-kb:finder-height', height }, '*');
    };
    const observer = new ResizeObserver(report);
    observer.observe(document.body);
    report();
    return () => observer.disconnect();
  }, [embed]);
}

/**
 * The region's halls after the first page, loaded on "more" and kept fresh: when the minute moves
 * on, each loaded page is asked again for the new instant; a new search drops them.
 */
function useMorePages(
  variables: VariablesOf<typeof HallsInRegionQuery>,
  firstPage: { hasNextPage: boolean; endCursor?: string | null } | undefined,
  key: string,
): { pages: Hall[][]; hasMore: boolean; loading: boolean; error?: string; load: () => void } {
  const client = useClient();
  // The cursors after which each extra page starts, and what came back for each.
  const [cursors, setCursors] = useState<string[]>([]);
  const [pages, setPages] = useState<Array<{ halls: Hall[]; next?: string }>>([]);
  const [error, setError] = useState<string>();
  const [forKey, setForKey] = useState(key);
  if (forKey !== key) {
    setForKey(key);
    setCursors([]);
    setPages([]);
    setError(undefined);
  }
  const at = variables.at;
  useEffect(() => {
    if (cursors.length === 0) return;
    let cancelled = false;
    void (async () => {
      const loaded: Array<{ halls: Hall[]; next?: string }> = [];
      for (const after of cursors) {
        const result = await client
          .query(HallsInRegionQuery, { ...variables, after }, { requestPolicy: 'network-only' })
          .toPromise();
        if (cancelled) return;
        if (result.error || !result.data) {
          setError(result.error?.message ?? 'no data');
          break;
        }
        const { nodes, pageInfo } = result.data.halls;
        loaded.push({
          halls: nodes.map((node) => readFragment(HallFields, node)),
          ...(pageInfo.hasNextPage && pageInfo.endCursor ? { next: pageInfo.endCursor } : {}),
        });
      }
      if (!cancelled) setPages(loaded);
    })();
    return () => {
      cancelled = true;
    };
    // Asked again for a new instant or a new page; `variables` follows `at` and the search key.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, cursors, at, key]);
  const last = cursors.length === 0 ? firstPage?.endCursor : pages[pages.length - 1]?.next;
  const hasMore = cursors.length === 0 ? !!firstPage?.hasNextPage : pages.length === cursors.length && !!last;
  return {
    pages: pages.map((page) => page.halls),
    hasMore,
    // A page asked for and not yet here (a refresh for the next minute keeps the button idle).
    loading: pages.length < cursors.length && !error,
    ...(error ? { error } : {}),
    load: () => {
      if (last) setCursors((previous) => [...previous, last]);
    },
  };
}

/** A search's variables without the instant (`at`, `filter.openAt`): what changes when the user asks anew. */
function searchKey(variables: { [name: string]: unknown; filter?: unknown } | undefined): string {
  if (!variables) return '';
  const { at: _at, filter, ...rest } = variables;
  const { openAt, ...otherFilter } = (filter ?? {}) as { openAt?: unknown };
  return JSON.stringify({ ...rest, filter: otherFilter, open: openAt !== undefined });
}
