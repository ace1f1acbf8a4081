import { Alert, Button, Empty, Select, Space, Spin, Switch, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Provider, useQuery } from 'urql';
import type { ResultOf } from '../../graphql';
import { readFragment } from '../../graphql';
import { createPublicClient } from '../../app/client';
import { useI18n } from '../../app/i18n';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { navigate, useLocation } from '../../app/router';
import { centroid, distanceMeters, formatDistance } from '../../lib/geo';
import type { Point } from '../../lib/geo';
import { formatTimeOrDate } from '../../lib/time';
import { FinderLabelsQuery, HallFields, HallsInRegionQuery, NearbyHallsQuery } from './documents';
import { HallPlot } from './HallPlot';
import { RegionCascader } from '../shared/RegionCascader';
import { finderHref, readFinderState } from './url-state';
import type { FinderState } from './url-state';

type Hall = ResultOf<typeof HallFields>;

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
  const [now] = useState(() => new Date());

  const [labels] = useQuery({ query: FinderLabelsQuery, variables: { locale: apiLocale } });
  const regionCode = state.regionPath[state.regionPath.length - 1];
  const filter = {
    ...(regionCode && !state.near ? { regionCode } : {}),
    ...(state.tiers.length ? { tiers: state.tiers } : {}),
    ...(state.services.length ? { services: state.services } : {}),
    ...(state.openNow ? { openAt: now.toISOString() } : {}),
  };
  const [nearby] = useQuery({
    query: NearbyHallsQuery,
    variables: { near: state.near ?? { lat: 0, lng: 0 }, filter },
    pause: !state.near,
  });
  const [inRegion] = useQuery({
    query: HallsInRegionQuery,
    variables: { filter: { ...filter, regionCode: regionCode ?? '' } },
    pause: !!state.near || !regionCode,
  });

  const listed = useMemo(():
    { centre: Point; halls: Array<{ hall: Hall; distance: number }> } | undefined => {
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
      const centre = centroid(halls.map((hall) => hall.location));
      if (!centre) return { centre: { lat: 0, lng: 0 }, halls: [] };
      return {
        centre,
        halls: halls
          .map((hall) => ({ hall, distance: distanceMeters(centre, hall.location) }))
          .sort((a, b) => a.distance - b.distance),
      };
    }
    return undefined;
  }, [state.near, nearby.data, inRegion.data]);

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

  const fetching = nearby.fetching || inRegion.fetching;
  const error = nearby.error ?? inRegion.error;
  const tierLabel = (value: string): string =>
    labels.data?.tiers.find((l) => l.value === value)?.label ?? value;

  return (
    <div className="finder">
      <header className="finder-header">
        <Typography.Title level={1}>{t('finder.title')}</Typography.Title>
        <LanguageSwitch />
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
        <section className="finder-area" aria-busy={fetching} aria-label={t('finder.resultsRegion')}>
          {fetching && !listed && <Spin aria-label={t('common.loading')} />}
          {listed && listed.halls.length === 0 && <Empty description={t('finder.noHalls')} />}
          {listed && listed.halls.length > 0 && (
            <div className="finder-results">
              <ol className="finder-list" aria-label={t('finder.results', { count: listed.halls.length })}>
                {listed.halls.map(({ hall, distance }, index) => (
                  <li
                    key={hall.id}
                    className={hall.openNow ? 'finder-hall' : 'finder-hall finder-hall-closed'}
                  >
                    <div className="finder-hall-head">
                      <span className="finder-index" aria-hidden="true">
                        {index + 1}
                      </span>
                      <Typography.Text strong>{hall.name}</Typography.Text>
                      <Tag>{tierLabel(hall.tier)}</Tag>
                      {hall.openNow ? (
                        <Tag className="open-tag">{t('finder.open')}</Tag>
                      ) : (
                        <Tag className="closed-tag">{t('finder.closed')}</Tag>
                      )}
                      <span className="finder-distance">
                        {state.near
                          ? formatDistance(distance)
                          : t('finder.fromCentre', { distance: formatDistance(distance) })}
                      </span>
                    </div>
                    <div>{hall.address}</div>
                    <div>
                      {hall.phone && (
                        <>
                          {t('finder.phone')}: <a href={`tel:${hall.phone}`}>{hall.phone}</a> ·{' '}
                        </>
                      )}
                      {t('finder.hours')}: {hall.openingHours.summary}
                    </div>
                    {hall.nextChange && (
                      <div className="finder-next">
                        {t(hall.nextChange.opens ? 'finder.opensAt' : 'finder.closesAt', {
                          at: formatTimeOrDate(hall.nextChange.at, now, locale),
                        })}
                      </div>
                    )}
                  </li>
                ))}
              </ol>
              <HallPlot centre={listed.centre} halls={listed.halls.map(({ hall }) => hall)} />
            </div>
          )}
        </section>
      </main>
    </div>
  );
}
