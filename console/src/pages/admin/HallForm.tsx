import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Radio,
  Result,
  Select,
  Space,
  Typography,
} from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import type { CombinedError } from 'urql';
import { useAreaT } from '../../app/area-i18n';
import { useI18n } from '../../app/i18n';
import { Link, navigate } from '../../app/router';
import { readFragment } from '../../graphql';
import type { VariablesOf } from '../../graphql';
import { RegionCascader } from '../shared/RegionCascader';
import {
  AdminHallQuery,
  CreateHallMutation,
  HallFormFields,
  SetHallStatusMutation,
  TownshipsQuery,
  UpdateHallMutation,
} from './documents';
import { firstMessages, formErrorsOf } from './field-errors';
import {
  draftOf,
  editedFields,
  emptyDraft,
  hallInputOf,
  missingFields,
  rebaseDraft,
  withSortedSpecialDates,
} from './hall-draft';
import type { HallDraft } from './hall-draft';
import { StatusTag } from './HallsPage';
import { HoursGridEditor } from './HoursGrid';
import { useLabels } from './labels';
import { adminMessages } from './messages';
import { Loading } from '../shared/Loading';

const SIMPLE_FIELDS = new Set([
  'code',
  'name',
  'tier',
  'operation',
  'partner',
  'area',
  'regionCode',
  'address',
  'location.lat',
  'location.lng',
  'location',
  'floorAreaM2',
  'services',
  'accessibility',
  'phone',
  'roster',
  'status',
  'openingHours',
]);
// Enum values come from the API's own labels; the API checks them again.
type CreateInput = VariablesOf<typeof CreateHallMutation>['input'];
type UpdateInput = VariablesOf<typeof UpdateHallMutation>['input'];

const isFormField = (field: string): boolean =>
  SIMPLE_FIELDS.has(field) || /^openingHours\.(weekly|special)\.\d+$/.test(field);

interface Problems {
  fields: Record<string, string>;
  other: string[];
  conflict?: number | undefined;
}

/** One labelled field with the API's message under it when it named the field. */
function Field({
  field,
  label,
  problems,
  extra,
  children,
  htmlFor,
}: {
  field: string;
  label: string;
  problems: Problems;
  extra?: string;
  htmlFor?: string;
  children: ReactNode;
}) {
  const message = problems.fields[field];
  return (
    <div data-field={field}>
      <Form.Item
        label={label}
        htmlFor={htmlFor}
        validateStatus={message ? 'error' : undefined}
        help={message}
        extra={extra}
      >
        {children}
      </Form.Item>
    </div>
  );
}

/** The townships of a county, for a township hall. */
function TownshipSelect({
  county,
  value,
  onChange,
  label,
}: {
  county: string | undefined;
  value: string | undefined;
  onChange: (code: string | undefined) => void;
  label: string;
}) {
  const { apiLocale } = useI18n();
  const [result] = useQuery({
    query: TownshipsQuery,
    variables: { parentCode: county ?? null, locale: apiLocale },
    pause: !county,
  });
  const townships = (result.data?.regions ?? []).filter((region) => region.level === 'TOWNSHIP');
  return (
    <Select
      id="hall-township"
      aria-label={label}
      placeholder={label}
      value={value}
      onChange={onChange}
      allowClear
      disabled={!county}
      options={townships.map((region) => ({ value: region.code, label: region.name }))}
      style={{ minWidth: 220 }}
    />
  );
}

