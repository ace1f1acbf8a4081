import { Layout, Menu, Result } from 'antd';
import { lazy, Suspense } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';
import { useAreaT } from '../../app/area-i18n';
import { navigate, useLocation } from '../../app/router';
import { mayUse, menuFor, pageOf } from './areas';
import type { AreaId } from './areas';
import { workspaceMessages } from './messages';
import { Loading } from '../shared/Loading';

/** Each area answers its paths under /work; it is told the current path. */
export interface AreaProps {
  pathname: string;
  search: URLSearchParams;
  roles: readonly string[];
}

// Each area is its own lazy chunk: agents never load them.
const AREA_PAGES: Record<AreaId, LazyExoticComponent<ComponentType<AreaProps>>> = {
  editor: lazy(() => import('../editor/EditorArea')),
  review: lazy(() => import('../review/ReviewArea')),
  insights: lazy(() => import('../insights/InsightsArea')),
  admin: lazy(() => import('../admin/AdminArea')),
};

/** The editors', reviewers' and admins' workspace: a menu of the areas the roles may use, and the page. */
export default function Workspace({ roles }: { roles: readonly string[] }) {
  const t = useAreaT(workspaceMessages);
  const { pathname, search } = useLocation();
  const current = pageOf(pathname);
  const items = menuFor(roles).map(({ path }) => ({
    key: path,
    label: (
      <a
        href={path}
        onClick={(event) => {
          if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
          event.preventDefault();
          navigate(path);
        }}
      >
        {t(path as keyof (typeof workspaceMessages)['zh-CN'])}
      </a>
    ),
  }));
  let content;
  if (!current) content = <Result status="404" title={t('notFound')} />;
  else if (!mayUse(roles, current)) content = <Result status="403" title={t('forbidden')} />;
  else {
    const Page = AREA_PAGES[current.area];
    content = (
      <Suspense fallback={<Loading className="page-loading" />}>
        <Page pathname={pathname} search={search} roles={roles} />
      </Suspense>
    );
  }
  return (
    <Layout className="workspace">
      <Layout.Sider width={184} theme="light" className="workspace-menu">
        <nav aria-label={t('menu')}>
          <Menu mode="inline" selectedKeys={current ? [current.path] : []} items={items} />
        </nav>
      </Layout.Sider>
      <Layout.Content className="workspace-content">{content}</Layout.Content>
    </Layout>
  );
}
