import { Alert, Button, Card, Col, Form, Input, Row, Segmented, Space, Statistic, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useQuery } from 'urql';
import { useAreaT } from '../../app/area-i18n';
import { useI18n } from '../../app/i18n';
import { Link, navigate } from '../../app/router';
import { formatDateTime } from '../../lib/time';
import { dailyOption, topQueriesOption } from './charts';
import { SearchInsightsQuery } from './documents';
import { insightsMessages } from './messages';
import { PlainTable } from './PlainTable';
import { periodFromSearch, periodToSearch, periodVariables, newArticleHref } from './period';
import type { PeriodChoice, PeriodPreset } from './period';
import { Loading } from '../shared/Loading';

// ECharts comes with the first chart, in its own chunk.
const EChart = lazy(() => import('./EChart'));

const PRESETS: Array<{ value: PeriodPreset; key: 'today' | 'days7' | 'days30' }> = [
  { value: 'today', key: 'today' },
  { value: '7d', key: 'days7' },
  { value: '30d', key: 'days30' },
];

/** Search insights (/work/insights): a period, its totals, each day's searches, top and zero-result queries. */
export default function InsightsPage({ search }: { search: URLSearchParams }) {
  const t = useAreaT(insightsMessages);
  const { locale } = useI18n();
  const choice = periodFromSearch(search);
  // The clock presets are counted from: read when the page opens and when a period is chosen.
  const [now, setNow] = useState(() => new Date());
  // Recomputed each render: urql compares the variables by value, so the same period asks once.
  const asked = periodVariables(choice, now);
  const [custom, setCustom] = useState(() =>
    choice.kind === 'custom' ? { from: choice.from, to: choice.to } : { from: '', to: '' },
  );
  const [customOpen, setCustomOpen] = useState(choice.kind === 'custom');
  const variables = 'problem' in asked ? undefined : asked;
  const [result] = useQuery({
    query: SearchInsightsQuery,
    variables: variables ?? { since: new Date(0).toISOString(), until: null },
    pause: !variables,
    requestPolicy: 'cache-and-network',
  });

  const choose = (next: PeriodChoice) => {
    setNow(new Date());
    navigate(`/work/insights?${periodToSearch(next)}`, { replace: true });
  };
  const customProblem =
    customOpen && custom.from && custom.to ? periodVariables({ kind: 'custom', ...custom }, now) : undefined;
  const problem = customProblem && 'problem' in customProblem ? customProblem.problem : undefined;

  const data = result.data?.searchInsights;
  const names = { total: t('seriesTotal'), zero: t('seriesZero'), degraded: t('seriesDegraded') };
  const dailySummary = data
    ? data.totalSearches === 0
      ? t('dailyNone')
      : data.daily
          .map((day) =>
            t('dailyDay', {
              day: day.day,
              total: day.totalSearches,
              zero: day.zeroResultSearches,
              degraded: day.degradedSearches,
            }),
          )
          .join('; ')
    : '';
  const topSummary = data?.topQueries
    .slice(0, 10)
    .map((row) => `${row.query} ${row.count}`)
    .join(', ');
  const rate = data && data.totalSearches > 0 ? data.zeroResultSearches / data.totalSearches : 0;

  return (
    <div className="insights-page">
      <Typography.Title level={2}>{t('insightsTitle')}</Typography.Title>
      <Space wrap align="start" className="insights-period">
        <Segmented
          aria-label={t('period')}
          value={customOpen ? 'custom' : choice.kind === 'preset' ? choice.preset : 'custom'}
          options={[
            ...PRESETS.map(({ value, key }) => ({ value, label: t(key) })),
            { value: 'custom', label: t('custom') },
          ]}
          onChange={(value) => {
            if (value === 'custom') setCustomOpen(true);
            else {
              setCustomOpen(false);
              choose({ kind: 'preset', preset: value as PeriodPreset });
            }
          }}
        />
        {customOpen && (
          <Form
            layout="inline"
            onFinish={() => {
              if (!problem && custom.from && custom.to) choose({ kind: 'custom', ...custom });
            }}
          >
            <Form.Item
              label={t('from')}
              htmlFor="insights-from"
              validateStatus={problem ? 'error' : undefined}
            >
              <Input
                id="insights-from"
                type="date"
                value={custom.from}
                onChange={(event) => setCustom({ ...custom, from: event.target.value })}
              />
            </Form.Item>
            <Form.Item
              label={t('to')}
              htmlFor="insights-to"
              validateStatus={problem ? 'error' : undefined}
              help={problem ? t(problem) : undefined}
            >
              <Input
                id="insights-to"
                type="date"
                value={custom.to}
                onChange={(event) => setCustom({ ...custom, to: event.target.value })}
              />
            </Form.Item>
            <Form.Item>
              <Button
                type="primary"
                htmlType="submit"
                disabled={!custom.from || !custom.to || Boolean(problem)}
              >
                {t('apply')}
              </Button>
            </Form.Item>
          </Form>
        )}
      </Space>
      {'problem' in asked && <Alert type="error" showIcon title={t(asked.problem)} />}
      {result.error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={t('loadFailed', { message: result.error.message })}
        />
      )}
      {!data && result.fetching && <Loading className="page-loading" />}
      {data && (
        <>
          <Typography.Paragraph type="secondary" className="insights-period-shown">
            {t('periodShown', {
              since: formatDateTime(data.since, locale),
              until: formatDateTime(data.until, locale),
            })}
          </Typography.Paragraph>
          <Row gutter={[16, 16]}>
            <Col xs={24} md={8}>
              <Card>
                <Statistic title={t('totalSearches')} value={data.totalSearches} />
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card>
                <Statistic title={t('zeroResultSearches')} value={data.zeroResultSearches} />
                <Typography.Text type="secondary">
                  {t('zeroResultRate', { rate: `${(rate * 100).toFixed(1)}%` })}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={24} md={8}>
              <Card>
                <Statistic title={t('degradedSearches')} value={data.degradedSearches} />
                <Typography.Text type="secondary">{t('degradedHint')}</Typography.Text>
              </Card>
            </Col>
            <Col span={24}>
              <Card title={<h3 className="insights-card-title">{t('dailyTitle')}</h3>}>
                <Suspense fallback={<Loading />}>
                  <EChart
                    option={dailyOption(data.daily, names)}
                    label={t('dailyChart', { summary: dailySummary })}
                    height={260}
                  />
                </Suspense>
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={<h3 className="insights-card-title">{t('topTitle')}</h3>}>
                {data.topQueries.length > 0 && (
                  <Suspense fallback={<Loading />}>
                    <EChart
                      option={topQueriesOption(data.topQueries, t('count'))}
                      label={t('topChart', { summary: topSummary ?? '' })}
                      height={Math.max(120, Math.min(data.topQueries.length, 10) * 28 + 40)}
                    />
                  </Suspense>
                )}
                <PlainTable
                  id="top-queries"
                  rows={data.topQueries}
                  rowKey={(row) => row.query}
                  empty={t('noData')}
                  columns={[
                    { key: 'query', title: t('query'), render: (row) => row.query },
                    { key: 'count', title: t('count'), numeric: true, render: (row) => row.count },
                    { key: 'hits', title: t('averageHits'), numeric: true, render: (row) => row.averageHits },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={<h3 className="insights-card-title">{t('zeroTitle')}</h3>}>
                <Typography.Paragraph type="secondary">{t('zeroHint')}</Typography.Paragraph>
                <PlainTable
                  id="zero-result-queries"
                  rows={data.zeroResultQueries}
                  rowKey={(row) => row.query}
                  empty={t('noData')}
                  columns={[
                    { key: 'query', title: t('query'), render: (row) => row.query },
                    { key: 'count', title: t('count'), numeric: true, render: (row) => row.count },
                    {
                      key: 'lastAt',
                      title: t('lastAt'),
                      render: (row) => formatDateTime(row.lastAt, locale),
                    },
                    {
                      key: 'action',
                      title: t('action'),
                      render: (row) => (
                        <Space wrap size="small">
                          <Link
                            href={newArticleHref(row.query)}
                            aria-label={t('writeArticleFor', { query: row.query })}
                          >
                            {t('writeArticle')}
                          </Link>
                          <Link href={`/work/synonyms?term=${encodeURIComponent(row.query)}`}>
                            {t('addSynonym')}
                          </Link>
                        </Space>
                      ),
                    },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </>
      )}
    </div>
  );
}
