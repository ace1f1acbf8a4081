import { Alert, Button, Card, Col, Form, Input, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useClient, useMutation } from 'urql';
import type { CombinedError } from 'urql';
import { useAreaT } from '../../app/area-i18n';
import { useI18n } from '../../app/i18n';
import { readFragment } from '../../graphql';
import type { FragmentOf, ResultOf } from '../../graphql';
import { formatDateTime } from '../../lib/time';
import { errorCode, fieldProblems } from './api-errors';
import {
  CreateSynonymSetMutation,
  DeleteSynonymSetMutation,
  SynonymSetFields,
  SynonymSetQuery,
  UpdateSynonymSetMutation,
} from './documents';
import { insightsMessages } from './messages';
import { joinTerms, splitTerms } from './terms';

export type SynonymSet = ResultOf<typeof SynonymSetFields>;
type Fragment = FragmentOf<typeof SynonymSetFields>;

/** What the editor is doing: a new set, a change to a set, or deleting one (after it was refused). */
export type SynonymTask =
  | { kind: 'create'; terms: string[] }
  | { kind: 'edit'; set: SynonymSet }
  | { kind: 'delete'; set: SynonymSet };

/** Someone else got there first: their set as it is now (null: they deleted it). */
interface Conflict {
  theirs: SynonymSet | null;
}

/** The set as stored now (network, not cache), or null when it is gone. */
export function useCurrentSet(): (id: string) => Promise<SynonymSet | null> {
  const client = useClient();
  return async (id) => {
    const result = await client.query(SynonymSetQuery, { id }, { requestPolicy: 'network-only' }).toPromise();
    const node = result.data?.node;
    return node && 'id' in node ? readFragment(SynonymSetFields, node as Fragment) : null;
  };
}

/**
 * Creates or edits a synonym set in a dialog. The API's messages show on the terms (the field it
 * names, and the term). When the set changed since it was loaded (CONFLICT), or was deleted, the
 * dialog shows their version beside the editor's, and the editor applies theirs over it, saves
 * as a new set, or discards: nothing is overwritten on its own. A delete refused for the same
 * reason (`kind: 'delete'`) opens straight on that view.
 */
