import { Alert, App, Button, Checkbox, Input, Radio, Space, Statistic, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useMutation } from 'urql';
import { useAreaT } from '../../app/area-i18n';
import sampleCsv from '../../../../samples/halls.csv?raw';
import { DataTable } from './DataTable';
import { ImportHallsMutation } from './documents';
import { formatOf, rowFieldOf } from './import-report';
import type { ImportFormat } from './import-report';
import { adminMessages } from './messages';

/** `/work/import`: a CSV or JSON file (uploaded or pasted), its dry-run report row by row, then apply. */
export function ImportPage() {
  const t = useAreaT(adminMessages);
  const { message } = App.useApp();
  const [data, setData] = useState('');
  const [fileName, setFileName] = useState('');
  const [format, setFormat] = useState<ImportFormat>('CSV');
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [state, importHalls] = useMutation(ImportHallsMutation);
  const [checked, setChecked] = useState<string | undefined>(undefined);
  const report = state.data?.importHalls;
  // The report belongs to the text it was made from: an edit asks for a new dry run.
  const current = checked === `${format}\n${data}` ? report : undefined;

  const run = async (dryRun: boolean): Promise<void> => {
    const answer = await importHalls({
      input: { format, data, dryRun, skipInvalid: !dryRun && skipInvalid },
    });
    setChecked(`${format}\n${data}`);
    if (answer.error) return;
    const done = answer.data?.importHalls;
    if (!dryRun && done?.applied) {
      void message.success(
        t('importApplied', { created: done.created, updated: done.updated, unchanged: done.unchanged }),
      );
    }
  };

  const sampleHref = `data:text/csv;charset=utf-8,${encodeURIComponent(sampleCsv)}`;
  return (
    <section aria-labelledby="admin-import-title">
      <Typography.Title level={2} id="admin-import-title">
        {t('importTitle')}
      </Typography.Title>
      <Typography.Paragraph>
        {t('importIntro')}{' '}
        <a href={sampleHref} download="halls-sample.csv">
          {t('downloadSample')}
        </a>
      </Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Upload
            accept=".csv,.json,text/csv,application/json"
            showUploadList={false}
            beforeUpload={async (file) => {
              const text = await file.text();
              setData(text);
              setFileName(file.name);
              setFormat(formatOf(file.name, text));
              return Upload.LIST_IGNORE;
            }}
          >
            <Button>{t('chooseFile')}</Button>
          </Upload>
          {fileName && <span className="import-file">{fileName}</span>}
          <Radio.Group
            aria-label={t('importFormat')}
            value={format}
            onChange={(e) => setFormat(e.target.value as ImportFormat)}
            options={[
              { value: 'CSV', label: 'CSV' },
              { value: 'JSON', label: 'JSON' },
            ]}
            optionType="button"
          />
        </Space>
        <Input.TextArea
          aria-label={t('importPaste')}
          placeholder={t('importPaste')}
          value={data}
          onChange={(e) => {
            setData(e.target.value);
            setFileName('');
          }}
          autoSize={{ minRows: 6, maxRows: 16 }}
          className="import-data"
        />
        <Space wrap>
          <Button onClick={() => void run(true)} disabled={!data.trim()} loading={state.fetching}>
            {t('dryRun')}
          </Button>
          {current && current.invalid > 0 && (
            <Checkbox checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)}>
              {t('skipInvalid', { count: current.invalid })}
            </Checkbox>
          )}
          <Button
            type="primary"
            onClick={() => void run(false)}
            disabled={!current || (current.invalid > 0 && !skipInvalid) || current.applied}
            loading={state.fetching}
          >
            {t('applyImport')}
          </Button>
        </Space>
        {state.error && (
          <Alert type="error" showIcon title={state.error.graphQLErrors[0]?.message ?? state.error.message} />
        )}
        {current && (
          <div className="import-report" aria-label={t('importReport')} role="region">
            <div role="status">
              {current.applied
                ? t('reportApplied')
                : current.dryRun
                  ? t('reportDryRun')
                  : t('reportNotApplied')}
            </div>
            <Space size="large" wrap>
              <Statistic title={t('actionCREATED')} value={current.created} />
              <Statistic title={t('actionUPDATED')} value={current.updated} />
              <Statistic title={t('actionUNCHANGED')} value={current.unchanged} />
              <Statistic title={t('actionINVALID')} value={current.invalid} />
            </Space>
            <DataTable
              rowKey={(row) => String(row.row)}
              rows={current.rows}
              rowClassName={(row) => `import-row import-${row.action.toLowerCase()}`}
              columns={[
                { key: 'line', title: t('colLine'), render: (row) => row.line ?? row.row + 1 },
                { key: 'code', title: t('colCode'), render: (row) => row.code ?? '' },
                {
                  key: 'action',
                  title: t('colAction'),
                  render: (row) => (
                    <Tag className={`import-tag import-tag-${row.action}`} data-action={row.action}>
                      {t(`action${row.action}`)}
                    </Tag>
                  ),
                },
                {
                  key: 'errors',
                  title: t('colProblems'),
                  render: (row) => (
                    <ul className="import-errors">
                      {row.errors.map((error) => (
                        <li key={error.path + error.message}>
                          <code>{rowFieldOf(error.path)}</code> {error.message}
                        </li>
                      ))}
                    </ul>
                  ),
                },
              ]}
            />
          </div>
        )}
      </Space>
    </section>
  );
}
