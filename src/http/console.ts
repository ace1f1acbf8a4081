import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import express from 'express';
import type { NextFunction, Request, Response, Router } from 'express';
import type { AppDeps } from '../context.js';
import { authConfigRouter } from './auth-config.js';
import { devSignInAvailable, devSignInRouter } from './dev-sign-in.js';

const gzipAsync = promisify(gzip);

/** The console's pages (a single-page app: each answers index.html), besides /work/... (the workspace). The finder is public and may be embedded. */
export const CONSOLE_PAGES = ['/', '/signin', '/signin/callback', '/finder'] as const;
const EMBEDDABLE_PAGES = new Set(['/finder']);

/**
 * The console's Content-Security-Policy. Scripts: same-origin files only (no inline script, no eval).
 * Style elements: same-origin files and the ones Ant Design injects, carrying this response's nonce;
 * style attributes are allowed (components position popups with them). Data goes to this origin only.
 */
export function consoleCsp(nonce: string, embeddable: boolean, connectTo: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    `style-src-elem 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...connectTo].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    // Portals may embed the public finder; the staff pages may not be framed (clickjacking).
    `frame-ancestors ${embeddable ? '*' : "'none'"}`,
  ].join('; ');
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.js', '.css', '.svg', '.map']);

/**
 * The built console (console/dist): in the nearest folder above this module that has one, so it is
 * found from src/http (tsx, tests), dist/src/http (production) and the `npm start` bundle under
 * node_modules/.cache/channel-kb/start/ alike.
 */
export function findConsoleDist(): string | undefined {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'console', 'dist');
    if (existsSync(path.join(candidate, 'index.html'))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function escapeAttribute(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/**
 * The web console at `/` (the agent desk), `/signin` and `/finder` (public), its hashed assets under
 * `/assets/` (cached for a year, gzipped when accepted), and, in development, the sign-in endpoint.
 * index.html is rendered per request with a fresh CSP nonce and is never cached. Without a build
 * (console/dist), the pages answer 503 saying how to build it; the API is unaffected.
 */
export function consoleRouter(
  app: Pick<AppDeps, 'config' | 'jwt' | 'logger'>,
  distDir = findConsoleDist(),
): Router {
  const router = express.Router();
  const devSignIn = devSignInAvailable(app.config);
  if (devSignIn) router.use(devSignInRouter(app));
  router.use(authConfigRouter(app));
  // The console fetches the OIDC provider's discovery document and token endpoint itself.
  const connectTo = app.config.auth.oidc ? [new URL(app.config.auth.oidc.issuer).origin] : [];

  const assets = new Map<string, Promise<{ raw: Buffer; gzipped: Buffer | undefined }>>();
  const loadAsset = (file: string, compress: boolean) => {
    let pending = assets.get(file);
    if (!pending) {
      pending = (async () => {
        const raw = await readFile(file);
        return { raw, gzipped: compress ? await gzipAsync(raw, { level: 9 }) : undefined };
      })();
      void pending.catch(() => assets.delete(file));
      assets.set(file, pending);
    }
    return pending;
  };

  router.get('/assets/:name', (req: Request, res: Response, next: NextFunction) => {
    const name = String(req.params['name']);
    const ext = path.extname(name);
    const type = CONTENT_TYPES[ext];
    if (!distDir || !/^[A-Za-z0-9_.-]+$/.test(name) || name.startsWith('.') || !type) {
      next();
      return;
    }
    const file = path.join(distDir, 'assets', name);
    if (!existsSync(file)) {
      next();
      return;
    }
    const compress = COMPRESSIBLE.has(ext);
    loadAsset(file, compress).then(({ raw, gzipped }) => {
      const useGzip = gzipped !== undefined && req.acceptsEncodings(['gzip', 'identity']) === 'gzip';
      const body = useGzip ? gzipped : raw;
      res.set({
        'Content-Type': type,
        // File names carry a content hash: a changed file is a new URL.
        'Cache-Control': 'public, max-age=31536000, immutable',
        'Cross-Origin-Resource-Policy': 'same-origin',
        'Content-Length': String(body.length),
      });
      if (compress) res.vary('Accept-Encoding');
      if (useGzip) res.set('Content-Encoding', 'gzip');
      res.end(body);
    }, next);
  });

  let template: Promise<string> | undefined;
  const page = (req: Request, res: Response, next: NextFunction): void => {
    if (!distDir) {
      res
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('控制台尚未构建 (the console is not built): npm run build -w console\n');
      return;
    }
    template ??= readFile(path.join(distDir, 'index.html'), 'utf8');
    void template.catch(() => (template = undefined));
    template.then((html) => {
      const nonce = randomBytes(16).toString('base64');
      const embeddable = EMBEDDABLE_PAGES.has(req.path);
      res.set({
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': consoleCsp(nonce, embeddable, connectTo),
        // A fresh nonce per response: never reuse a stored copy.
        'Cache-Control': 'no-cache, no-store',
      });
      if (embeddable) res.removeHeader('X-Frame-Options');
      res.send(html.replace('__CKB_CSP_NONCE__', escapeAttribute(nonce)));
    }, next);
  };
  for (const pagePath of CONSOLE_PAGES) router.get(pagePath, page);
  // The workspace's pages (/work, /work/articles/<id>/history, ...): the console routes them.
  router.get(/^\/work(\/[A-Za-z0-9_~%.=-]+)*\/?$/, page);
  return router;
}
