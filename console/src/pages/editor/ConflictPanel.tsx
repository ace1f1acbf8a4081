import { Alert, Button, Card, Radio, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useAreaT } from '../../app/area-i18n';
import { useI18n } from '../../app/i18n';
import { formatDateTime } from '../../lib/time';
import { DiffParts } from '../shared/DiffParts';
import { diffText } from '../shared/text-diff';
import type { DiffPart } from '../shared/text-diff';
import type { ArticleFields, FieldName } from './fields';
import { applyChoices, mergeFields, presetChoices, undecided } from './merge';
import type { Choices } from './merge';
import { editorMessages } from './messages';

interface Props {
  base: ArticleFields;
  baseVersion: number;
  mine: ArticleFields;
  theirs: ArticleFields;
  theirsVersion: number;
  /** The merged value, to continue editing over `theirsVersion`. */
  onApply: (merged: ArticleFields) => void;
}

/** One field's value as text: lists joined, instants in Beijing time, empty marked. */
function shown(fields: ArticleFields, name: FieldName, locale: 'zh-CN' | 'en', empty: string): string {
  let text: string;
  if (name === 'related') text = fields.related.map((r) => r.title).join('、');
  else if (name === 'tags' || name === 'errorCodes') text = fields[name].join('、');
  else if (name === 'validFrom' || name === 'validTo') {
    const instant = fields[name];
    text = instant ? formatDateTime(instant, locale) : '';
  } else text = fields[name];
  return text === '' ? empty : text;
}

/** The fields whose texts are compared character by character (word by word for Latin and numbers). */
type TextField = 'title' | 'summary' | 'body';
const isTextField = (name: FieldName): name is TextField =>
  name === 'title' || name === 'summary' || name === 'body';

/**
 * A CONFLICT, resolved field by field: both versions side by side for every field either side
 * changed; fields only one side changed come preset, fields both changed wait for the editor's
 * choice. Nothing is saved here: the result goes back into the form over the new version.
 */
export function ConflictPanel({ base, baseVersion, mine, theirs, theirsVersion, onApply }: Props) {
  const t = useAreaT(editorMessages);
  const { locale } = useI18n();
  const merges = useMemo(() => mergeFields(base, mine, theirs), [base, mine, theirs]);
  const [choices, setChoices] = useState<Choices>(() => presetChoices(merges));
  const open = undecided(merges, choices);
  const rows = merges.filter((m) => m.outcome !== 'same');
  // Their text against mine: their column marks what only they have, mine what only I have.
  const diffs = useMemo(() => {
    const map = new Map<FieldName, DiffPart[]>();
    for (const { name, outcome } of merges)
      if (outcome !== 'same' && isTextField(name)) map.set(name, diffText(theirs[name], mine[name]));
    return map;
  }, [merges, theirs, mine]);
  const cell = (fields: ArticleFields, name: FieldName, side: 'before' | 'after') => {
    const parts = diffs.get(name);
    const text = shown(fields, name, locale, t('empty'));
    return (
      <Typography.Paragraph
        data-testid={`conflict-${name}-${side === 'before' ? 'theirs' : 'mine'}`}
        style={{ whiteSpace: 'pre-wrap', marginBottom: 0, maxHeight: 240, overflow: 'auto' }}
      >
        {parts && fields[name] !== '' ? <DiffParts parts={parts} show={side} /> : text}
      </Typography.Paragraph>
    );
  };
  return (
    <Card
      role="region"
      aria-label={t('conflictTitle', { theirs: theirsVersion })}
      className="editor-conflict"
    >
      <Alert
        type="warning"
        showIcon
        title={t('conflictTitle', { theirs: theirsVersion })}
        description={
          <>
            {t('conflictHelp', { base: baseVersion })}
            {diffs.size > 0 && <div>{t('conflictDiffLegend')}</div>}
          </>
        }
      />
      {/* A plain table: the kit's Table measures scrollbars with an inline style element the CSP refuses. */}
      <table
        className="editor-conflict-table"
        style={{ width: '100%', marginTop: 12, borderCollapse: 'collapse' }}
      >
        <thead>
          <tr>
            {[t('conflictField'), t('conflictTheirs'), t('conflictMine'), t('conflictKeep')].map(
              (heading) => (
                <th
                  key={heading}
                  scope="col"
                  style={{ textAlign: 'left', padding: 8, borderBottom: '1px solid #d9d9d9' }}
                >
                  {heading}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map(({ name, outcome }) => (
            <tr key={name} style={{ verticalAlign: 'top', borderBottom: '1px solid #f0f0f0' }}>
              <th scope="row" style={{ textAlign: 'left', padding: 8, width: 110 }}>
                {t(name)}
              </th>
              <td style={{ padding: 8 }}>{cell(theirs, name, 'before')}</td>
              <td style={{ padding: 8 }}>{cell(mine, name, 'after')}</td>
              <td style={{ padding: 8, width: 170 }}>
                {outcome === 'both-same' ? (
                  t('conflictBoth')
                ) : (
                  <Radio.Group
                    aria-label={`${t('conflictKeep')} ${t(name)}`}
                    value={choices[name]}
                    onChange={(event) =>
                      setChoices({ ...choices, [name]: event.target.value as 'mine' | 'theirs' })
                    }
                  >
                    <Space orientation="vertical">
                      <Radio value="theirs">{t('keepTheirs')}</Radio>
                      <Radio value="mine">{t('keepMine')}</Radio>
                    </Space>
                  </Radio.Group>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Space style={{ marginTop: 12 }}>
        <Button
          type="primary"
          disabled={open.length > 0}
          onClick={() => onApply(applyChoices(merges, choices, mine, theirs))}
        >
          {t('conflictApply')}
        </Button>
        {open.length > 0 && (
          <Typography.Text type="danger">{t('conflictUndecided', { count: open.length })}</Typography.Text>
        )}
      </Space>
    </Card>
  );
}
