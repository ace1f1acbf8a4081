import { Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useAreaT } from '../../app/area-i18n';
import type { AreaProps } from '../workspace/Workspace';
import ArticleEditor from './ArticleEditor';
import { ArticleList } from './ArticleList';
import { NewArticleButton } from './NewArticleButton';
import type { ArticleFilter } from './ArticleList';
import { editorMessages } from './messages';
import MyWork from './MyWork';

type Status = NonNullable<ArticleFilter['status']>;
const STATUSES: Status[] = ['DRAFT', 'IN_REVIEW', 'PUBLISHED', 'ARCHIVED'];

/** `/work/articles`: every article, newest change first, by status. */
function AllArticles() {
  const t = useAreaT(editorMessages);
  const [status, setStatus] = useState<Status | undefined>();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap align="center">
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('allArticles')}
        </Typography.Title>
        <Select
          aria-label={t('statusFilter')}
          allowClear
          placeholder={t('anyStatus')}
          style={{ width: 160 }}
          value={status}
          options={STATUSES.map((value) => ({ value, label: t(`status.${value}`) }))}
          onChange={(value?: Status) => setStatus(value)}
        />
        <NewArticleButton />
      </Space>
      <ArticleList key={status ?? 'any'} filter={status ? { status } : {}} />
    </Space>
  );
}

/** The editors' area: my work, the article list and the article editor. */
export default function EditorArea({ pathname, search }: AreaProps) {
  if (pathname === '/work/mine') return <MyWork />;
  const rest = pathname.slice('/work/articles'.length).replace(/^\//, '');
  if (rest === '') return <AllArticles />;
  const articleId = rest === 'new' ? undefined : decodeURIComponent(rest);
  // A fresh editor per article (and per new-article title), so no state leaks between them.
  return (
    <ArticleEditor
      key={`${articleId ?? 'new'}?${search.get('title') ?? ''}`}
      articleId={articleId}
      search={search}
    />
  );
}
