import { Card, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useAreaT } from '../../app/area-i18n';
import { ArticleList } from './ArticleList';
import { NewArticleButton } from './NewArticleButton';
import type { ArticleFilter } from './ArticleList';
import { editorMessages } from './messages';
import type { EditorMessageKey } from './messages';

/** How far ahead "expiring soon" looks. */
export const EXPIRING_DAYS = 30;

/** The lists of "my work", each a filter of `articles`. */
function sections(now: Date): Array<{ title: EditorMessageKey; filter: ArticleFilter }> {
  const horizon = new Date(now.getTime() + EXPIRING_DAYS * 24 * 3600 * 1000).toISOString();
  return [
    { title: 'myDrafts', filter: { mine: true, status: 'DRAFT', rejected: false } },
    { title: 'myRejected', filter: { mine: true, status: 'DRAFT', rejected: true } },
    { title: 'myInReview', filter: { mine: true, status: 'IN_REVIEW' } },
    { title: 'openFlags', filter: { hasOpenFlags: true } },
    { title: 'expiringSoon', filter: { expiresBefore: horizon, expired: false } },
  ];
}

/** My work: my drafts, rejected drafts with the reason, my submissions, flagged and expiring articles. */
export default function MyWork() {
  const t = useAreaT(editorMessages);
  // The horizon is fixed for the page's life, so the lists' variables (and cache keys) stay put.
  const lists = useMemo(() => sections(new Date()), []);
  return (
    <Space orientation="vertical" size="large" className="editor-page">
      <Space className="editor-heading">
        <Typography.Title level={2}>{t('myWork')}</Typography.Title>
        <NewArticleButton />
      </Space>
      {lists.map(({ title, filter }) => (
        <Card
          key={title}
          title={<h3 className="editor-card-title">{t(title, { days: EXPIRING_DAYS })}</h3>}
          size="small"
        >
          <ArticleList filter={filter} />
        </Card>
      ))}
    </Space>
  );
}
