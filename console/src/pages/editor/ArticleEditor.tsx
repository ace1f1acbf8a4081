import { Alert, App, Button, Form, Input, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useClient, useMutation, useQuery } from 'urql';
import { useAreaT } from '../../app/area-i18n';
import { useI18n } from '../../app/i18n';
import { Link, navigate } from '../../app/router';
import { readFragment } from '../../graphql';
import type { FragmentOf, ResultOf } from '../../graphql';
import { formatDateTime } from '../../lib/time';
import { saveFailureOf } from './api-errors';
import type { FieldErrors, FormField } from './api-errors';
import { AMBER, STATUS_STYLES } from './ArticleList';
import { ArticleFieldsForm } from './ArticleFieldsForm';
import { ConflictPanel } from './ConflictPanel';
import {
  ArchiveArticleMutation,
  ArticleEditFragment,
  ArticleEditQuery,
  CreateArticleMutation,
  SubmitArticleMutation,
  UpdateArticleMutation,
} from './documents';
import { draftKey } from './draft-store';
import { createInputOf, fieldsOf, updateInputOf } from './fields';
import { editorMessages } from './messages';
import { isDirty, newSession, useEditorSession } from './use-editor-session';
import type { EditorSession } from './use-editor-session';
import { Loading } from '../shared/Loading';

type EditedArticle = ResultOf<typeof ArticleEditFragment>;

/** The article a `node` lookup found (null when missing or not visible, or another type). */
function articleOfNode(
  node: ResultOf<typeof ArticleEditQuery>['node'] | undefined,
): EditedArticle | undefined {
  if (node?.__typename !== 'Article') return undefined;
  return readFragment(ArticleEditFragment, node as FragmentOf<typeof ArticleEditFragment>);
}

/** Where the editor stands after reading `article` from the server. */
function sessionOf(article: EditedArticle): EditorSession {
  const fields = fieldsOf(article);
  return {
    baseVersion: article.version,
    base: fields,
    fields,
    note: '',
    slug: article.slug,
    locale: article.locale,
  };
}

/**
 * The article editor (`/work/articles/new`, `/work/articles/<id>`): loads the article, then the
 * form; a new article starts from the page's query (`?title=`).
 */
export default function ArticleEditor({
  articleId,
  search,
}: {
  articleId?: string;
  search: URLSearchParams;
}) {
  const t = useAreaT(editorMessages);
  const [result] = useQuery({
    query: ArticleEditQuery,
    variables: { id: articleId ?? '' },
    pause: !articleId,
    requestPolicy: 'cache-and-network',
  });
  const article = articleOfNode(result.data?.node);
  const [newStart] = useState(() => newSession(search));
  const key = draftKey(articleId, search.get('title'));
  if (!articleId) return <EditorForm draftKey={key} start={newStart} />;
  if (result.fetching && !article) return <Loading label={t('loading')} />;
  if (result.error && !article)
    return <Alert type="error" showIcon title={t('loadFailed')} description={result.error.message} />;
  if (!article) return <Alert type="info" showIcon title={t('notFound')} />;
  return <EditorForm draftKey={key} start={sessionOf(article)} article={article} />;
}

/**
 * The form: saving with the version it started from, a local draft that survives reloads, a
 * CONFLICT carried over field by field, submit for review and archive. `article` is the article as
 * the server has it now (absent for a new one), kept current by the normalised cache.
 */