/** The status of a saved hall: open, temporarily closed or closed for good, each change confirmed. */
function StatusCard({ id, status, version }: { id: string; status: string; version: number }) {
  const t = useAreaT(adminMessages);
  const { message } = App.useApp();
  const { label } = useLabels();
  const [state, setStatus] = useMutation(SetHallStatusMutation);
  const change = async (next: string): Promise<void> => {
    const answer = await setStatus({
      input: { hall: { id }, status: next as UpdateInput['status'] & string, expectedVersion: version },
    });
    if (answer.error) void message.error(answer.error.graphQLErrors[0]?.message ?? answer.error.message);
    else void message.success(t('statusChanged', { status: label('HallStatus', next) }));
  };
  const actions: Array<{ status: string; text: string; confirm: string; danger?: boolean }> = [
    { status: 'OPEN', text: t('statusOpen'), confirm: t('confirmOpen') },
    { status: 'TEMPORARILY_CLOSED', text: t('statusSuspend'), confirm: t('confirmSuspend') },
    { status: 'CLOSED', text: t('statusClose'), confirm: t('confirmClose'), danger: true },
  ];
  return (
    <Card size="small" title={t('statusTitle')} className="admin-status">
      <Space wrap>
        <span>
          {t('statusNow')} <StatusTag status={status} />
        </span>
        {actions
          .filter((action) => action.status !== status)
          .map((action) => (
            <Popconfirm
              key={action.status}
              title={action.confirm}
              okText={t('confirm')}
              cancelText={t('cancel')}
              onConfirm={() => change(action.status)}
            >
              <Button danger={action.danger} loading={state.fetching}>
                {action.text}
              </Button>
            </Popconfirm>
          ))}
      </Space>
    </Card>
  );
}

/**
 * A new hall (`saved` undefined) or a saved one: every field, the classification rules beside the
 * fields they govern, the hours as a week grid, and the API's refusals on the fields they name.
 */
