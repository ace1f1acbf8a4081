import { Alert, App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import type { ResultOf } from '../../graphql';
import { useAreaT } from '../../app/area-i18n';
import { useI18n } from '../../app/i18n';
import { Link } from '../../app/router';
import { formatDateTime } from '../../lib/time';
import { useEnumLabels } from '../shared/enum-labels';
import { FlagsQuery, ResolveFlagMutation } from './documents';
import { reasonOf } from './errors';
import { historyHref } from './HistoryPage';
import { reviewMessages } from './messages';
import { SimpleTable } from './SimpleTable';
import { Loading } from '../shared/Loading';

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
    const values = await form.validateFields().catch(() => undefined);
    if (!values) return; // the form shows what is missing
    const { resolution } = values;
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
      {result.fetching && !flags && <Loading label={t('loading')} />}
      {flags && (
        <>
          <Typography.Paragraph role="status">
            {t('flagsCount', { count: flags.totalCount })}
          </Typography.Paragraph>
          <SimpleTable
            label={t('flagsTable')}
            rowKey={(flag) => flag.id}
            rows={flags.nodes}
            empty={t('flagsEmpty')}
            columns={[
              {
                key: 'article',
                title: t('flagArticle'),
                render: (flag) =>
                  flag.article ? (
                    <Link href={historyHref(flag.article.id)}>{flag.article.title}</Link>
                  ) : (
                    t('articleGone')
                  ),
              },
              {
                key: 'reason',
                title: t('flagReason'),
                render: (flag) => reasons.find((label) => label.value === flag.reason)?.label ?? flag.reason,
              },
              { key: 'comment', title: t('flagComment'), render: (flag) => flag.comment ?? '' },
              { key: 'by', title: t('flagReporter'), render: (flag) => flag.by },
              { key: 'at', title: t('flagAt'), render: (flag) => formatDateTime(flag.at, locale) },
              {
                key: 'actions',
                title: t('flagActions'),
                render: (flag) => (
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
      {/* Rendered in place: in a portal on <body>, Ant Design's scroll lock adds a <style> without the CSP nonce. */}
      <Modal
        getContainer={false}
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