function EditorForm({
  draftKey: key,
  start,
  article,
}: {
  draftKey: string;
  start: EditorSession;
  article?: EditedArticle;
}) {
  const t = useAreaT(editorMessages);
  const { locale: uiLocale } = useI18n();
  const { message } = App.useApp();
  const client = useClient();
  const articleId = article?.id;
  const { session: held, setSession, restoredAt, stored, resetTo } = useEditorSession(key, start);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [, create] = useMutation(CreateArticleMutation);
  const [, update] = useMutation(UpdateArticleMutation);
  const [, submit] = useMutation(SubmitArticleMutation);
  const [, archive] = useMutation(ArchiveArticleMutation);

  // The server moved on from the version being edited (another editor saved, or a restored local
  // draft is older): with nothing unsaved the form follows it; with unsaved changes the editor is
  // asked how to carry them over (the conflict panel), and cannot save until they have.
  const heldDirty = isDirty(held, start);
  const movedOn = article !== undefined && held.baseVersion !== null && article.version !== held.baseVersion;
  const session = movedOn && !heldDirty ? start : held;
  const dirty = movedOn ? heldDirty : isDirty(session, start);
  const conflict =
    movedOn && heldDirty ? { theirs: start.fields, version: start.baseVersion ?? 0 } : undefined;

  const archived = article?.status === 'ARCHIVED';
  const change = (next: Partial<EditorSession>, touched?: FormField) => {
    setSession({ ...session, ...next });
    if (touched && errors[touched]) setErrors({ ...errors, [touched]: undefined });
  };

  /** Reads the article as it is on the server now (after a CONFLICT). */
  const latest = async (): Promise<EditedArticle | undefined> => {
    if (!articleId) return undefined;
    const fresh = await client
      .query(ArticleEditQuery, { id: articleId }, { requestPolicy: 'network-only' })
      .toPromise();
    return articleOfNode(fresh.data?.node);
  };

  const showFailure = async (error: Parameters<typeof saveFailureOf>[0]) => {
    const failure = saveFailureOf(error);
    if (failure.kind === 'fields') {
      setErrors(failure.fields);
      void message.error(t('invalidInput'));
    } else if (failure.kind === 'conflict' && failure.field) {
      setErrors({ [failure.field]: failure.message });
      void message.error(t('invalidInput'));
    } else if (failure.kind === 'conflict') {
      // Reading the latest version updates `article` through the cache: the conflict panel opens.
      const now = await latest();
      if (now && !dirty) {
        resetTo(sessionOf(now));
        void message.warning(t('movedOn'));
      }
    } else void message.error(t('saveFailed', { message: failure.message }));
  };

  const save = async () => {
    setSaving(true);
    setErrors({});
    const note = session.note.trim() || undefined;
    try {
      if (!articleId) {
        const input = { slug: session.slug, locale: session.locale, ...createInputOf(session.fields), note };
        const created = await create({ input });
        const saved = created.data?.createArticle?.article;
        if (created.error || !saved) return await showFailure(created.error ?? missing());
        const savedArticle = readFragment(ArticleEditFragment, saved);
        resetTo(sessionOf(savedArticle));
        void message.success(t('created'));
        navigate(`/work/articles/${encodeURIComponent(savedArticle.id)}`, { replace: true });
        return;
      }
      const changes = updateInputOf(session.base, session.fields);
      const input = { id: articleId, expectedVersion: session.baseVersion ?? 0, ...changes, note };
      const updated = await update({ input });
      const saved = updated.data?.updateArticle?.article;
      if (updated.error || !saved) return await showFailure(updated.error ?? missing());
      const savedArticle = readFragment(ArticleEditFragment, saved);
      resetTo(sessionOf(savedArticle));
      void message.success(t('saved', { version: savedArticle.version }));
    } finally {
      setSaving(false);
    }
  };

  const move = async (action: 'submit' | 'archive') => {
    if (!articleId || session.baseVersion === null) return;
    const input = { id: articleId, expectedVersion: session.baseVersion };
    const moved = action === 'submit' ? await submit({ input }) : await archive({ input });
    const payload = moved.data
      ? 'submitArticleForReview' in moved.data
        ? moved.data.submitArticleForReview
        : moved.data.archiveArticle
      : undefined;
    if (moved.error || !payload) {
      const failure = moved.error ? saveFailureOf(moved.error) : undefined;
      if (failure?.kind === 'conflict') {
        const now = await latest();
        if (now) resetTo(sessionOf(now));
        void message.warning(t('movedOn'));
      } else void message.error(t('actionFailed', { message: failure?.message ?? '' }));
      return;
    }
    resetTo(sessionOf(readFragment(ArticleEditFragment, payload.article)));
    void message.success(t(action === 'submit' ? 'submitted' : 'archived'));
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap align="center">
        <Typography.Title level={2} style={{ margin: 0 }}>
          {articleId ? t('editTitle') : t('newArticle')}
        </Typography.Title>
        {article && <Tag style={STATUS_STYLES[article.status]}>{t(`status.${article.status}`)}</Tag>}
        {article && (
          <Typography.Text type="secondary">{t('version', { version: article.version })}</Typography.Text>
        )}
        {dirty && <Tag style={AMBER}>{t('unsaved')}</Tag>}
        <Link href="/work/mine">{t('backToMine')}</Link>
        {articleId && <Link href={`/work/history/${encodeURIComponent(articleId)}`}>{t('history')}</Link>}
      </Space>
      {restoredAt && (
        <Alert
          type="info"
          showIcon
          title={t('draftRestored', { time: formatDateTime(restoredAt, uiLocale) })}
          action={
            <Button size="small" onClick={() => resetTo(start)}>
              {t('discardDraft')}
            </Button>
          }
        />
      )}
      {!stored && <Alert type="warning" showIcon title={t('draftNotStored')} />}
      {article?.rejection && article.status === 'DRAFT' && (
        <Alert
          type="error"
          showIcon
          title={t('rejectedAlert', { reason: article.rejection.reason })}
          description={t('rejectedMeta', {
            by: article.rejection.by,
            time: formatDateTime(article.rejection.at, uiLocale),
          })}
        />
      )}
      {article?.status === 'IN_REVIEW' && <Alert type="info" showIcon title={t('inReviewAlert')} />}
      {archived && <Alert type="warning" showIcon title={t('archivedAlert')} />}
      {conflict && session.baseVersion !== null && (
        <ConflictPanel
          key={conflict.version}
          base={session.base}
          baseVersion={session.baseVersion}
          mine={session.fields}
          theirs={conflict.theirs}
          theirsVersion={conflict.version}
          onApply={(merged) =>
            setSession({ ...session, base: conflict.theirs, baseVersion: conflict.version, fields: merged })
          }
        />
      )}
      <Form
        layout="vertical"
        onFinish={() => void save()}
        disabled={archived}
        className={archived ? 'article-form-archived' : undefined}
      >
        {!articleId && (
          <Space wrap align="start">
            <Form.Item
              label={t('slug')}
              htmlFor="article-slug"
              required
              validateStatus={errors.slug ? 'error' : undefined}
              help={errors.slug ? t('fieldInvalid', { message: errors.slug }) : t('slugHelp')}
            >
              <Input
                id="article-slug"
                value={session.slug}
                onChange={(e) => change({ slug: e.target.value }, 'slug')}
                style={{ width: 360 }}
              />
            </Form.Item>
            <Form.Item label={t('locale')} htmlFor="article-locale">
              <Select
                id="article-locale"
                value={session.locale}
                style={{ width: 140 }}
                options={(['ZH_CN', 'EN'] as const).map((value) => ({ value, label: t(`locale.${value}`) }))}
                onChange={(value) => change({ locale: value })}
              />
            </Form.Item>
          </Space>
        )}
        <ArticleFieldsForm
          fields={session.fields}
          errors={errors}
          locale={session.locale}
          selfId={articleId}
          disabled={archived}
          onChange={(fields, touched) => change({ fields }, touched)}
        />
        {article && (
          <Form.Item label={t('translations')}>
            <Space wrap>
              {article.translations.map((translation) => (
                <Link key={translation.id} href={`/work/articles/${encodeURIComponent(translation.id)}`}>
                  {t(`locale.${translation.locale}`)}：{translation.title}
                </Link>
              ))}
              {article.translations.length === 0 && (
                <Typography.Text type="secondary">{t('noTranslation')}</Typography.Text>
              )}
              {(['ZH_CN', 'EN'] as const)
                .filter(
                  (other) =>
                    other !== article.locale && !article.translations.some((tr) => tr.locale === other),
                )
                .map((other) => (
                  <Link
                    key={other}
                    href={`/work/articles/new?${new URLSearchParams({ slug: article.slug, locale: other, category: session.fields.category }).toString()}`}
                  >
                    {t('writeTranslation', { locale: t(`locale.${other}`) })}
                  </Link>
                ))}
            </Space>
          </Form.Item>
        )}
        <Form.Item
          label={t('note')}
          htmlFor="article-note"
          validateStatus={errors.note ? 'error' : undefined}
          help={errors.note ? t('fieldInvalid', { message: errors.note }) : undefined}
        >
          <Input
            id="article-note"
            value={session.note}
            placeholder={t('notePlaceholder')}
            onChange={(e) => change({ note: e.target.value }, 'note')}
          />
        </Form.Item>
        <Space wrap>
          <Button
            type="primary"
            htmlType="submit"
            loading={saving}
            disabled={archived || conflict !== undefined}
          >
            {t('save')}
          </Button>
          {article && (article.status === 'DRAFT' || article.status === 'PUBLISHED') && (
            <Button
              onClick={() => void move('submit')}
              disabled={dirty || article.status !== 'DRAFT'}
              title={dirty ? t('submitNeedsSave') : undefined}
            >
              {t('submit')}
            </Button>
          )}
          {article && !archived && (
            <Popconfirm title={t('archiveConfirm')} onConfirm={() => void move('archive')}>
              <Button danger>{t('archive')}</Button>
            </Popconfirm>
          )}
          {dirty && article?.status === 'DRAFT' && (
            <Typography.Text type="secondary">{t('submitNeedsSave')}</Typography.Text>
          )}
        </Space>
      </Form>
    </Space>
  );
}

/** A mutation that answered neither data nor an error (should not happen). */
function missing(): never {
  throw new Error('the API answered without the article');
}