function HallForm({
  initial,
  saved,
  onSaved,
}: {
  initial: HallDraft;
  saved?: { id: string; version: number };
  onSaved: (code: string) => void;
}) {
  const t = useAreaT(adminMessages);
  const { message } = App.useApp();
  const { options } = useLabels();
  const [draft, setDraft] = useState(initial);
  // What the server holds as far as this form knows: the hall as loaded, or as last saved from here.
  const [base, setBase] = useState({ draft: initial, version: saved?.version });
  // Unsaved edits carried over a newer version of the hall (a status change reloads the hall).
  const [editsKept, setEditsKept] = useState(false);
  // The draft being saved: when the saved version arrives, only edits made after it are kept.
  const [saving, setSaving] = useState<HallDraft | null>(null);
  if (saved && saved.version !== base.version) {
    const from = saving ?? base.draft;
    setDraft(rebaseDraft(from, draft, initial));
    setBase({ draft: initial, version: saved.version });
    setEditsKept(editedFields(from, draft).length > 0);
    setSaving(null);
  }
  const [problems, setProblems] = useState<Problems>({ fields: {}, other: [] });
  const [createState, create] = useMutation(CreateHallMutation);
  const [updateState, update] = useMutation(UpdateHallMutation);
  const set = (change: Partial<HallDraft>): void => setDraft((current) => ({ ...current, ...change }));

  const show = (error: CombinedError): void => {
    const sorted = formErrorsOf(error.graphQLErrors, isFormField);
    const conflict = error.graphQLErrors.find(
      (e) => e.extensions['code'] === 'CONFLICT' && typeof e.extensions['currentVersion'] === 'number',
    );
    setProblems({
      fields: firstMessages(sorted),
      other: error.graphQLErrors.length ? (conflict ? [] : sorted.other) : [error.message],
      conflict: conflict ? (conflict.extensions['currentVersion'] as number) : undefined,
    });
  };

  const submit = async (): Promise<void> => {
    const ordered = withSortedSpecialDates(draft);
    setDraft(ordered);
    const missing = missingFields(ordered);
    if (missing.length > 0) {
      setProblems({ fields: Object.fromEntries(missing.map((field) => [field, t('required')])), other: [] });
      return;
    }
    setProblems({ fields: {}, other: [] });
    const input = hallInputOf(ordered);
    if (!saved) {
      const answer = await create({ input: { ...input, status: ordered.status } as CreateInput });
      if (answer.error) return show(answer.error);
      void message.success(t('hallCreated', { code: input.code }));
      onSaved(input.code);
    } else {
      // The code is sent only when it changes (a rename); the hall is named by its id.
      const { code, ...rest } = input;
      setSaving(ordered);
      const answer = await update({
        input: {
          ...rest,
          ...(code !== base.draft.code ? { code } : {}),
          hall: { id: saved.id },
          expectedVersion: saved.version,
        } as UpdateInput,
      });
      if (answer.error) {
        setSaving(null);
        return show(answer.error);
      }
      setEditsKept(false);
      void message.success(t('hallSaved', { code: input.code }));
      onSaved(input.code);
    }
  };

  const checkboxOptions = (enumName: string) =>
    options(enumName).map((o) => ({ value: o.value, label: o.label }));
  return (
    <Form
      layout="vertical"
      className="admin-hall-form"
      onFinish={() => void submit()}
      aria-label={saved ? t('editHallForm') : t('newHallForm')}
    >
      {problems.conflict !== undefined && (
        <Alert
          type="warning"
          showIcon
          title={t('hallConflict', { version: problems.conflict })}
          action={<Button onClick={() => window.location.reload()}>{t('reload')}</Button>}
        />
      )}
      {editsKept && (
        <Alert
          type="info"
          showIcon
          role="status"
          title={t('editsKept')}
          onClose={() => setEditsKept(false)}
          closable
        />
      )}
      {problems.other.length > 0 && (
        <Alert type="error" showIcon title={problems.other.join('；')} role="alert" />
      )}
      <div className="admin-form-grid">
        <Field
          field="code"
          label={t('fieldCode')}
          problems={problems}
          htmlFor="hall-code"
          extra={t('codeHint')}
        >
          <Input id="hall-code" value={draft.code} onChange={(e) => set({ code: e.target.value })} />
        </Field>
        <Field field="name" label={t('fieldName')} problems={problems} htmlFor="hall-name">
          <Input id="hall-name" value={draft.name} onChange={(e) => set({ name: e.target.value })} />
        </Field>
        <Field field="tier" label={t('fieldTier')} problems={problems} extra={t('ruleTownshipSmall')}>
          <Radio.Group
            aria-label={t('fieldTier')}
            value={draft.tier}
            onChange={(e) => set({ tier: String(e.target.value) })}
            options={checkboxOptions('HallTier')}
          />
        </Field>
        <Field field="area" label={t('fieldArea')} problems={problems}>
          <Radio.Group
            aria-label={t('fieldArea')}
            value={draft.area}
            onChange={(e) => set({ area: String(e.target.value) })}
            options={checkboxOptions('HallArea')}
          />
        </Field>
        <Field field="operation" label={t('fieldOperation')} problems={problems}>
          <Radio.Group
            aria-label={t('fieldOperation')}
            value={draft.operation}
            onChange={(e) => set({ operation: String(e.target.value) })}
            options={checkboxOptions('HallOperation')}
          />
        </Field>
        <Field
          field="partner"
          label={t('fieldPartner')}
          problems={problems}
          htmlFor="hall-partner"
          extra={t('rulePartner')}
        >
          <Input
            id="hall-partner"
            value={draft.partner}
            disabled={draft.operation !== 'PARTNER_OPERATED'}
            onChange={(e) => set({ partner: e.target.value })}
          />
        </Field>
        <Field
          field="regionCode"
          label={t('fieldRegion')}
          problems={problems}
          extra={draft.area === 'TOWNSHIP' ? t('ruleTownshipRegion') : t('ruleUrbanRegion')}
        >
          <Space wrap>
            <RegionCascader
              label={t('fieldCounty')}
              value={draft.county}
              onChange={(county) => set({ county, township: undefined })}
            />
            {draft.area === 'TOWNSHIP' && (
              <TownshipSelect
                county={draft.county.length === 3 ? draft.county[2] : undefined}
                value={draft.township}
                onChange={(township) => set({ township })}
                label={t('fieldTownship')}
              />
            )}
          </Space>
        </Field>
        <Field field="address" label={t('fieldAddress')} problems={problems} htmlFor="hall-address">
          <Input id="hall-address" value={draft.address} onChange={(e) => set({ address: e.target.value })} />
        </Field>
        <Space wrap align="start">
          <Field field="location.lat" label={t('fieldLat')} problems={problems} htmlFor="hall-lat">
            <InputNumber id="hall-lat" value={draft.lat} step={0.0001} onChange={(lat) => set({ lat })} />
          </Field>
          <Field field="location.lng" label={t('fieldLng')} problems={problems} htmlFor="hall-lng">
            <InputNumber id="hall-lng" value={draft.lng} step={0.0001} onChange={(lng) => set({ lng })} />
          </Field>
          <Field field="floorAreaM2" label={t('fieldFloorArea')} problems={problems} htmlFor="hall-floor">
            <InputNumber
              id="hall-floor"
              min={0}
              value={draft.floorAreaM2}
              onChange={(floorAreaM2) => set({ floorAreaM2 })}
            />
          </Field>
          <Field field="phone" label={t('fieldPhone')} problems={problems} htmlFor="hall-phone">
            <Input id="hall-phone" value={draft.phone} onChange={(e) => set({ phone: e.target.value })} />
          </Field>
        </Space>
        <Field field="services" label={t('fieldServices')} problems={problems}>
          <Checkbox.Group
            value={draft.services}
            onChange={(services) => set({ services: services.map(String) })}
            options={checkboxOptions('ServiceKind')}
          />
        </Field>
        <Field field="accessibility" label={t('fieldAccessibility')} problems={problems}>
          <Checkbox.Group
            value={draft.accessibility}
            onChange={(accessibility) => set({ accessibility: accessibility.map(String) })}
            options={checkboxOptions('AccessibilityFeature')}
          />
        </Field>
        <Field field="roster" label={t('fieldRoster')} problems={problems}>
          <Checkbox checked={draft.roster} onChange={(e) => set({ roster: e.target.checked })}>
            {t('rosterHint')}
          </Checkbox>
        </Field>
        {!saved && (
          <Field field="status" label={t('fieldStatus')} problems={problems}>
            <Radio.Group
              aria-label={t('fieldStatus')}
              value={draft.status}
              onChange={(e) => set({ status: String(e.target.value) })}
              options={checkboxOptions('HallStatus')}
            />
          </Field>
        )}
        <Field field="openingHours" label={t('fieldHours')} problems={{ ...problems, fields: {} }}>
          <HoursGridEditor
            value={draft.hours}
            onChange={(hours) => set({ hours })}
            errors={problems.fields}
          />
        </Field>
      </div>
      <Space>
        <Button type="primary" htmlType="submit" loading={createState.fetching || updateState.fetching}>
          {saved ? t('save') : t('create')}
        </Button>
        <Link href="/work/halls">{t('backToHalls')}</Link>
      </Space>
    </Form>
  );
}

