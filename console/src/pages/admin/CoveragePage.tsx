import { Alert, Empty, Space, Statistic, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { useQuery } from 'urql';
import { useAreaT } from '../../app/area-i18n';
import { useI18n } from '../../app/i18n';
import { navigate } from '../../app/router';
import { RegionCascader } from '../shared/RegionCascader';
import type { ChartBar } from './CoverageChart';
import { DataTable } from './DataTable';
import { CoverageQuery } from './documents';
import { useLabels } from './labels';
import { adminMessages } from './messages';
import { Loading } from '../shared/Loading';

// ECharts is loaded with the chart only, not with the rest of the admins' pages.
const CoverageChart = lazy(() => import('./CoverageChart'));

/** `/work/coverage?region=420000.420100`: halls per tier/operation/area under a region and the counties left uncovered. */
export function CoveragePage({ search }: { search: URLSearchParams }) {
  const t = useAreaT(adminMessages);
  const { apiLocale, locale } = useI18n();
  const { label } = useLabels();
  const path = (search.get('region') ?? '').split('.').filter((code) => /^\d{6,12}$/.test(code));
  const regionCode = path[path.length - 1];
  const [result] = useQuery({
    query: CoverageQuery,
    variables: { regionCode: regionCode ?? '', locale: apiLocale },
    pause: !regionCode,
    requestPolicy: 'cache-and-network',
  });
  const coverage = result.data?.coverage;
  const rows = useMemo(
    () =>
      coverage
        ? [
            ...coverage.byTier.map((b) => ({
              key: `tier:${b.value}`,
              dimension: t('filterTier'),
              name: label('HallTier', b.value),
              count: b.count,
              group: 0,
            })),
            ...coverage.byOperation.map((b) => ({
              key: `op:${b.value}`,
              dimension: t('filterOperation'),
              name: label('HallOperation', b.value),
              count: b.count,
              group: 1,
            })),
            ...coverage.byArea.map((b) => ({
              key: `area:${b.value}`,
              dimension: t('filterArea'),
              name: label('HallArea', b.value),
              count: b.count,
              group: 2,
            })),
          ]
        : [],
    [coverage, label, t],
  );
  const bars: ChartBar[] = useMemo(
    () => rows.map(({ name, count, group }) => ({ name, count, group })),
    [rows],
  );
  const separator = locale === 'zh-CN' ? '，' : ', ';
  const description = coverage
    ? t('chartDescription', {
        region: coverage.region.name,
        total: coverage.hallCount,
        counts: rows.map((row) => `${row.name} ${row.count}`).join(separator),
      })
    : '';

  const countyList = (counties: ReadonlyArray<{ id: string; name: string; population?: number | null }>) =>
    counties.length === 0 ? (
      <Typography.Text type="success">{t('noneLeft')}</Typography.Text>
    ) : (
      <Space wrap>
        {counties.map((county) => (
          <Tag key={county.id}>
            {county.name}
            {county.population
              ? ` · ${t('population', { count: county.population.toLocaleString(locale) })}`
              : ''}
          </Tag>
        ))}
      </Space>
    );

  return (
    <section aria-labelledby="admin-coverage-title">
      <Typography.Title level={2} id="admin-coverage-title">
        {t('coverageTitle')}
      </Typography.Title>
      <RegionCascader
        label={t('coverageRegion')}
        value={path}
        onChange={(next) =>
          navigate(`/work/coverage${next.length ? `?region=${next.join('.')}` : ''}`, { replace: true })
        }
      />
      {!regionCode && <Empty description={t('coveragePick')} />}
      {result.error && (
        <Alert type="error" showIcon title={result.error.graphQLErrors[0]?.message ?? result.error.message} />
      )}
      {regionCode && result.fetching && !coverage && <Loading />}
      {coverage && (
        <div className="coverage-report">
          <Space size="large" wrap>
            <Statistic title={t('coverageHalls')} value={coverage.hallCount} />
            <Statistic title={t('coverageCounties')} value={coverage.countyCount} />
            <Statistic title={t('coverageUncovered')} value={coverage.countiesWithoutOpenHall.length} />
          </Space>
          <div className="coverage-body">
            <Suspense fallback={<Loading />}>
              <CoverageChart bars={bars} description={description} />
            </Suspense>
            <DataTable
              rowKey={(row) => row.key}
              rows={rows}
              caption={t('coverageTableCaption', { region: coverage.region.name })}
              columns={[
                { key: 'dimension', title: t('colDimension'), render: (row) => row.dimension },
                { key: 'name', title: t('colValue'), render: (row) => row.name },
                { key: 'count', title: t('colHalls'), render: (row) => row.count, align: 'right' },
              ]}
            />
          </div>
          <Typography.Title level={3}>{t('countiesWithoutOpenHall')}</Typography.Title>
          <div className="coverage-uncovered">{countyList(coverage.countiesWithoutOpenHall)}</div>
          <Typography.Title level={3}>
            {t('countiesWithoutRoster', { threshold: coverage.populationThreshold.toLocaleString(locale) })}
          </Typography.Title>
          <div className="coverage-roster">{countyList(coverage.countiesWithoutRosterChannel)}</div>
        </div>
      )}
    </section>
  );
}
