import { Alert, Button, Card, Form, Input, Radio, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../app/i18n';
import { navigate, useLocation } from '../../app/router';
import { saveSession } from '../../app/session';
import type { Session } from '../../app/session';
import { authConfig } from '../../auth/config';
import type { AuthConfig } from '../../auth/config';
import { OidcCallback, OidcSignIn } from './OidcSignIn';
import { Loading } from '../shared/Loading';

const ROLES = ['agent', 'editor', 'reviewer', 'admin'] as const;
type RoleValue = (typeof ROLES)[number];

/** Only same-origin console paths are followed after sign-in (never another site). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}

/** The sign-in that applies here (GET /auth/config), or an error saying it could not be read. */
function useAuthConfig(): { config?: AuthConfig; error?: string } {
  const [state, setState] = useState<{ config?: AuthConfig; error?: string }>({});
  useEffect(() => {
    authConfig().then(
      (config) => setState({ config }),
      (failure: unknown) => setState({ error: failure instanceof Error ? failure.message : String(failure) }),
    );
  }, []);
  return state;
}

/**
 * The sign-in page, as the API configures it: through the operator's OpenID Connect provider, or in
 * development by picking a role and a name (POST /auth/dev-token). /signin/callback completes an
 * OIDC sign-in.
 */
export default function SignIn() {
  const { t } = useI18n();
  const { search, pathname } = useLocation();
  const { config, error: configError } = useAuthConfig();
  if (pathname === '/signin/callback') return <OidcCallback />;
  return (
    <main className="signin">
      <Card title={<Typography.Title level={1}>{t('signin.title')}</Typography.Title>}>
        {search.get('expired') && (
          <Alert type="warning" showIcon title={t('signin.expired')} className="signin-alert" />
        )}
        {configError ? (
          <Alert type="error" showIcon title={t('signin.failed', { reason: configError })} />
        ) : !config ? (
          <Loading label={t('common.loading')} />
        ) : config.signIn === 'oidc' ? (
          <OidcSignIn next={safeNext(search.get('next'))} />
        ) : config.signIn === 'dev' ? (
          <DevSignIn />
        ) : (
          <Alert type="warning" showIcon title={t('signin.unavailable')} />
        )}
        <Typography.Paragraph className="signin-finder">
          <a href="/finder">{t('finder.title')}</a>
        </Typography.Paragraph>
      </Card>
    </main>
  );
}

/** Development sign-in: pick a role and a name, get a token from the development-only endpoint. */
function DevSignIn() {
  const { t } = useI18n();
  const { search } = useLocation();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (values: { name: string; role: RoleValue }): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      const response = await fetch('/auth/dev-token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: values.name, roles: [values.role] }),
      });
      const body = (await response.json().catch(() => ({}))) as Partial<Session> & {
        error?: { message?: string };
      };
      if (!response.ok || typeof body.token !== 'string') {
        setError(body.error?.message ?? `HTTP ${response.status}`);
        return;
      }
      saveSession({
        token: body.token,
        name: body.name ?? values.name,
        roles: body.roles ?? [values.role],
        expiresAt: body.expiresAt ?? '',
        kind: 'dev',
      });
      navigate(safeNext(search.get('next')), { replace: true });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<{ name: string; role: RoleValue }>
      layout="vertical"
      initialValues={{ role: 'agent' }}
      onFinish={(values) => void submit(values)}
      requiredMark={false}
    >
      <Alert type="info" showIcon title={t('signin.devNotice')} className="signin-alert" />
      <Form.Item
        name="name"
        label={t('signin.name')}
        rules={[
          { required: true, whitespace: true, message: t('signin.nameRequired') },
          { max: 64, message: t('signin.nameTooLong') },
        ]}
      >
        <Input autoFocus autoComplete="username" />
      </Form.Item>
      <Form.Item name="role" label={t('signin.role')}>
        <Radio.Group
          optionType="button"
          options={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
        />
      </Form.Item>
      {error && (
        <Alert type="error" showIcon title={t('signin.failed', { reason: error })} className="signin-alert" />
      )}
      <Button type="primary" htmlType="submit" loading={busy} block>
        {t('signin.submit')}
      </Button>
    </Form>
  );
}
