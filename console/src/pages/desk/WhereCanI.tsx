import { Alert, Button, Card, Empty, Input, List, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useDraft } from '../../auth/drafts';
import { useClient, useQuery } from 'urql';
import { graphql, readFragment } from '../../graphql';
import type { VariablesOf } from '../../graphql';
import { useI18n } from '../../app/i18n';
import { centroid, formatDistance, parsePoint } from '../../lib/geo';
import type { Point } from '../../lib/geo';
import { formatDateTime } from '../../lib/time';
import { useMinuteClock } from '../shared/clock';
import { HallCard } from '../shared/HallCard';
import { HallFields } from '../shared/hall-fields';
import { RegionCascader } from '../shared/RegionCascader';
import { useEnumLabels } from '../shared/enum-labels';

const WhereQuery = graphql(
  `
    query WhereCanI($service: ServiceKind!, $near: GeoPointInput!, $at: DateTime!, $locale: Locale!) {
      whereCanI(service: $service, near: $near, first: 5) {
        channels {
          id
          code
          name(locale: $locale)
          hours
          alwaysOpen
          access {
            kind
            value
            code
            meaning
          }
        }
      }
      nearbyHalls(near: $near, radiusKm: 30, first: 8, filter: { services: [$service], status: OPEN }) {
        distanceMeters
        hall {
          ...HallCard
        }
      }
    }
  `,
  [HallFields],
);

const RegionHallsQuery = graphql(`
  query RegionHallPositions($regionCode: String!) {
    halls(filter: { regionCode: $regionCode }, first: 100) {
      nodes {
        id
        location {
          lat
          lng
        }
      }
    }
  }
`);

type Service = VariablesOf<typeof WhereQuery>['service'];

/**
 * "Where can the customer do this?": a service and a place (a region, typed coordinates or the
 * browser's location) give the electronic channels offering it and the nearest halls that do, with
 * today's hours, the lunch break and the next change; halls closed now are greyed with when they open.
 */
export default function WhereCanI() {
  const { t, apiLocale, locale } = useI18n();
  const client = useClient();
  const services = useEnumLabels('ServiceKind');
  const [service, setService] = useDraft<Service | undefined>('where.service', undefined);
  const [regionPath, setRegionPath] = useDraft<string[]>('where.regionPath', []);
  const [coordinates, setCoordinates] = useDraft('where.coordinates', '');
  const [near, setNear] = useState<Point>();
  const [placeError, setPlaceError] = useState<string>();
  // The moment the answer is about (what "open now" means): the current minute, so a panel left
  // open moves on as halls open, break for lunch and close.
  const at = useMinuteClock();

  const choosePoint = (point: Point | undefined): void => {
    setNear(point);
    setPlaceError(point ? undefined : t('where.noPlace'));
  };

  const chooseRegion = async (path: string[]): Promise<void> => {
    setRegionPath(path);
    const code = path[path.length - 1];
    if (!code) return;
    const answer = await client.query(RegionHallsQuery, { regionCode: code }).toPromise();
    choosePoint(centroid((answer.data?.halls.nodes ?? []).map((hall) => hall.location)));
  };

  const [result] = useQuery({
    query: WhereQuery,
    variables: {
      service: service ?? 'CONSULTATION',
      near: near ?? { lat: 0, lng: 0 },
      at: at.toISOString(),
      locale: apiLocale,
    },
    pause: !service || !near,
  });
  const serviceOptions = useMemo(
    () => services.map((s) => ({ value: s.value as Service, label: s.label })),
    [services],
  );

  return (
    <Card size="small" title={t('where.title')} className="where">
      <Space wrap>
        <Select<Service>
          aria-label={t('where.service')}
          placeholder={t('where.service')}
          value={service}
          onChange={setService}
          options={serviceOptions}
          style={{ minWidth: 160 }}
        />
        <RegionCascader
          label={t('where.region')}
          value={regionPath}
          onChange={(path) => void chooseRegion(path)}
        />
        <Space.Compact>
          <Input
            aria-label={t('where.coordinates')}
            placeholder={t('where.coordinates')}
            value={coordinates}
            onChange={(event) => setCoordinates(event.target.value)}
            onPressEnter={() => choosePoint(parsePoint(coordinates))}
            style={{ width: 170 }}
          />
          <Button onClick={() => choosePoint(parsePoint(coordinates))}>{t('where.go')}</Button>
        </Space.Compact>
      </Space>
      {placeError && <Alert type="warning" showIcon title={placeError} />}
      {result.error && (
        <Alert type="error" showIcon title={t('where.failed')} description={result.error.message} />
      )}
      {result.data && (
        <div
          className="where-result"
          aria-busy={result.fetching && result.operation?.variables.at === at.toISOString()}
        >
          <Typography.Paragraph className="muted where-asof">
            {t('finder.updatedAt', {
              time: formatDateTime(result.operation?.variables.at ?? at.toISOString(), locale).slice(11),
            })}
          </Typography.Paragraph>
          <Typography.Title level={3}>{t('where.channels')}</Typography.Title>
          <List
            size="small"
            className="where-channels"
            dataSource={result.data.whereCanI?.channels ?? []}
            locale={{ emptyText: t('where.noChannels') }}
            renderItem={(channel) => (
              <List.Item>
                <div>
                  <Typography.Text strong>{channel.name}</Typography.Text>{' '}
                  <span className="muted">{channel.alwaysOpen ? t('where.alwaysOpen') : channel.hours}</span>
                  <div>
                    {channel.access.map((access) => (
                      <Tag key={`${access.kind}-${access.value}-${access.code ?? ''}`} className="code-tag">
                        {[access.value, access.code, access.meaning].filter(Boolean).join(' ')}
                      </Tag>
                    ))}
                  </div>
                </div>
              </List.Item>
            )}
          />
          <Typography.Title level={3}>{t('where.halls')}</Typography.Title>
          {(result.data.nearbyHalls ?? []).length === 0 ? (
            <Empty description={t('finder.noHalls')} />
          ) : (
            <ol className="finder-list where-halls">
              {(result.data.nearbyHalls ?? []).map(({ hall, distanceMeters }) => {
                const card = readFragment(HallFields, hall);
                return (
                  <HallCard key={card.id} hall={card} distance={formatDistance(distanceMeters)} level={4} />
                );
              })}
            </ol>
          )}
        </div>
      )}
    </Card>
  );
}
