import { Alert, App, Button, Checkbox, Card, Form, Input, Select, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { useAreaT } from '../../app/area-i18n';
import { useI18n } from '../../app/i18n';
import { readFragment } from '../../graphql';
import { channelDraftOf, channelInputOf, emptyChannel } from './channel-draft';
import type { AccessDraft, ChannelDraft } from './channel-draft';
import { DataTable } from './DataTable';
import { AdminChannelQuery, AdminChannelsQuery, ChannelFormFields, UpsertChannelMutation } from './documents';
import { firstMessages, formErrorsOf } from './field-errors';
import { useLabels } from './labels';
import { adminMessages } from './messages';
import { Loading } from '../shared/Loading';

const CHANNEL_FIELDS = new Set([
  'code',
  'name',
  'nameEn',
  'type',
  'description',
  'hours',
  'alwaysOpen',
  'services',
  'access',
]);
const isChannelField = (field: string): boolean =>
  CHANNEL_FIELDS.has(field) || /^access\.\d+(\.(value|code|meaning|kind))?$/.test(field);

function Field({
  field,
  label,
  errors,
  htmlFor,
  children,
}: {
  field: string;
  label: string;
  errors: Record<string, string>;
  htmlFor?: string;
  children: ReactNode;
}) {
  return (
    <div data-field={field}>
      <Form.Item
        label={label}
        htmlFor={htmlFor}
        validateStatus={errors[field] ? 'error' : undefined}
        help={errors[field]}
      >
        {children}
      </Form.Item>
    </div>
  );
}

/** The channel form: names, type, hours, services and how to reach it (hotlines, URLs, SMS codes). */
function ChannelForm({
  initial,
  isNew,
  onDone,
}: {
  initial: ChannelDraft;
  isNew: boolean;
  onDone: () => void;
}) {
  const t = useAreaT(adminMessages);
  const { message } = App.useApp();
  const { options } = useLabels();
  const client = useClient();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [other, setOther] = useState<string[]>([]);
  const [state, upsert] = useMutation(UpsertChannelMutation);
  const set = (change: Partial<ChannelDraft>): void => setDraft((current) => ({ ...current, ...change }));
  const setAccess = (index: number, change: Partial<AccessDraft>): void =>
    set({ access: draft.access.map((entry, i) => (i === index ? { ...entry, ...change } : entry)) });

  const save = async (): Promise<void> => {
    const input = channelInputOf(draft);
    if (isNew && input.code) {
      // upsertChannel replaces a channel with the same code: a new one must not take an existing code.
      const existing = await client
        .query(AdminChannelQuery, { code: input.code }, { requestPolicy: 'network-only' })
        .toPromise();
      if (existing.data?.channel) {
        setErrors({ code: t('channelCodeTaken', { code: input.code }) });
        return;
      }
    }
    const answer = await upsert({ input: input as Parameters<typeof upsert>[0]['input'] });
    if (answer.error) {
      const sorted = formErrorsOf(answer.error.graphQLErrors, isChannelField);
      // An access entry's field is shown on its row: access.0.value → access.0.value, else the row.
      setErrors(firstMessages(sorted));
      setOther(answer.error.graphQLErrors.length ? sorted.other : [answer.error.message]);
      return;
    }
    void message.success(t('channelSaved', { name: input.name }));
    onDone();
  };

  const accessError = (index: number, part: string): string | undefined =>
    errors[`access.${index}.${part}`] ?? (part === 'value' ? errors[`access.${index}`] : undefined);
  return (
    <Form layout="vertical" onFinish={() => void save()} aria-label={t('channelForm')}>
      {other.length > 0 && <Alert type="error" showIcon title={other.join('；')} />}
      <Field field="code" label={t('fieldCode')} errors={errors} htmlFor="channel-code">
        <Input
          id="channel-code"
          value={draft.code}
          disabled={!isNew}
          onChange={(e) => set({ code: e.target.value })}
        />
      </Field>
      <Field field="name" label={t('fieldName')} errors={errors} htmlFor="channel-name">
        <Input id="channel-name" value={draft.name} onChange={(e) => set({ name: e.target.value })} />
      </Field>
      <Field field="nameEn" label={t('fieldNameEn')} errors={errors} htmlFor="channel-name-en">
        <Input id="channel-name-en" value={draft.nameEn} onChange={(e) => set({ nameEn: e.target.value })} />
      </Field>
      <Field field="type" label={t('fieldChannelType')} errors={errors} htmlFor="channel-type">
        <Select
          id="channel-type"
          aria-label={t('fieldChannelType')}
          value={draft.type}
          onChange={(type) => set({ type })}
          options={options('ChannelType')}
        />
      </Field>
      <Field field="description" label={t('fieldDescription')} errors={errors} htmlFor="channel-description">
        <Input.TextArea
          id="channel-description"
          value={draft.description}
          autoSize={{ minRows: 2 }}
          onChange={(e) => set({ description: e.target.value })}
        />
      </Field>
      <Space wrap align="start">
        <Field field="hours" label={t('fieldChannelHours')} errors={errors} htmlFor="channel-hours">
          <Input
            id="channel-hours"
            value={draft.hours}
            placeholder="7×24"
            onChange={(e) => set({ hours: e.target.value })}
          />
        </Field>
        <Field field="alwaysOpen" label={t('fieldAlwaysOpen')} errors={errors}>
          <Checkbox checked={draft.alwaysOpen} onChange={(e) => set({ alwaysOpen: e.target.checked })}>
            {t('alwaysOpenHint')}
          </Checkbox>
        </Field>
      </Space>
      <Field field="services" label={t('fieldServices')} errors={errors} htmlFor="channel-services">
        <Select
          id="channel-services"
          aria-label={t('fieldServices')}
          mode="multiple"
          value={draft.services}
          onChange={(services) => set({ services })}
          options={options('ServiceKind')}
        />
      </Field>
      <fieldset className="channel-access" data-field="access">
        <legend>{t('fieldAccess')}</legend>
        {errors['access'] && <div className="ant-form-item-explain-error">{errors['access']}</div>}
        {draft.access.map((entry, index) => (
          <div key={index} className="channel-access-row" data-row={index}>
            <Space wrap align="start">
              <Select
                aria-label={t('accessKind', { n: index + 1 })}
                value={entry.kind}
                onChange={(kind) => setAccess(index, { kind })}
                options={options('AccessKind')}
                style={{ width: 140 }}
              />
              {(['value', 'code', 'meaning'] as const).map((part) => (
                <Form.Item
                  key={part}
                  validateStatus={accessError(index, part) ? 'error' : undefined}
                  help={accessError(index, part)}
                  style={{ marginBottom: 8 }}
                >
                  <Input
                    aria-label={t(`access_${part}`, { n: index + 1 })}
                    placeholder={t(`access_${part}_placeholder`)}
                    value={entry[part]}
                    onChange={(e) => setAccess(index, { [part]: e.target.value })}
                    style={{ width: part === 'meaning' ? 200 : 160 }}
                  />
                </Form.Item>
              ))}
              <Button
                autoInsertSpace={false}
                aria-label={t('accessRemove', { n: index + 1 })}
                onClick={() => set({ access: draft.access.filter((_, i) => i !== index) })}
              >
                {t('remove')}
              </Button>
            </Space>
          </div>
        ))}
        <Button
          size="small"
          onClick={() =>
            set({ access: [...draft.access, { kind: 'PHONE', value: '', code: '', meaning: '' }] })
          }
        >
          {t('accessAdd')}
        </Button>
      </fieldset>
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" htmlType="submit" loading={state.fetching}>
          {t('save')}
        </Button>
        <Button onClick={onDone}>{t('cancel')}</Button>
      </Space>
    </Form>
  );
}

/** A saved channel loaded whole (with the halls it is present in) before editing. */
function EditChannel({ code, onDone }: { code: string; onDone: () => void }) {
  const [result] = useQuery({ query: AdminChannelQuery, variables: { code }, requestPolicy: 'network-only' });
  const channel = readFragment(ChannelFormFields, result.data?.channel);
  if (!channel) return <Loading />;
  return <ChannelForm initial={channelDraftOf(channel)} isNew={false} onDone={onDone} />;
}

/** `/work/channels`: the channel taxonomy with how to reach each channel, editable. */
export function ChannelsPage() {
  const t = useAreaT(adminMessages);
  const { apiLocale } = useI18n();
  const { label } = useLabels();
  const [result, reexecute] = useQuery({
    query: AdminChannelsQuery,
    variables: { locale: apiLocale },
    requestPolicy: 'cache-and-network',
  });
  const [editing, setEditing] = useState<string | null | undefined>(undefined);
  const close = (): void => {
    setEditing(undefined);
    reexecute({ requestPolicy: 'network-only' });
  };
  const channels = result.data?.channels.nodes ?? [];
  return (
    <section aria-labelledby="admin-channels-title">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={2} id="admin-channels-title">
          {t('channelsTitle')}
        </Typography.Title>
        <Button type="primary" onClick={() => setEditing(null)}>
          {t('newChannel')}
        </Button>
      </Space>
      {result.error && <Alert type="error" showIcon title={result.error.message} />}
      {editing !== undefined && (
        // Inline rather than in a Drawer: its scroll lock inserts a <style> without the CSP nonce.
        <Card
          className="channel-editor"
          role="region"
          aria-label={editing ? t('editChannelTitle', { code: editing }) : t('newChannel')}
          title={editing ? t('editChannelTitle', { code: editing }) : t('newChannel')}
          extra={<Button onClick={() => setEditing(undefined)}>{t('cancel')}</Button>}
        >
          {editing === null && <ChannelForm initial={emptyChannel()} isNew onDone={close} />}
          {editing && <EditChannel key={editing} code={editing} onDone={close} />}
        </Card>
      )}
      <DataTable
        rowKey={(channel) => channel.id}
        loading={result.fetching}
        rows={channels}
        columns={[
          { key: 'name', title: t('colName'), render: (channel) => channel.name },
          { key: 'code', title: t('colCode'), render: (channel) => channel.code },
          {
            key: 'type',
            title: t('colChannelType'),
            render: (channel) => (
              <span>
                {label('ChannelType', channel.type)}{' '}
                <Typography.Text type="secondary">
                  {label('ChannelKind', channel.kind)} · {label('ChannelOwnership', channel.ownership)}
                </Typography.Text>
              </span>
            ),
          },
          {
            key: 'access',
            title: t('colAccess'),
            render: (channel) => (
              <ul className="channel-access-list">
                {channel.access.map((entry, index) => (
                  <li key={index}>
                    <Tag>{label('AccessKind', entry.kind)}</Tag>
                    {entry.value}
                    {entry.code ? ` · ${entry.code}` : ''}
                    {entry.meaning ? ` ${entry.meaning}` : ''}
                  </li>
                ))}
              </ul>
            ),
          },
          {
            key: 'hours',
            title: t('colHours'),
            render: (channel) => (channel.alwaysOpen ? channel.hours || '7×24' : channel.hours),
          },
          {
            key: 'actions',
            title: t('colActions'),
            render: (channel) => (
              <Button
                size="small"
                autoInsertSpace={false}
                aria-label={t('editChannel', { name: channel.name })}
                onClick={() => setEditing(channel.code)}
              >
                {t('edit')}
              </Button>
            ),
          },
        ]}
      />
    </section>
  );
}
