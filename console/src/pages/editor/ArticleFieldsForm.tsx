import { Col, Form, Input, Row, Select } from 'antd';
import type { ReactNode } from 'react';
import { useAreaT } from '../../app/area-i18n';
import { isoToShanghaiLocal, shanghaiLocalToIso } from '../../lib/time';
import type { FieldErrors } from './api-errors';
import { BodyEditor } from './BodyEditor';
import { CategoryPicker } from './CategoryPicker';
import type { ArticleFields, FieldName, LocaleValue } from './fields';
import { editorMessages } from './messages';
import { RelatedPicker } from './RelatedPicker';

interface Props {
  fields: ArticleFields;
  errors: FieldErrors;
  locale: LocaleValue;
  selfId: string | undefined;
  disabled: boolean;
  onChange: (fields: ArticleFields, touched: FieldName) => void;
}

/** The article's content fields, each showing the API's message when it named that field. */
export function ArticleFieldsForm({ fields, errors, locale, selfId, disabled, onChange }: Props) {
  const t = useAreaT(editorMessages);
  const set = <K extends FieldName>(name: K, value: ArticleFields[K]) =>
    onChange({ ...fields, [name]: value }, name);
  const item = (name: FieldName, control: ReactNode, options: { required?: boolean; help?: string } = {}) => (
    <Form.Item
      label={t(name)}
      htmlFor={`article-${name}`}
      required={options.required}
      validateStatus={errors[name] ? 'error' : undefined}
      help={errors[name] ? t('fieldInvalid', { message: errors[name] }) : options.help}
    >
      {control}
    </Form.Item>
  );
  const instant = (name: 'validFrom' | 'validTo') =>
    item(
      name,
      <Input
        id={`article-${name}`}
        type="datetime-local"
        disabled={disabled}
        value={fields[name] ? isoToShanghaiLocal(fields[name]) : ''}
        onChange={(event) => set(name, shanghaiLocalToIso(event.target.value) ?? null)}
      />,
      { help: t('validityHelp') },
    );
  return (
    <>
      {item(
        'title',
        <Input
          id="article-title"
          value={fields.title}
          disabled={disabled}
          onChange={(e) => set('title', e.target.value)}
        />,
        { required: true },
      )}
      {item(
        'summary',
        <Input.TextArea
          id="article-summary"
          value={fields.summary}
          disabled={disabled}
          autoSize={{ minRows: 2, maxRows: 5 }}
          onChange={(e) => set('summary', e.target.value)}
        />,
      )}
      {item(
        'body',
        <BodyEditor
          id="article-body"
          value={fields.body}
          locale={locale}
          disabled={disabled}
          invalid={Boolean(errors.body)}
          onChange={(body) => set('body', body)}
        />,
        { required: true },
      )}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          {item(
            'category',
            <CategoryPicker
              id="article-category"
              value={fields.category}
              disabled={disabled}
              invalid={Boolean(errors.category)}
              onChange={(key) => set('category', key)}
            />,
            { required: true },
          )}
        </Col>
        <Col xs={24} md={12}>
          {item(
            'audience',
            <Select
              id="article-audience"
              value={fields.audience}
              disabled={disabled}
              options={(['PUBLIC', 'INTERNAL'] as const).map((value) => ({
                value,
                label: t(`audience.${value}`),
              }))}
              onChange={(value) => set('audience', value)}
            />,
          )}
        </Col>
        <Col xs={24} md={12}>
          {item(
            'tags',
            <Select
              id="article-tags"
              mode="tags"
              value={fields.tags}
              disabled={disabled}
              placeholder={t('tagsPlaceholder')}
              open={false}
              onChange={(tags: string[]) => set('tags', tags)}
            />,
          )}
        </Col>
        <Col xs={24} md={12}>
          {item(
            'errorCodes',
            <Select
              id="article-errorCodes"
              mode="tags"
              value={fields.errorCodes}
              disabled={disabled}
              placeholder={t('errorCodesPlaceholder')}
              open={false}
              onChange={(codes: string[]) => set('errorCodes', codes)}
            />,
          )}
        </Col>
        <Col xs={24} md={12}>
          {instant('validFrom')}
        </Col>
        <Col xs={24} md={12}>
          {instant('validTo')}
        </Col>
      </Row>
      {item(
        'related',
        <RelatedPicker
          id="article-related"
          value={fields.related}
          selfId={selfId}
          disabled={disabled}
          onChange={(related) => set('related', related)}
        />,
      )}
    </>
  );
}
