import { Alert, Col, Input, Row, Typography } from 'antd';
import { useMemo } from 'react';
import { useQuery } from 'urql';
import { useAreaT } from '../../app/area-i18n';
import { articleHtml } from '../../lib/article-html';
import { BodyPreviewQuery } from './documents';
import type { LocaleValue } from './fields';
import { editorMessages } from './messages';
import { useDebounced } from './use-debounced';

interface Props {
  id: string;
  value: string;
  locale: LocaleValue;
  disabled: boolean;
  invalid: boolean;
  onChange: (body: string) => void;
}

/**
 * The Markdown body beside its live preview: rendered by the API exactly as `bodyHtml` is (so what
 * the editor sees is what agents will read), then sanitised by the same fence as the desk's answers.
 */
export function BodyEditor({ id, value, locale, disabled, invalid, onChange }: Props) {
  const t = useAreaT(editorMessages);
  const body = useDebounced(value, 300);
  const [result] = useQuery({ query: BodyPreviewQuery, variables: { body }, pause: body.trim() === '' });
  const rendered = result.data?.articleBodyPreview;
  const html = useMemo(
    () => (rendered ? articleHtml(rendered, (slug) => `/?a=${encodeURIComponent(slug)}&l=${locale}`) : ''),
    [rendered, locale],
  );
  return (
    <Row gutter={16}>
      <Col xs={24} lg={12}>
        <Input.TextArea
          id={id}
          value={value}
          disabled={disabled}
          status={invalid ? 'error' : undefined}
          autoSize={{ minRows: 14, maxRows: 40 }}
          onChange={(event) => onChange(event.target.value)}
          style={{ fontFamily: 'monospace' }}
        />
      </Col>
      <Col xs={24} lg={12}>
        <section
          aria-label={t('preview')}
          className="editor-preview"
          style={{ border: '1px solid #d9d9d9', borderRadius: 6, padding: '4px 12px', minHeight: 120 }}
        >
          {result.error && (
            <Alert type="error" showIcon title={t('previewFailed', { message: result.error.message })} />
          )}
          {body.trim() === '' ? (
            <Typography.Text type="secondary">{t('previewEmpty')}</Typography.Text>
          ) : (
            <div className="answer-body" dangerouslySetInnerHTML={{ __html: html }} />
          )}
        </section>
      </Col>
    </Row>
  );
}
