import { Alert, App, Breadcrumb, Button, Form, Input, Card, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { MouseEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { useI18n } from '../../app/i18n';
import { useDraft, useFormDraft } from '../../auth/drafts';
import { navigate } from '../../app/router';
import { articleHtml } from '../../lib/article-html';
import { formatDateTime } from '../../lib/time';
import { AnswerQuery, FlagMutation, RateMutation, RecordUseMutation } from './documents';
import { useEnumLabels } from '../shared/enum-labels';
import type { Label } from '../shared/enum-labels';
import type { UseChannelValue } from './labels';
import { Loading } from '../shared/Loading';

type FlagReasonValue = 'OTHER' | 'OUTDATED' | 'WRONG_FEE' | 'WRONG_REGION' | 'WRONG_STEPS';

interface Props {
  slug: string;
  locale: 'ZH_CN' | 'EN';
  channel: UseChannelValue;
  channelLabels: Label[];
  answerHref: (slug: string, locale: 'ZH_CN' | 'EN') => string;
  /** Back to the search box (Esc). */
  onBack: () => void;
}

/**
 * The answer: the article (Markdown rendered by the API, sanitised again here), its category path,
 * last change, related articles and translations; record "used this answer" on the contact's
 * channel, rate it, flag it with a reason. Internal articles are marked.
 */
export default function AnswerView({ slug, locale, channel, channelLabels, answerHref, onBack }: Props) {
  const { t, apiLocale, locale: uiLocale } = useI18n();
  const { message } = App.useApp();
  const [result] = useQuery({ query: AnswerQuery, variables: { slug, locale, uiLocale: apiLocale } });
  const [used, recordUse] = useMutation(RecordUseMutation);
  const [rating, rate] = useMutation(RateMutation);
  const [, flag] = useMutation(FlagMutation);
  const [rated, setRated] = useState<boolean | undefined>();
  const [usedOn, setUsedOn] = useState<string | undefined>();
  const [flagOpen, setFlagOpen] = useDraft(`answer.flagOpen.${slug}`, false);
  const [flagForm] = Form.useForm<{ reason: FlagReasonValue; comment?: string }>();
  const flagDraft = useFormDraft(`answer.flag.${slug}`, flagForm, flagOpen);
  const flagReasons = useEnumLabels('FlagReason');
  const heading = useRef<HTMLHeadingElement>(null);
  const article = result.data?.article;

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key !== 'Escape' || flagOpen || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('.ant-select-dropdown, .answer-flag')) return;
      onBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [flagOpen, onBack]);

  const body = useMemo(
    () => (article ? articleHtml(article.bodyHtml, (target) => answerHref(target, article.locale)) : ''),
    [article, answerHref],
  );

  if (result.fetching && !article) return <Loading label={t('common.loading')} />;
  if (result.error)
    return <Alert type="error" showIcon title={t('article.loadFailed')} description={result.error.message} />;
  if (!article) return <Alert type="info" showIcon title={t('article.notFound')} />;

  const channelName = (value: string): string =>
    channelLabels.find((label) => label.value === value)?.label ?? value;

  const onBodyClick = (event: MouseEvent<HTMLDivElement>): void => {
    const link = (event.target as HTMLElement).closest('a[data-slug]');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    navigate(link.getAttribute('href') ?? '/');
  };

  const onUse = async (): Promise<void> => {
    const answer = await recordUse({ input: { id: article.id, channel } });
    if (answer.error) {
      void message.error(
        t('article.actionFailed', { reason: answer.error.graphQLErrors[0]?.message ?? answer.error.message }),
      );
      return;
    }
    setUsedOn(channel);
    void message.success(t('article.useRecorded', { channel: channelName(channel) }));
  };

  const onRate = async (helpful: boolean): Promise<void> => {
    const answer = await rate({ input: { id: article.id, helpful } });
    if (answer.error) {
      void message.error(
        t('article.actionFailed', { reason: answer.error.graphQLErrors[0]?.message ?? answer.error.message }),
      );
      return;
    }
    setRated(helpful);
    void message.success(t('article.rated'));
  };

  const onFlag = async (): Promise<void> => {
    const values = await flagForm.validateFields();
    const answer = await flag({
      input: {
        id: article.id,
        reason: values.reason,
        ...(values.comment ? { comment: values.comment } : {}),
      },
    });
    if (answer.error) {
      void message.error(
        t('article.actionFailed', { reason: answer.error.graphQLErrors[0]?.message ?? answer.error.message }),
      );
      return;
    }
    setFlagOpen(false);
    flagForm.resetFields();
    void message.success(t('article.flagged'));
  };

  const lastChange = article.publishedAt ?? article.updatedAt;
  return (
    <article className="answer" aria-labelledby="answer-title">
      <Breadcrumb
        className="answer-path"
        items={article.categoryPath.map((category) => ({ key: category.key, title: category.name }))}
      />
      <Typography.Title level={2} id="answer-title" ref={heading} tabIndex={-1}>
        {article.title}{' '}
        {article.audience === 'INTERNAL' && <Tag className="internal-tag">{t('article.internal')}</Tag>}
      </Typography.Title>
      {article.audience === 'INTERNAL' && (
        <Alert type="warning" showIcon title={t('article.internalNotice')} />
      )}
      <Typography.Paragraph className="muted answer-meta">
        {t('article.lastChange', { at: formatDateTime(lastChange, uiLocale) })}
        {' · '}
        {t('article.stats', {
          uses: article.stats.uses,
          helpful: article.stats.helpful,
          notHelpful: article.stats.notHelpful,
        })}
      </Typography.Paragraph>
      {article.errorCodes.length > 0 && (
        <div className="answer-codes">
          {article.errorCodes.map((code) => (
            <Tag key={code} className="code-tag">
              {t('desk.errorCodeChip', { code })}
            </Tag>
          ))}
        </div>
      )}
      <Space wrap className="answer-actions">
        <Button type="primary" onClick={() => void onUse()} loading={used.fetching}>
          {usedOn
            ? t('article.usedAgain', { channel: channelName(channel) })
            : t('article.use', { channel: channelName(channel) })}
        </Button>
        <Space.Compact>
          <Button
            onClick={() => void onRate(true)}
            disabled={rated !== undefined || rating.fetching}
            aria-pressed={rated === true}
          >
            {t('article.helpful')}
          </Button>
          <Button
            onClick={() => void onRate(false)}
            disabled={rated !== undefined || rating.fetching}
            aria-pressed={rated === false}
          >
            {t('article.notHelpful')}
          </Button>
        </Space.Compact>
        <Button danger onClick={() => setFlagOpen(true)}>
          {t('article.flag')}
        </Button>
      </Space>
      {flagOpen && (
        // Inline rather than a modal dialog: a modal's scroll lock injects a style element the CSP refuses.
        <Card size="small" className="answer-flag" title={t('article.flagTitle')}>
          <Form form={flagForm} layout="vertical" onFinish={() => void onFlag()} initialValues={flagDraft}>
            <Form.Item
              name="reason"
              label={t('article.flagReason')}
              rules={[{ required: true, message: t('article.flagReasonRequired') }]}
            >
              <Select options={flagReasons.map((reason) => ({ value: reason.value, label: reason.label }))} />
            </Form.Item>
            <Form.Item name="comment" label={t('article.flagComment')}>
              <Input.TextArea rows={3} maxLength={500} />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                {t('article.flagSubmit')}
              </Button>
              <Button onClick={() => setFlagOpen(false)}>{t('common.cancel')}</Button>
            </Space>
          </Form>
        </Card>
      )}
      <div className="answer-body" onClick={onBodyClick} dangerouslySetInnerHTML={{ __html: body }} />
      {article.translations.length > 0 && (
        <section className="answer-links" aria-label={t('article.translations')}>
          <Typography.Title level={3}>{t('article.translations')}</Typography.Title>
          <ul>
            {article.translations.map((other) => (
              <li key={other.id}>
                <a
                  href={answerHref(other.slug, other.locale)}
                  lang={other.locale === 'EN' ? 'en' : 'zh-CN'}
                  onClick={(event) => {
                    event.preventDefault();
                    navigate(answerHref(other.slug, other.locale));
                  }}
                >
                  {other.locale === 'EN' ? 'English' : '中文'}: {other.title}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {article.related.length > 0 && (
        <section className="answer-links" aria-label={t('article.related')}>
          <Typography.Title level={3}>{t('article.related')}</Typography.Title>
          <ul>
            {article.related.map((other) => (
              <li key={other.id}>
                <a
                  href={answerHref(other.slug, other.locale)}
                  onClick={(event) => {
                    event.preventDefault();
                    navigate(answerHref(other.slug, other.locale));
                  }}
                >
                  {other.title}
                </a>
                {other.audience === 'INTERNAL' && <Tag className="internal-tag">{t('article.internal')}</Tag>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
