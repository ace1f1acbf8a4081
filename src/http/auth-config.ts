import express from 'express';
import type { Request, Response, Router } from 'express';
import type { Config } from '../config.js';
import { devSignInAvailable } from './dev-sign-in.js';

/** How people sign in to the console, as GET /auth/config tells it. */
export type SignInConfig =
  | { signIn: 'dev' }
  | { signIn: 'oidc'; oidc: { issuer: string; clientId: string; scopes: string } }
  | { signIn: 'none' };

/**
 * Which sign-in applies: the OIDC provider when one is configured, else the development sign-in when
 * it exists, else none (tokens are issued elsewhere, e.g. by whoever holds AUTH_JWT_SECRET).
 */
export function signInConfig(config: Pick<Config, 'nodeEnv' | 'auth'>): SignInConfig {
  const oidc = config.auth.oidc;
  if (oidc)
    return { signIn: 'oidc', oidc: { issuer: oidc.issuer, clientId: oidc.clientId, scopes: oidc.scopes } };
  return devSignInAvailable(config) ? { signIn: 'dev' } : { signIn: 'none' };
}

/**
 * GET /auth/config: public, read by the console at sign-in so one build works with the development
 * sign-in and with an OpenID Connect provider. Holds nothing secret (a public client id and URLs).
 */
export function authConfigRouter(app: { config: Pick<Config, 'nodeEnv' | 'auth'> }): Router {
  const router = express.Router();
  const body = signInConfig(app.config);
  router.get('/auth/config', (_req: Request, res: Response) => {
    res.set('Cache-Control', 'no-cache');
    res.json(body);
  });
  return router;
}
