import { Alert, App, Button, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import type { ResultOf } from '../../graphql';
import { useAreaT } from '../../app/area-i18n';
import { useI18n } from '../../app/i18n';
import { navigate } from '../../app/router';
import { formatDateTime } from '../../lib/time';
import { useEnumLabels } from '../shared/enum-labels';
import { DiffView } from './DiffView';
import { DiffQuery, HistoryQuery, RestoreMutation } from './documents';
import { reasonOf } from './errors';
import { mergeRevisions, olderCursor } from './history-pages';
import type { RevisionPage } from './history-pages';
import { reviewMessages } from './messages';
import { SimpleTable } from './SimpleTable';
import { Loading } from '../shared/Loading';

/** The path of an article's history page, optionally comparing two versions. */
export function historyHref(articleId: string, from?: number, to?: number): string {
  const query = from !== undefined && to !== undefined ? `?from=${from}&to=${to}` : '';
  return `/work/history/${encodeURIComponent(articleId)}${query}`;
}

type ArticleHistory = NonNullable<
  Extract<NonNullable<ResultOf<typeof HistoryQuery>['node']>, { history: unknown }>['history']
>;
type Revision = ArticleHistory['nodes'][number];

function versionParam(search: URLSearchParams, name: string): number | undefined {
  const value = Number(search.get(name));
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/**
 * An article's revisions (who, when, note) and the diff between any two of them, chosen in the URL
 * (`?from=&to=`; by default the one before the latest and the latest). The older one can be
 * restored as the new draft, after confirmation.
 */
export default function HistoryPage({ articleId, search }: { articleId: string; search: URLSearchParams }) {
  const t = useAreaT(reviewMessages);
  const { locale } = useI18n();
  const { message } = App.useApp();
  const actions = useEnumLabels('ArticleAction');
  const statuses = useEnumLabels('ArticleStatus');
  const client = useClient();
  const [result, refetch] = useQuery({ query: HistoryQuery, variables: { id: articleId, after: null } });
  // Older pages, loaded on demand after the newest page's cursor (revisions never change once saved).
  const [older, setOlder] = useState<{
    pages: Array<RevisionPage<Revision>>;
    loading: boolean;
    error?: string;
  }>({
    pages: [],
    loading: false,
  });
  const [restoring, setRestoring] = useState(false);
  const [restoreState, restore] = useMutation(RestoreMutation);
  const [form] = Form.useForm<{ note?: string }>();

  const article = result.data?.node && 'history' in result.data.node ? result.data.node : undefined;
  const newestPage = article?.history ?? undefined;
  const revisions = mergeRevisions(
    newestPage?.nodes ?? [],
    older.pages.flatMap((page) => page.nodes),
  );
  const nextCursor = olderCursor(newestPage, older.pages[older.pages.length - 1]);
  const loadOlder = async (): Promise<void> => {
    if (!nextCursor) return;
    setOlder((current) => ({ ...current, loading: true, error: undefined }));
    const answer = await client
      .query(HistoryQuery, { id: articleId, after: nextCursor }, { requestPolicy: 'network-only' })
      .toPromise();
    const node = answer.data?.node;
    const page = node && 'history' in node ? node.history : undefined;
    setOlder((current) =>
      page
        ? { pages: [...current.pages, page], loading: false }
        : { ...current, loading: false, error: answer.error ? reasonOf(answer.error) : t('notFound') },
    );
  };
  const latest = revisions[0]?.version;
  const to = versionParam(search, 'to') ?? latest;
  const from = versionParam(search, 'from') ?? revisions[1]?.version ?? latest;
  const [diff] = useQuery({
    query: DiffQuery,
    variables: { id: articleId, from: from ?? 0, to: to ?? 0 },
    pause: from === undefined || to === undefined,
  });

  if (result.fetching && !result.data) return <Loading label={t('loading')} />;
  if (result.error)
    return <Alert type="error" showIcon title={t('loadFailed', { reason: reasonOf(result.error) })} />;
  if (!article) return <Alert type="info" showIcon title={t('notFound')} />;

  const labelOf = (labels: ReadonlyArray<{ value: string; label: string }>, value: string) =>
    labels.find((label) => label.value === value)?.label ?? value;
  const choose = (next: { from?: number; to?: number }) =>
    navigate(historyHref(articleId, next.from ?? from, next.to ?? to), { replace: true });
  const options = revisions.map((revision) => ({
    value: revision.version,
    label: t('versionOption', {
      version: revision.version,
      action: labelOf(actions, revision.action),
      author: revision.author,
    }),
  }));

  const onRestore = async (): Promise<void> => {
    if (from === undefined) return;
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return; // the form shows what is missing
    const { note } = values;
    const answer = await restore({
      input: {
        id: article.id,
        expectedVersion: article.version,
        revision: from,
        ...(note ? { note } : {}),
      },
    });
    if (answer.error) {
      void message.error(t('actionFailed', { reason: reasonOf(answer.error) }));
      return;
    }
    const current = answer.data?.restoreArticleRevision?.article.version ?? article.version + 1;
    setRestoring(false);
    form.resetFields();
    void message.success(t('restored', { version: from, current }));
    refetch({ requestPolicy: 'network-only' });
    navigate(historyHref(articleId, from, current), { replace: true });
  };

  return (
    <div>
      <Typography.Title level={2}>{t('historyTitle', { title: article.title })}</Typography.Title>
      <Space style={{ marginBottom: 8 }}>
        <Tag>{labelOf(statuses, article.status)}</Tag>
        <Typography.Text type="secondary">
          {t('version')} {article.version}
        </Typography.Text>
      </Space>
      <SimpleTable
        label={t('historyTable')}
        rowKey={(revision) => revision.version}
        rows={revisions}
        columns={[
          { key: 'version', title: t('version'), render: (revision) => revision.version },
          { key: 'action', title: t('action'), render: (revision) => labelOf(actions, revision.action) },
          { key: 'author', title: t('author'), render: (revision) => revision.author },
          { key: 'at', title: t('at'), render: (revision) => formatDateTime(revision.at, locale) },
          { key: 'note', title: t('note'), render: (revision) => revision.note ?? '' },
          { key: 'status', title: t('status'), render: (revision) => labelOf(statuses, revision.status) },
        ]}
      />
      {(article.history?.totalCount ?? 0) > revisions.length && (
        <Space style={{ marginTop: 8 }} wrap>
          <Typography.Text type="secondary" role="status">
            {t('shownRevisions', { shown: revisions.length, total: article.history?.totalCount ?? 0 })}
          </Typography.Text>
          {nextCursor && (
            <Button loading={older.loading} onClick={() => void loadOlder()}>
              {t('loadOlder')}
            </Button>
          )}
        </Space>
      )}
      {older.error && <Alert type="error" showIcon title={t('loadFailed', { reason: older.error })} />}
      <Typography.Title level={3} style={{ marginTop: 24 }}>
        {t('diffTitle')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <label>
          {t('compareFrom')}{' '}
          <Select
            aria-label={t('compareFrom')}
            style={{ minWidth: 260 }}
            value={from}
            options={options}
            onChange={(value: number) => choose({ from: value })}
          />
        </label>
        <label>
          {t('compareTo')}{' '}
          <Select
            aria-label={t('compareTo')}
            style={{ minWidth: 260 }}
            value={to}
            options={options}
            onChange={(value: number) => choose({ to: value })}
          />
        </label>
        {from !== undefined && (
          <Button danger onClick={() => setRestoring(true)}>
            {t('restore', { version: from })}
          </Button>
        )}
      </Space>
      {diff.error && (
        <Alert type="error" showIcon title={t('loadFailed', { reason: reasonOf(diff.error) })} />
      )}
      {diff.fetching && !diff.data && <Loading label={t('loading')} />}
      {diff.data?.articleDiff && (
        <DiffView
          label={article.title}
          before={diff.data.articleDiff.from}
          after={diff.data.articleDiff.to}
          fields={diff.data.articleDiff.fields}
        />
      )}
      {/* Rendered in place: in a portal on <body>, Ant Design's scroll lock adds a <style> without the CSP nonce. */}
      <Modal
        getContainer={false}
        open={restoring}
        title={t('restoreTitle', { version: from ?? '' })}
        okText={t('restoreConfirm')}
        cancelText={t('cancel')}
        okButtonProps={{ danger: true, loading: restoreState.fetching }}
        onOk={() => void onRestore()}
        onCancel={() => setRestoring(false)}
      >
        <Typography.Paragraph>
          {t('restoreBody', { version: from ?? '', current: article.version })}
        </Typography.Paragraph>
        <Form form={form} layout="vertical">
          <Form.Item name="note" label={t('restoreNote')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
