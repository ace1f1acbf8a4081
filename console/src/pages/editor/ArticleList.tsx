import { Alert, Button, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { CSSProperties } from 'react';
import { useQuery } from 'urql';
import { useAreaT } from '../../app/area-i18n';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { readFragment } from '../../graphql';
import type { ResultOf, VariablesOf } from '../../graphql';
import { formatDateTime } from '../../lib/time';
import { ArticleListQuery, ArticleRowFragment } from './documents';
import { editorMessages } from './messages';
import { Loading } from '../shared/Loading';

export type ArticleFilter = NonNullable<VariablesOf<typeof ArticleListQuery>['filter']>;
type Row = ResultOf<typeof ArticleRowFragment>;

// Tag colours with a contrast of at least 4.5:1 (WCAG AA), which the kit's preset colours miss.
const BLUE: CSSProperties = { color: '#003eb3', background: '#e6f4ff', borderColor: '#91caff' };
const GREEN: CSSProperties = { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' };
const GREY: CSSProperties = { color: '#434343', background: '#f5f5f5', borderColor: '#d9d9d9' };
/** A warning (unsaved, unpublished changes). */
export const AMBER: CSSProperties = { color: '#873800', background: '#fff7e6', borderColor: '#ffd591' };

export const STATUS_STYLES: Record<Row['status'], CSSProperties> = {
  DRAFT: GREY,
  IN_REVIEW: BLUE,
  PUBLISHED: GREEN,
  ARCHIVED: AMBER,
};

/** One article: its title (to the editor), status, and what needs attention. */
function ArticleRow({ row }: { row: Row }) {
  const t = useAreaT(editorMessages);
  const { locale } = useI18n();
  const when = (iso: string) => formatDateTime(iso, locale);
  const openFlags = row.stats.openFlags ?? 0;
  return (
    <List.Item>
      <Space orientation="vertical" size={2}>
        <Space wrap>
          <Link href={`/work/articles/${encodeURIComponent(row.id)}`}>{row.title}</Link>
          <Tag style={STATUS_STYLES[row.status]}>{t(`status.${row.status}`)}</Tag>
          {row.locale === 'EN' && <Tag>{t('locale.EN')}</Tag>}
          {row.hasUnpublishedChanges && <Tag style={AMBER}>{t('unpublishedChanges')}</Tag>}
        </Space>
        <Typography.Text type="secondary">
          {t('updated', { time: when(row.updatedAt) })}
          {row.validTo && ` · ${t('expiresAt', { time: when(row.validTo) })}`}
          {openFlags > 0 && ` · ${t('flagsCount', { count: openFlags })}`}
        </Typography.Text>
        {row.rejection && (
          <Typography.Text type="danger">
            {t('rejectedBy', {
              by: row.rejection.by,
              time: when(row.rejection.at),
              reason: row.rejection.reason,
            })}
          </Typography.Text>
        )}
      </Space>
    </List.Item>
  );
}

/** One keyset page of the list; the last page offers the next. */
function ArticlePage({
  filter,
  after,
  onMore,
}: {
  filter: ArticleFilter;
  after: string | null;
  onMore?: (cursor: string) => void;
}) {
  const t = useAreaT(editorMessages);
  const [result] = useQuery({
    query: ArticleListQuery,
    variables: { filter, after },
    requestPolicy: 'cache-and-network',
  });
  const connection = result.data?.articles;
  if (result.error && !connection)
    return <Alert type="error" showIcon title={t('loadFailed')} description={result.error.message} />;
  if (!connection) return <Loading label={t('loading')} />;
  const rows = readFragment(ArticleRowFragment, connection.nodes);
  const next = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
  return (
    <>
      {rows.length > 0 && (
        <List split dataSource={[...rows]} rowKey="id" renderItem={(row) => <ArticleRow row={row} />} />
      )}
      {after === null && rows.length === 0 && <Typography.Text type="secondary">{t('none')}</Typography.Text>}
      {next && onMore && <Button onClick={() => onMore(next)}>{t('more')}</Button>}
    </>
  );
}

/** A list of articles in keyset pages of 20, newest change first ("load more" reads the next page). */
export function ArticleList({ filter }: { filter: ArticleFilter }) {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  return (
    <>
      {cursors.map((after, index) => (
        <ArticlePage
          key={after ?? 'first'}
          filter={filter}
          after={after}
          onMore={index === cursors.length - 1 ? (next) => setCursors([...cursors, next]) : undefined}
        />
      ))}
    </>
  );
}
