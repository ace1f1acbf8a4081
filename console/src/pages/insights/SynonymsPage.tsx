import { App, Button, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { useAreaT } from '../../app/area-i18n';
import { useI18n } from '../../app/i18n';
import { navigate } from '../../app/router';
import { readFragment } from '../../graphql';
import { formatDateTime } from '../../lib/time';
import { errorCode } from './api-errors';
import { DeleteSynonymSetMutation, SynonymSetFields, SynonymSetsQuery } from './documents';
import { insightsMessages } from './messages';
import { PlainTable } from './PlainTable';
import { SynonymEditor, useCurrentSet } from './SynonymEditor';
import type { SynonymSet, SynonymTask } from './SynonymEditor';
import { Loading } from '../shared/Loading';

/**
 * The synonym manager (/work/synonyms): every set with its version and last change; create, edit
 * and delete, each sent with the version the editor saw. `?term=` (from a zero-result query in the
 * insights) opens a new set with that term.
 */
export default function SynonymsPage({ search }: { search: URLSearchParams }) {
  const t = useAreaT(insightsMessages);
  const { locale } = useI18n();
  const { message } = App.useApp();
  const [list, reload] = useQuery({ query: SynonymSetsQuery, requestPolicy: 'cache-and-network' });
  const startTerm = search.get('term');
  const [task, setTask] = useState<{ task: SynonymTask; conflict?: SynonymSet | null } | undefined>(() =>
    startTerm ? { task: { kind: 'create', terms: [startTerm] } } : undefined,
  );
  const [, remove] = useMutation(DeleteSynonymSetMutation);
  const currentSet = useCurrentSet();
  const sets = (list.data?.synonymSets ?? []).map((set) => readFragment(SynonymSetFields, set));

  const finish = (done?: 'created' | 'saved' | 'deleted') => {
    setTask(undefined);
    if (startTerm) navigate('/work/synonyms', { replace: true });
    if (done) void message.success(t(done));
    reload({ requestPolicy: 'network-only' });
  };

  const deleteSet = async (set: SynonymSet) => {
    const result = await remove({ id: set.id, expectedVersion: set.version });
    const code = errorCode(result.error);
    if (code === 'CONFLICT' || code === 'NOT_FOUND') {
      setTask({ task: { kind: 'delete', set }, conflict: await currentSet(set.id) });
    } else if (result.error) {
      void message.error(t('saveFailed', { message: result.error.message }));
    } else finish('deleted');
  };

  return (
    <div className="synonyms-page">
      <Typography.Title level={2}>{t('synonymsTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('synonymsHint')}</Typography.Paragraph>
      <Space className="synonyms-toolbar">
        <Button type="primary" onClick={() => setTask({ task: { kind: 'create', terms: [] } })}>
          {t('newSet')}
        </Button>
        {list.data && (
          <Typography.Text type="secondary">{t('total', { count: sets.length })}</Typography.Text>
        )}
      </Space>
      {list.error && (
        <Typography.Text type="danger">{t('saveFailed', { message: list.error.message })}</Typography.Text>
      )}
      {task && (
        <SynonymEditor
          key={task.task.kind === 'create' ? 'new' : task.task.set.id}
          task={task.task}
          {...(task.conflict === undefined ? {} : { initialConflict: task.conflict })}
          onDone={finish}
        />
      )}
      {list.fetching && !list.data && <Loading />}
      <PlainTable
        id="synonym-sets"
        label={t('listLabel')}
        rows={sets}
        rowKey={(set) => set.id}
        empty={t('emptyList')}
        columns={[
          {
            key: 'terms',
            title: t('terms'),
            render: (set) => (
              <Space wrap size={[4, 4]}>
                {set.terms.map((term) => (
                  <Tag key={term}>{term}</Tag>
                ))}
              </Space>
            ),
          },
          { key: 'version', title: t('version'), numeric: true, render: (set) => set.version },
          {
            key: 'updated',
            title: t('updated'),
            render: (set) =>
              t('updatedByAt', { who: set.updatedBy, at: formatDateTime(set.updatedAt, locale) }),
          },
          {
            key: 'action',
            title: t('action'),
            render: (set) => (
              <Space size="small">
                <Button
                  size="small"
                  autoInsertSpace={false}
                  aria-label={t('editSetLabel', { terms: set.terms.join(' / ') })}
                  onClick={() => setTask({ task: { kind: 'edit', set } })}
                >
                  {t('edit')}
                </Button>
                <Popconfirm
                  title={t('deleteConfirm')}
                  okText={t('ok')}
                  cancelText={t('cancel')}
                  onConfirm={() => deleteSet(set)}
                >
                  <Button
                    size="small"
                    danger
                    autoInsertSpace={false}
                    aria-label={t('deleteSetLabel', { terms: set.terms.join(' / ') })}
                  >
                    {t('delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}
