import { Alert, Button, Checkbox, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useClient, useQuery } from 'urql';
import { useAreaT } from '../../app/area-i18n';
import { useI18n } from '../../app/i18n';
import { Link, navigate } from '../../app/router';
import type { VariablesOf } from '../../graphql';
import { RegionCascader } from '../shared/RegionCascader';
import { DataTable } from './DataTable';
import { AdminHallsQuery, HallsCsvQuery } from './documents';
import {
  AREAS,
  OPERATIONS,
  PAGE_SIZES,
  STATUSES,
  TIERS,
  hallsVariables,
  hallsViewOf,
  isoOfShanghaiInput,
  searchOfHallsView,
  shanghaiInputOf,
  withFilter,
} from './halls-url';
import type { HallsView } from './halls-url';
import { useLabels } from './labels';
import { adminMessages } from './messages';

type HallsVariables = VariablesOf<typeof AdminHallsQuery>;
type Facet = ReadonlyArray<{ value: string; count: number }>;

const countOf = (facet: Facet | undefined, value: string): number | undefined =>
  facet ? (facet.find((bucket) => bucket.value === value)?.count ?? 0) : undefined;

/** The status as a tag with text (not only colour). */
export function StatusTag({ status }: { status: string }) {
  const { label } = useLabels();
  return (
    <Tag className={`hall-status-tag hall-status-${status}`} data-status={status}>
      {label('HallStatus', status)}
    </Tag>
  );
}

