import { Alert, Button, Card, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../app/i18n';
import { navigate } from '../../app/router';
import { signOut } from '../../auth/expiry';
import { completeOidcSignIn, startOidcSignIn } from '../../auth/oidc';
import { Loading } from '../shared/Loading';

function reason(failure: unknown): string {
  return failure instanceof Error ? failure.message : String(failure);
}

/** Sign-in through the operator's provider: one button, then the provider's own pages. */
export function OidcSignIn({ next }: { next: string }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const start = (): void => {
    setBusy(true);
    setError(undefined);
    startOidcSignIn(next).catch((failure: unknown) => {
      setBusy(false);
      setError(reason(failure));
    });
  };
  return (
    <Space direction="vertical" className="signin-oidc">
      <Typography.Paragraph>{t('signin.oidcNotice')}</Typography.Paragraph>
      {error && (
        <Alert
          type="error"
          showIcon
          title={t('signin.oidcUnreachable', { reason: error })}
          className="signin-alert"
        />
      )}
      <Button type="primary" size="large" block loading={busy} onClick={start} autoFocus>
        {t('signin.oidcSubmit')}
      </Button>
    </Space>
  );
}

// One completion per page load (React's StrictMode runs effects twice; a code is good once).
let completion: ReturnType<typeof completeOidcSignIn> | undefined;

/** /signin/callback: the provider sent the agent back with a code; finish and return where they were. */
export function OidcCallback() {
  const { t } = useI18n();
  const [state, setState] = useState<{ error?: string; noRoles?: boolean }>({});
  useEffect(() => {
    completion ??= completeOidcSignIn();
    completion.then(
      ({ session, next }) => {
        if (session.roles.length === 0) setState({ noRoles: true });
        else navigate(next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
      },
      (failure: unknown) => setState({ error: reason(failure) }),
    );
  }, []);
  return (
    <main className="signin">
      <Card title={<Typography.Title level={1}>{t('signin.title')}</Typography.Title>}>
        {state.error ? (
          <Space direction="vertical">
            <Alert type="error" showIcon title={t('signin.failed', { reason: state.error })} />
            <Button type="primary" onClick={() => navigate('/signin', { replace: true })}>
              {t('signin.retry')}
            </Button>
          </Space>
        ) : state.noRoles ? (
          <Space direction="vertical">
            <Alert type="warning" showIcon title={t('signin.noRoles')} />
            <Button onClick={() => void signOut()}>{t('signin.signOut')}</Button>
          </Space>
        ) : (
          <Loading label={t('signin.completing')} />
        )}
      </Card>
    </main>
  );
}
