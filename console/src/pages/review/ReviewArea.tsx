import { Result } from 'antd';
import { useAreaT } from '../../app/area-i18n';
import type { AreaProps } from '../workspace/Workspace';
import FlagsPage from './FlagsPage';
import HistoryPage from './HistoryPage';
import ReviewQueuePage from './ReviewQueuePage';
import { reviewMessages } from './messages';

/** The review area: the review queue, an article's history and diff, and the flags queue. */
export default function ReviewArea({ pathname, search }: AreaProps) {
  const t = useAreaT(reviewMessages);
  if (pathname === '/work/review') return <ReviewQueuePage />;
  if (pathname === '/work/flags') return <FlagsPage />;
  const history = /^\/work\/history\/([^/]+)$/.exec(pathname);
  if (history?.[1]) {
    const articleId = decodeURIComponent(history[1]);
    return <HistoryPage key={articleId} articleId={articleId} search={search} />;
  }
  return <Result status="404" title={t('notFound')} />;
}
