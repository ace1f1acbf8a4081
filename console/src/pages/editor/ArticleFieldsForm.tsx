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
  // Free text, one line or several.
  const text = (name: 'title' | 'summary', options: { required?: boolean; multiline?: boolean } = {}) => {
    const common = {
      id: `article-${name}`,
      value: fields[name],
      disabled,
      onChange: (event: { target: { value: string } }) => set(name, event.target.value),
    };
    return item(
      name,
      options.multiline ? (
        <Input.TextArea {...common} autoSize={{ minRows: 2, maxRows: 5 }} />
      ) : (
        <Input {...common} />
      ),
      { required: options.required },
    );
  };
  // Words typed and confirmed with Enter (no list to choose from).
  const words = (name: 'tags' | 'errorCodes', placeholder: string) =>
    item(
      name,
      <Select
        id={`article-${name}`}
        mode="tags"
        value={fields[name]}
        disabled={disabled}
        placeholder={placeholder}
        open={false}
        onChange={(values: string[]) => set(name, values)}
      />,
    );
  const half = (content: ReactNode) => (
    <Col xs={24} md={12}>
      {content}
    </Col>
  );
  return (
    <>
      {text('title', { required: true })}
      {text('summary', { multiline: true })}
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
        {half(
          item(
            'category',
            <CategoryPicker
              id="article-category"
              value={fields.category}
              disabled={disabled}
              invalid={Boolean(errors.category)}
              onChange={(key) => set('category', key)}
            />,
            { required: true },
          ),
        )}
        {half(
          item(
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
          ),
        )}
        {half(words('tags', t('tagsPlaceholder')))}
        {half(words('errorCodes', t('errorCodesPlaceholder')))}
        {half(instant('validFrom'))}
        {half(instant('validTo'))}
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
