import { Segmented, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useAreaT } from '../../app/area-i18n';
import { reviewMessages } from './messages';
import { SimpleTable } from './SimpleTable';
import type { ReviewMessageKey } from './messages';
import { DiffParts as Parts } from '../shared/DiffParts';
import { diffText, hasChanges } from '../shared/text-diff';
import './review.css';

/** The text fields of a revision that are diffed by character. */
export interface DiffedContent {
  title: string;
  summary: string;
  body: string;
}

/** A field the API reports as changed (lists joined), shown as before and after. */
export interface FieldChangeView {
  field: string;
  before: string | null;
  after: string | null;
}

const TEXT_FIELDS: Array<{ key: keyof DiffedContent; label: ReviewMessageKey }> = [
  { key: 'title', label: 'fieldTitle' },
  { key: 'summary', label: 'fieldSummary' },
  { key: 'body', label: 'fieldBody' },
];

type Mode = 'inline' | 'sideBySide';

/**
 * What changed between two versions of an article: title, summary and body diffed by character
 * (Chinese) and word (Latin, numbers), inline or side by side; other changed fields as before and
 * after. `before` null: a new article, everything is inserted.
 */
export function DiffView({
  before,
  after,
  fields = [],
  label,
}: {
  before: DiffedContent | null;
  after: DiffedContent;
  fields?: readonly FieldChangeView[];
  /** Names the diff for screen readers (e.g. the article's title). */
  label: string;
}) {
  const t = useAreaT(reviewMessages);
  const [mode, setMode] = useState<Mode>('inline');
  const sections = useMemo(
    () =>
      TEXT_FIELDS.map(({ key, label: fieldLabel }) => ({
        key,
        fieldLabel,
        parts: diffText(before?.[key] ?? '', after[key]),
      })).filter((section) => hasChanges(section.parts)),
    [before, after],
  );
  const others = fields.filter((change) => !TEXT_FIELDS.some(({ key }) => key === change.field));
  return (
    <section aria-label={`${t('diffTitle')}：${label}`} className="diff-view">
      <Space wrap style={{ marginBottom: 8 }}>
        <Segmented<Mode>
          aria-label={t('diffModeLabel')}
          value={mode}
          onChange={setMode}
          options={[
            { value: 'inline', label: t('inline') },
            { value: 'sideBySide', label: t('sideBySide') },
          ]}
        />
        <Typography.Text type="secondary">{t('legend')}</Typography.Text>
      </Space>
      {sections.length === 0 && others.length === 0 && (
        <Typography.Paragraph>{t('noChanges')}</Typography.Paragraph>
      )}
      {sections.map(({ key, fieldLabel, parts }) => (
        <div key={key} className="diff-section" data-field={key}>
          <Typography.Title level={5}>{t(fieldLabel)}</Typography.Title>
          {mode === 'inline' ? (
            <pre className="diff-text" data-testid={`diff-${key}`}>
              <Parts parts={parts} show="both" />
            </pre>
          ) : (
            <div className="diff-columns">
              <div>
                <Typography.Text strong>{t('before')}</Typography.Text>
                <pre className="diff-text">{before ? <Parts parts={parts} show="before" /> : t('empty')}</pre>
              </div>
              <div>
                <Typography.Text strong>{t('after')}</Typography.Text>
                <pre className="diff-text">
                  <Parts parts={parts} show="after" />
                </pre>
              </div>
            </div>
          )}
        </div>
      ))}
      {others.length > 0 && (
        <div className="diff-section">
          <Typography.Title level={5}>{t('otherFields')}</Typography.Title>
          <SimpleTable
            label={t('otherFields')}
            rowKey={(change) => change.field}
            rows={others}
            columns={[
              { key: 'field', title: t('fieldName'), render: (change) => change.field },
              { key: 'before', title: t('before'), render: (change) => change.before ?? t('empty') },
              { key: 'after', title: t('after'), render: (change) => change.after ?? t('empty') },
            ]}
          />
        </div>
      )}
    </section>
  );
}
