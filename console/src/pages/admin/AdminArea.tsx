import { Result } from 'antd';
import { useAreaT } from '../../app/area-i18n';
import type { AreaProps } from '../workspace/Workspace';
import { ChannelsPage } from './ChannelsPage';
import { CoveragePage } from './CoveragePage';
import { EditHallPage, NewHallPage } from './HallForm';
import { HallsPage } from './HallsPage';
import { ImportPage } from './ImportPage';
import { adminMessages } from './messages';
import './admin.css';

/** The admins' area: halls (list, new, one hall), import, channels and coverage. */
export default function AdminArea({ pathname, search }: AreaProps) {
  const t = useAreaT(adminMessages);
  if (pathname === '/work/halls' || pathname === '/work/halls/') return <HallsPage search={search} />;
  if (pathname === '/work/halls/new') return <NewHallPage />;
  const hall = /^\/work\/halls\/([^/]+)$/.exec(pathname);
  if (hall) return <EditHallPage code={decodeURIComponent(hall[1]!)} />;
  if (pathname === '/work/import') return <ImportPage />;
  if (pathname === '/work/channels') return <ChannelsPage />;
  if (pathname === '/work/coverage') return <CoveragePage search={search} />;
  return <Result status="404" title={t('notFound')} />;
}