export function SynonymEditor({
  task,
  initialConflict,
  onDone,
}: {
  task: SynonymTask;
  initialConflict?: SynonymSet | null;
  onDone: (message?: 'created' | 'saved' | 'deleted') => void;
}) {
  const t = useAreaT(insightsMessages);
  const { locale } = useI18n();
  const currentSet = useCurrentSet();
  const [text, setText] = useState(() => joinTerms(task.kind === 'create' ? task.terms : task.set.terms));
  const terms = splitTerms(text);
  const [conflict, setConflict] = useState<Conflict | undefined>(
    initialConflict === undefined ? undefined : { theirs: initialConflict },
  );
  const [failure, setFailure] = useState<CombinedError | undefined>();
  const [busy, setBusy] = useState(false);
  const [, create] = useMutation(CreateSynonymSetMutation);
  const [, update] = useMutation(UpdateSynonymSetMutation);
  const [, remove] = useMutation(DeleteSynonymSetMutation);

  /** Runs a write; a CONFLICT or NOT_FOUND turns into the conflict view, other errors show. */
  const run = async (
    write: () => Promise<{ error?: CombinedError | undefined }>,
    done: 'created' | 'saved' | 'deleted',
    id?: string,
  ) => {
    setBusy(true);
    setFailure(undefined);
    const result = await write();
    const code = errorCode(result.error);
    if (id && (code === 'CONFLICT' || code === 'NOT_FOUND')) {
      setConflict({ theirs: await currentSet(id) });
    } else if (result.error) {
      setFailure(result.error);
    } else {
      setBusy(false);
      onDone(done);
      return;
    }
    setBusy(false);
  };

  const save = (expectedVersion?: number) => {
    if (task.kind === 'create' || (conflict && conflict.theirs === null)) {
      return run(() => create({ terms }), 'created');
    }
    const id = task.set.id;
    if (task.kind === 'delete') {
      return run(() => remove({ id, expectedVersion: expectedVersion ?? task.set.version }), 'deleted', id);
    }
    return run(
      () => update({ id, expectedVersion: expectedVersion ?? task.set.version, terms }),
      'saved',
      id,
    );
  };

  const problems = fieldProblems(failure, 'input.terms');
  const otherFailure = failure && problems.length === 0 ? failure : undefined;
  const title =
    task.kind === 'create' ? t('createTitle') : task.kind === 'edit' ? t('editTitle') : t('delete');
  const theirs = conflict?.theirs;

  const footer = conflict
    ? [
        <Button key="discard" onClick={() => onDone()}>
          {t('discard')}
        </Button>,
        <Button
          key="reapply"
          type="primary"
          danger={task.kind === 'delete'}
          loading={busy}
          onClick={() => void save(theirs?.version)}
        >
          {theirs === null ? t('recreate') : task.kind === 'delete' ? t('reapplyDelete') : t('reapply')}
        </Button>,
      ]
    : [
        <Button key="cancel" onClick={() => onDone()}>
          {t('cancel')}
        </Button>,
        <Button key="save" type="primary" loading={busy} onClick={() => void save()}>
          {task.kind === 'create' ? t('create') : t('save')}
        </Button>,
      ];

  return (
    // A panel above the list, not a modal dialog: a modal's scroll lock writes an inline <style>
    // without the CSP nonce, which the console's CSP refuses.
    <section
      id="synonym-editor"
      aria-labelledby="synonym-editor-title"
      className="synonym-editor"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onDone();
      }}
    >
      <Card
        title={
          <h3 id="synonym-editor-title" className="insights-card-title">
            {title}
          </h3>
        }
      >
        {conflict && (
          <div className="synonym-conflict" role="alert">
            <Alert
              type="warning"
              showIcon
              title={theirs === null ? t('conflictDeletedTitle') : t('conflictTitle')}
              description={
                theirs === null
                  ? t('conflictDeletedText')
                  : t('conflictText', {
                      yours: task.kind === 'create' ? '-' : task.set.version,
                      theirs: theirs?.version ?? '-',
                      who: theirs?.updatedBy ?? '',
                      at: theirs ? formatDateTime(theirs.updatedAt, locale) : '',
                    })
              }
            />
            <Row gutter={16} className="synonym-conflict-sides">
              {theirs && (
                <Col span={12}>
                  <section aria-labelledby="synonym-theirs" className="synonym-side">
                    <Typography.Title level={4} id="synonym-theirs">
                      {t('theirVersion', { version: theirs.version })}
                    </Typography.Title>
                    <TermList terms={theirs.terms} other={terms} />
                  </section>
                </Col>
              )}
              <Col span={theirs ? 12 : 24}>
                <section aria-labelledby="synonym-yours" className="synonym-side">
                  <Typography.Title level={4} id="synonym-yours">
                    {task.kind === 'delete' ? t('yourDelete') : t('yourVersion')}
                  </Typography.Title>
                  {task.kind !== 'delete' && <TermList terms={terms} other={theirs?.terms ?? terms} />}
                </section>
              </Col>
            </Row>
          </div>
        )}
        {task.kind !== 'delete' && (
          <Form layout="vertical" className={conflict ? 'synonym-form-after-conflict' : undefined}>
            <Form.Item
              label={t('terms')}
              htmlFor="synonym-terms"
              validateStatus={problems.length > 0 ? 'error' : undefined}
              help={
                problems.length > 0
                  ? problems
                      .map((problem) =>
                        problem.index === undefined
                          ? problem.message
                          : `${terms[problem.index] ?? ''}: ${problem.message}`,
                      )
                      .join('；')
                  : t('termsHelp')
              }
            >
              <Input
                id="synonym-terms"
                autoFocus
                value={text}
                placeholder={t('termsPlaceholder')}
                onChange={(event) => setText(event.target.value)}
                onPressEnter={() => void save(conflict ? theirs?.version : undefined)}
              />
            </Form.Item>
          </Form>
        )}
        {otherFailure && (
          <Alert type="error" showIcon title={t('saveFailed', { message: otherFailure.message })} />
        )}
        <Space className="synonym-editor-actions">{footer}</Space>
      </Card>
    </section>
  );
}

/** Terms as tags; those the other side lacks are marked (bold, and not by colour alone). */
function TermList({ terms, other }: { terms: readonly string[]; other: readonly string[] }) {
  return (
    <Space wrap size={[4, 8]} className="synonym-terms">
      {terms.map((term) => (
        <Tag key={term} color={other.includes(term) ? undefined : 'blue'}>
          {other.includes(term) ? term : <strong>+ {term}</strong>}
        </Tag>
      ))}
    </Space>
  );
}