/** The halls table: the API's filters with their facet counts, keyset pages, the state in the URL. */
export function HallsPage({ search }: { search: URLSearchParams }) {
  const t = useAreaT(adminMessages);
  const { apiLocale } = useI18n();
  const { label, options } = useLabels();
  const client = useClient();
  const view = hallsViewOf(search);
  const go = (next: HallsView): void => navigate(`/work/halls${searchOfHallsView(next)}`);
  const filter = (change: Partial<HallsView>): void => go(withFilter(view, change));
  const [text, setText] = useState(view.text);
  const [exporting, setExporting] = useState(false);
  const [result] = useQuery({
    query: AdminHallsQuery,
    variables: { ...hallsVariables(view), locale: apiLocale } as HallsVariables,
    requestPolicy: 'cache-and-network',
  });
  const halls = result.data?.halls;
  const facets = halls?.facets;

  const withCount = (value: string, name: string, facet: Facet | undefined) => {
    const count = countOf(facet, value);
    return count === undefined ? name : `${name} (${count})`;
  };
  const checkboxes = <T extends string>(
    enumName: string,
    values: readonly T[],
    chosen: T[],
    facet: Facet | undefined,
    onChange: (values: T[]) => void,
  ) => (
    <Checkbox.Group
      value={chosen}
      onChange={onChange}
      options={values.map((value) => ({ value, label: withCount(value, label(enumName, value), facet) }))}
    />
  );

  const exportCsv = async (): Promise<void> => {
    setExporting(true);
    const answer = await client
      .query(HallsCsvQuery, { filter: hallsVariables(view).filter as HallsVariables['filter'] })
      .toPromise();
    setExporting(false);
    const csv = answer.data?.hallsCsv;
    if (!csv) return;
    const link = document.createElement('a');
    link.href = `data:text/csv;charset=utf-8,${encodeURIComponent(`\uFEFF${csv}`)}`;
    link.download = 'halls.csv';
    link.click();
  };

  const pageInfo = halls?.pageInfo;
  return (
    <section className="admin-halls" aria-labelledby="admin-halls-title">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={2} id="admin-halls-title">
          {t('hallsTitle')}
        </Typography.Title>
        <Space>
          <Button onClick={() => void exportCsv()} loading={exporting}>
            {t('exportCsv')}
          </Button>
          <Button type="primary" onClick={() => navigate('/work/halls/new')}>
            {t('newHall')}
          </Button>
        </Space>
      </Space>
      <form
        className="admin-filters"
        aria-label={t('filters')}
        onSubmit={(event) => {
          event.preventDefault();
          filter({ text });
        }}
      >
        <Space wrap align="start">
          <Input.Search
            aria-label={t('filterText')}
            placeholder={t('filterText')}
            value={text}
            allowClear
            onChange={(event) => setText(event.target.value)}
            onSearch={(value) => filter({ text: value })}
            style={{ width: 240 }}
          />
          <RegionCascader
            label={t('filterRegion')}
            value={view.region}
            onChange={(region) => filter({ region })}
          />
          <Select
            aria-label={t('filterStatus')}
            placeholder={t('filterStatus')}
            allowClear
            value={view.status}
            onChange={(status) => filter({ status })}
            options={STATUSES.map((value) => ({
              value,
              label: withCount(value, label('HallStatus', value), facets?.status),
            }))}
            style={{ width: 200 }}
          />
          <Select
            mode="multiple"
            aria-label={t('filterServices')}
            placeholder={t('filterServices')}
            value={view.services}
            onChange={(services) => filter({ services })}
            options={options('ServiceKind').map((option) => ({
              value: option.value,
              label: withCount(option.value, option.label, facets?.services),
            }))}
            style={{ minWidth: 260 }}
          />
          <label className="admin-open-at">
            {t('filterOpenAt')}{' '}
            <input
              type="datetime-local"
              value={view.openAt ? shanghaiInputOf(view.openAt) : ''}
              onChange={(event) => filter({ openAt: isoOfShanghaiInput(event.target.value) })}
            />
          </label>
        </Space>
        <div className="admin-facets">
          <fieldset>
            <legend>{t('filterTier')}</legend>
            {checkboxes('HallTier', TIERS, view.tiers, facets?.tier, (tiers) => filter({ tiers }))}
          </fieldset>
          <fieldset>
            <legend>{t('filterOperation')}</legend>
            {checkboxes('HallOperation', OPERATIONS, view.operations, facets?.operation, (operations) =>
              filter({ operations }),
            )}
          </fieldset>
          <fieldset>
            <legend>{t('filterArea')}</legend>
            {checkboxes('HallArea', AREAS, view.areas, facets?.area, (areas) => filter({ areas }))}
          </fieldset>
        </div>
      </form>
      {result.error && <Alert type="error" title={result.error.message} showIcon />}
      <div role="status" className="admin-total">
        {halls ? t('hallsFound', { count: halls.totalCount }) : ''}
      </div>
      <DataTable
        rowKey={(hall) => hall.id}
        loading={result.fetching}
        rows={halls?.nodes ?? []}
        columns={[
          {
            key: 'code',
            title: t('colCode'),
            render: (hall) => <Link href={`/work/halls/${encodeURIComponent(hall.code)}`}>{hall.code}</Link>,
          },
          { key: 'name', title: t('colName'), render: (hall) => hall.name },
          { key: 'tier', title: t('colTier'), render: (hall) => label('HallTier', hall.tier) },
          {
            key: 'operation',
            title: t('colOperation'),
            render: (hall) => label('HallOperation', hall.operation),
          },
          { key: 'area', title: t('colArea'), render: (hall) => label('HallArea', hall.area) },
          { key: 'region', title: t('colRegion'), render: (hall) => hall.region?.name ?? '' },
          { key: 'status', title: t('colStatus'), render: (hall) => <StatusTag status={hall.status} /> },
          { key: 'phone', title: t('colPhone'), render: (hall) => hall.phone ?? '' },
        ]}
      />
      <nav className="admin-pager" aria-label={t('pager')}>
        <Space wrap>
          <Button
            disabled={!pageInfo?.hasPreviousPage || !pageInfo.startCursor}
            onClick={() => go({ ...view, after: undefined, before: pageInfo?.startCursor ?? undefined })}
          >
            {t('previousPage')}
          </Button>
          <Button
            disabled={!(pageInfo?.hasNextPage || view.before) || !pageInfo?.endCursor}
            onClick={() => go({ ...view, before: undefined, after: pageInfo?.endCursor ?? undefined })}
          >
            {t('nextPage')}
          </Button>
          <Select
            aria-label={t('pageSize')}
            value={view.size}
            onChange={(size) => filter({ size })}
            options={PAGE_SIZES.map((size) => ({ value: size, label: t('perPage', { size }) }))}
            style={{ width: 120 }}
          />
          <Select
            aria-label={t('orderBy')}
            value={view.orderBy}
            onChange={(orderBy) => filter({ orderBy })}
            options={[
              { value: 'CODE', label: t('orderByCode') },
              { value: 'NAME', label: t('orderByName') },
            ]}
            style={{ width: 140 }}
          />
        </Space>
      </nav>
    </section>
  );
}
