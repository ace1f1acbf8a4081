import express from 'express';
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { signToken } from '../auth/jwt.js';
import { ROLES } from '../auth/principal.js';
import type { Config } from '../config.js';
import type { AppDeps } from '../context.js';
import { languageOf } from '../i18n/language.js';
import { reasonIn, render, rememberZodIssues } from '../i18n/localize.js';

/** Development tokens last a working shift (or less, when the service accepts less). */
const DEV_TOKEN_SECONDS = 8 * 3600;

/**
 * Whether the development sign-in exists: only outside production, only while the service signs
 * with the generated development secret (no AUTH_JWT_SECRET configured) and only when no OpenID
 * Connect provider is configured. With a real secret the tokens come from whoever holds it, with a
 * provider from the provider: never from an open endpoint.
 */
export function devSignInAvailable(config: Pick<Config, 'nodeEnv' | 'auth'>): boolean {
  return (
    config.nodeEnv !== 'production' && config.auth.jwtSecret === undefined && config.auth.oidc === undefined
  );
}

const devTokenRequest = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(64, 'must be at most 64 characters')
    .refine((name) => name.toLowerCase() !== 'public', 'must name someone'),
  roles: z.array(z.enum(ROLES)).min(1, 'give at least one role').max(ROLES.length),
});

function badRequest(res: Response, message: string, fields: Array<{ path: string; message: string }>): void {
  res.status(400).json({ error: { code: 'BAD_USER_INPUT', message, fields } });
}

/**
 * POST /auth/dev-token `{ name, roles }` -> `{ token, name, roles, expiresAt }`: the console's
 * development sign-in (pick a role and a name). Mounted only when devSignInAvailable() says so;
 * otherwise the path does not exist (404).
 */
export function devSignInRouter(app: Pick<AppDeps, 'config' | 'jwt' | 'logger'>): Router {
  const router = express.Router();
  router.post('/auth/dev-token', express.json({ limit: '2kb' }), (req: Request, res: Response, next) => {
    const parsed = devTokenRequest.safeParse(req.body);
    if (!parsed.success) {
      const language = languageOf(req.headers['accept-language']);
      rememberZodIssues(parsed.error.issues);
      badRequest(
        res,
        render('devSignIn.invalid', undefined, language),
        parsed.error.issues.map((issue) => ({
          path: issue.path.join('.'),
          message: reasonIn(issue.message, language),
        })),
      );
      return;
    }
    const seconds = Math.min(DEV_TOKEN_SECONDS, app.config.auth.maxTokenLifetimeSeconds);
    const roles = [...new Set(parsed.data.roles)];
    signToken(app.jwt, { sub: parsed.data.name, roles, expiresIn: `${seconds}s` }).then((token) => {
      app.logger.info({ sub: parsed.data.name, roles }, 'development sign-in');
      res.set('Cache-Control', 'no-store');
      res.json({
        token,
        name: parsed.data.name,
        roles,
        expiresAt: new Date(Date.now() + seconds * 1000).toISOString(),
      });
    }, next);
  });
  return router;
}
