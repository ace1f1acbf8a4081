import { Alert, App, Button, Card, Empty, Form, Input, Modal, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import type { ResultOf } from '../../graphql';
import { useAreaT } from '../../app/area-i18n';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { formatDateTime } from '../../lib/time';
import { DiffView } from './DiffView';
import { DiffQuery, PublishMutation, QueueQuery, RejectMutation } from './documents';
import { reasonOf } from './errors';
import { historyHref } from './HistoryPage';
import { reviewMessages } from './messages';
import { Loading } from '../shared/Loading';

type QueueItem = NonNullable<ResultOf<typeof QueueQuery>['reviewQueue']>['edges'][number]['node'];

/** The submission's diff against the live (published) version, or all of it for a new article. */
function LiveDiff({ item }: { item: QueueItem }) {
  const t = useAreaT(reviewMessages);
  const { article } = item;
  const live = article.publishedVersion;
  const [diff] = useQuery({
    query: DiffQuery,
    variables: { id: article.id, from: live ?? 0, to: article.version },
    pause: live === null,
  });
  if (live === null) return <DiffView label={article.title} before={null} after={article} />;
  if (diff.error)
    return <Alert type="error" showIcon title={t('loadFailed', { reason: reasonOf(diff.error) })} />;
  if (!diff.data?.articleDiff) return <Loading label={t('loading')} />;
  return (
    <DiffView
      label={article.title}
      before={diff.data.articleDiff.from}
      after={diff.data.articleDiff.to}
      fields={diff.data.articleDiff.fields}
    />
  );
}

/** One submission: who and when, the diff, approve or reject (with a required reason). */
function QueueCard({ item, onDone }: { item: QueueItem; onDone: () => void }) {
  const t = useAreaT(reviewMessages);
  const { locale } = useI18n();
  const { message } = App.useApp();
  const [publishing, publish] = useMutation(PublishMutation);
  const [rejecting, reject] = useMutation(RejectMutation);
  const [rejectOpen, setRejectOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const { article } = item;
  const blockReason = item.approvalBlock ? t(item.approvalBlock) : undefined;
  const headingId = `review-${article.id}`;

  const onApprove = async (): Promise<void> => {
    const answer = await publish({ input: { id: article.id, expectedVersion: article.version } });
    if (answer.error) {
      void message.error(t('actionFailed', { reason: reasonOf(answer.error) }));
      return;
    }
    void message.success(t('approved', { title: article.title }));
    onDone();
  };
  const onReject = async (): Promise<void> => {
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return; // the form shows what is missing
    const { reason } = values;
    const answer = await reject({ input: { id: article.id, expectedVersion: article.version, reason } });
    if (answer.error) {
      void message.error(t('actionFailed', { reason: reasonOf(answer.error) }));
      return;
    }
    setRejectOpen(false);
    form.resetFields();
    void message.success(t('rejected', { title: article.title }));
    onDone();
  };

  const approve = (
    <Button
      type="primary"
      disabled={!item.canApprove}
      loading={publishing.fetching}
      onClick={() => void onApprove()}
      aria-describedby={blockReason ? `${headingId}-block` : undefined}
    >
      {t('approve')}
    </Button>
  );
  return (
    <Card className="review-card" aria-labelledby={headingId}>
      <article>
        <Typography.Title level={3} id={headingId}>
          {article.title}
        </Typography.Title>
        <Space wrap style={{ marginBottom: 8 }}>
          {article.publishedVersion === null ? (
            <Tag color="blue">{t('newArticle')}</Tag>
          ) : (
            <Tag>{t('changedSince', { version: article.publishedVersion })}</Tag>
          )}
          <Typography.Text type="secondary">
            {t('submitted', { by: item.submittedBy, at: formatDateTime(item.submittedAt, locale) })}
          </Typography.Text>
          <Link href={historyHref(article.id)}>{t('history')}</Link>
        </Space>
        <LiveDiff item={item} />
        <Space wrap style={{ marginTop: 12 }}>
          {blockReason ? <Tooltip title={blockReason}>{approve}</Tooltip> : approve}
          <Button danger onClick={() => setRejectOpen(true)}>
            {t('reject')}
          </Button>
          {blockReason && (
            <Typography.Text id={`${headingId}-block`} className="review-block-reason">
              {t('notApprovable', { reason: blockReason })}
            </Typography.Text>
          )}
        </Space>
      </article>
      {/* Rendered in place: in a portal on <body>, Ant Design's scroll lock adds a <style> without the CSP nonce. */}
      <Modal
        getContainer={false}
        open={rejectOpen}
        title={t('rejectTitle', { title: article.title })}
        okText={t('rejectConfirm')}
        cancelText={t('cancel')}
        okButtonProps={{ danger: true, loading: rejecting.fetching }}
        onOk={() => void onReject()}
        onCancel={() => setRejectOpen(false)}
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label={t('rejectReason')}
            rules={[{ required: true, whitespace: true, message: t('rejectReasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** The reviewers' queue: submissions oldest first, ten at a time, each with its diff and decision. */
export default function ReviewQueuePage() {
  const t = useAreaT(reviewMessages);
  const [after, setAfter] = useState<string | null>(null);
  const [result, refetch] = useQuery({
    query: QueueQuery,
    variables: { after },
    requestPolicy: 'cache-and-network',
  });
  const queue = result.data?.reviewQueue;
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    <div>
      <Typography.Title level={2}>{t('queueTitle')}</Typography.Title>
      {result.error && (
        <Alert type="error" showIcon title={t('loadFailed', { reason: reasonOf(result.error) })} />
      )}
      {result.fetching && !queue && <Loading label={t('loading')} />}
      {queue && (
        <>
          <Typography.Paragraph role="status">
            {t('queueCount', { count: queue.totalCount })}
          </Typography.Paragraph>
          {queue.edges.length === 0 && <Empty description={t('queueEmpty')} />}
          {queue.edges.map(({ node }) => (
            <QueueCard key={node.article.id} item={node} onDone={reload} />
          ))}
          <Space style={{ marginTop: 16 }}>
            {after !== null && <Button onClick={() => setAfter(null)}>{t('firstPage')}</Button>}
            {queue.pageInfo.hasNextPage && (
              <Button onClick={() => setAfter(queue.pageInfo.endCursor)}>{t('nextPage')}</Button>
            )}
          </Space>
        </>
      )}
    </div>
  );
}