/** `/work/halls/new`. */
export function NewHallPage() {
  const t = useAreaT(adminMessages);
  return (
    <section aria-labelledby="admin-hall-title">
      <Typography.Title level={2} id="admin-hall-title">
        {t('newHall')}
      </Typography.Title>
      <HallForm
        initial={emptyDraft()}
        onSaved={(code) => navigate(`/work/halls/${encodeURIComponent(code)}`)}
      />
    </section>
  );
}

/** `/work/halls/<code>`: the hall's status and its form. */
export function EditHallPage({ code }: { code: string }) {
  const t = useAreaT(adminMessages);
  const [result, reexecute] = useQuery({
    query: AdminHallQuery,
    variables: { code },
    requestPolicy: 'network-only',
  });
  const hall = readFragment(HallFormFields, result.data?.hall);
  if (result.fetching && !hall) return <Loading className="page-loading" />;
  if (!hall) return <Result status="404" title={t('hallNotFound', { code })} />;
  return (
    <section aria-labelledby="admin-hall-title">
      <Typography.Title level={2} id="admin-hall-title">
        {hall.name} <Typography.Text type="secondary">{hall.code}</Typography.Text>
      </Typography.Title>
      <StatusCard id={hall.id} status={hall.status} version={hall.version} />
      <HallForm
        key={hall.id}
        initial={draftOf(hall)}
        saved={{ id: hall.id, version: hall.version }}
        onSaved={(next) => {
          if (next !== code) navigate(`/work/halls/${encodeURIComponent(next)}`, { replace: true });
          else reexecute({ requestPolicy: 'network-only' });
        }}
      />
    </section>
  );
}
