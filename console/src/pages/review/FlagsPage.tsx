import { Alert, App, Button, Form, Input, Modal, Space, Spin, Table, Typography } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import type { ResultOf } from '../../graphql';
import { useAreaT } from '../../app/area-i18n';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { formatDateTime } from '../../lib/time';
import { useEnumLabels } from '../desk/labels';
import { FlagsQuery, ResolveFlagMutation } from './documents';
import { reasonOf } from './errors';
import { historyHref } from './HistoryPage';
import { reviewMessages } from './messages';

type Flag = NonNullable<ResultOf<typeof FlagsQuery>['articleFlags']>['nodes'][number];

/** The editors' queue of open flags: reason, comment, article and reporter; resolve with a note. */
export default function FlagsPage() {
  const t = useAreaT(reviewMessages);
  const { locale } = useI18n();
  const { message } = App.useApp();
  const reasons = useEnumLabels('FlagReason');
  const [after, setAfter] = useState<string | null>(null);
  const [result, refetch] = useQuery({
    query: FlagsQuery,
    variables: { after },
    requestPolicy: 'cache-and-network',
  });
  const [resolving, setResolving] = useState<Flag | undefined>();
  const [resolveState, resolve] = useMutation(ResolveFlagMutation);
  const [form] = Form.useForm<{ resolution: string }>();
  const flags = result.data?.articleFlags;

  const onResolve = async (): Promise<void> => {
    if (!resolving) return;
    const { resolution } = await form.validateFields();
    const answer = await resolve({ input: { id: resolving.id, resolution } });
    if (answer.error) {
      void message.error(t('actionFailed', { reason: reasonOf(answer.error) }));
      return;
    }
    setResolving(undefined);
    form.resetFields();
    void message.success(t('resolved'));
    refetch({ requestPolicy: 'network-only' });
  };

  return (
    <div>
      <Typography.Title level={2}>{t('flagsTitle')}</Typography.Title>
      {result.error && (
        <Alert type="error" showIcon title={t('loadFailed', { reason: reasonOf(result.error) })} />
      )}
      {result.fetching && !flags && <Spin aria-label={t('loading')} />}
      {flags && (
        <>
          <Typography.Paragraph role="status">
            {t('flagsCount', { count: flags.totalCount })}
          </Typography.Paragraph>
          <Table
            aria-label={t('flagsTable')}
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={flags.nodes}
            locale={{ emptyText: t('flagsEmpty') }}
            columns={[
              {
                title: t('flagArticle'),
                key: 'article',
                render: (_: unknown, flag: Flag) =>
                  flag.article ? (
                    <Link href={historyHref(flag.article.id)}>{flag.article.title}</Link>
                  ) : (
                    t('articleGone')
                  ),
              },
              {
                title: t('flagReason'),
                dataIndex: 'reason',
                render: (value: string) => reasons.find((label) => label.value === value)?.label ?? value,
              },
              {
                title: t('flagComment'),
                dataIndex: 'comment',
                render: (value: string | null) => value ?? '',
              },
              { title: t('flagReporter'), dataIndex: 'by' },
              {
                title: t('flagAt'),
                dataIndex: 'at',
                render: (value: string) => formatDateTime(value, locale),
              },
              {
                title: t('flagActions'),
                key: 'actions',
                render: (_: unknown, flag: Flag) => (
                  <Button
                    onClick={() => setResolving(flag)}
                    aria-label={`${t('resolve')}：${flag.article?.title ?? flag.id}`}
                  >
                    {t('resolve')}
                  </Button>
                ),
              },
            ]}
          />
          <Space style={{ marginTop: 16 }}>
            {after !== null && <Button onClick={() => setAfter(null)}>{t('firstPage')}</Button>}
            {flags.pageInfo.hasNextPage && (
              <Button onClick={() => setAfter(flags.pageInfo.endCursor)}>{t('nextPage')}</Button>
            )}
          </Space>
        </>
      )}
      <Modal
        open={resolving !== undefined}
        title={t('resolveTitle', { title: resolving?.article?.title ?? '' })}
        okText={t('resolveConfirm')}
        cancelText={t('cancel')}
        okButtonProps={{ loading: resolveState.fetching }}
        onOk={() => void onResolve()}
        onCancel={() => setResolving(undefined)}
      >
        <Form form={form} layout="vertical">
          <Form.Item
            name="resolution"
            label={t('resolution')}
            rules={[{ required: true, whitespace: true, message: t('resolutionRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
