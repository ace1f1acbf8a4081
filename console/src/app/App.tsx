import { App as AntApp, Button, ConfigProvider, Layout, Space, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { Provider } from 'urql';
import { Desk } from '../pages/desk/Desk';
import { createStaffClient } from './client';
import { I18nProvider, useI18n } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { cspNonce } from './page-config';
import { Link, navigate, useLocation } from './router';
import { signOut } from '../auth/expiry';
import { workspaceHome } from '../pages/workspace/areas';
import { useSession } from './session';
import { Loading } from '../pages/shared/Loading';

// The desk is the first load; the finder and the sign-in page are split off.
const FinderPage = lazy(() => import('../pages/finder/Finder'));
const SignIn = lazy(() => import('../pages/signin/SignIn'));
// The editors', reviewers' and admins' workspace (/work/...), a chunk agents never load.
const Workspace = lazy(() => import('../pages/workspace/Workspace'));

export function App() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}

function Themed() {
  const { locale } = useI18n();
  const nonce = cspNonce();
  return (
    <ConfigProvider
      locale={locale === 'en' ? enUS : zhCN}
      {...(nonce ? { csp: { nonce } } : {})}
      theme={{
        token: {
          colorPrimary: '#1456c9',
          colorLink: '#0b4bb0',
          // Darker than the kit's defaults, for a contrast of at least 4.5:1 on white (WCAG AA); hover
          // states darken instead of the kit's lighter tints (a hovered link or primary button stays readable).
          colorLinkHover: '#0a3f94',
          colorPrimaryHover: '#0f47a8',
          colorError: '#c41d1f',
          colorTextSecondary: '#595959',
          colorTextDescription: '#595959',
          colorTextPlaceholder: '#6b6b6b',
          fontFamily: '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif',
        },
        components: {
          Descriptions: { labelColor: '#595959' },
          Breadcrumb: {
            itemColor: '#595959',
            lastItemColor: '#262626',
            separatorColor: '#595959',
            linkColor: '#595959',
          },
        },
      }}
    >
      <AntApp>
        <Routes />
      </AntApp>
    </ConfigProvider>
  );
}

function Routes() {
  const { pathname } = useLocation();
  const loading = <Loading className="page-loading" />;
  if (pathname === '/finder') {
    return (
      <Suspense fallback={loading}>
        <FinderPage />
      </Suspense>
    );
  }
  if (pathname === '/signin' || pathname === '/signin/callback') {
    return (
      <Suspense fallback={loading}>
        <SignIn />
      </Suspense>
    );
  }
  return <StaffArea />;
}

/** Pages for signed-in staff: without a session, off to sign-in, coming back here afterwards. */
function StaffArea() {
  const session = useSession();
  const { href, pathname } = useLocation();
  const { t } = useI18n();
  const inWorkspace = pathname === '/work' || pathname.startsWith('/work/');
  const client = useMemo(() => createStaffClient(), []);
  useEffect(() => {
    if (!session) navigate(`/signin?next=${encodeURIComponent(href)}`, { replace: true });
  }, [session, href]);
  const home = session ? workspaceHome(session.roles) : undefined;
  useEffect(() => {
    if (pathname === '/work' && home) navigate(home, { replace: true });
  }, [pathname, home]);
  if (!session) return null;
  return (
    <Provider value={client}>
      <Layout className="shell">
        <Layout.Header className="shell-header">
          <Typography.Title level={1} className="shell-title">
            {inWorkspace ? t('workspace.title') : t('desk.title')}
          </Typography.Title>
          <Space>
            {inWorkspace ? (
              <Link href="/" className="shell-link">
                {t('desk.title')}
              </Link>
            ) : (
              home && (
                <Link href={home} className="shell-link">
                  {t('workspace.title')}
                </Link>
              )
            )}
            <a href="/finder" className="shell-link">
              {t('finder.title')}
            </a>
            <LanguageSwitch />
            <span className="shell-user">
              {session.name} · {session.roles.map((role) => t(`role.${role}` as 'role.agent')).join(', ')}
            </span>
            <Button size="small" onClick={() => void signOut()}>
              {t('signin.signOut')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content className="shell-content">
          {inWorkspace ? (
            <Suspense fallback={<Loading className="page-loading" />}>
              <Workspace roles={session.roles} />
            </Suspense>
          ) : (
            <Desk />
          )}
        </Layout.Content>
      </Layout>
    </Provider>
  );
}
