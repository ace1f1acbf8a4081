import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import express from 'express';
import type { NextFunction, Request, Response, Router } from 'express';

const gzipAsync = promisify(gzip);
const require = createRequire(import.meta.url);

/** URL prefix (relative to where the router is mounted) under which every GraphiQL asset is served. */
export const GRAPHIQL_ASSETS_PATH = '/graphiql/assets';

/**
 * Content-Security-Policy of the GraphiQL page, checked in headless Chromium: no violations when
 * running queries, introspection, docs, history, autocomplete, dialogs, tabs. Scripts are same-origin
 * files only (no inline script, no eval, no workers). Styles need 'unsafe-inline' because GraphiQL's
 * Radix dialogs (react-remove-scroll) inject a <style> element; the bundled CSS embeds its fonts and
 * a few images as data: URLs.
 */
export const GRAPHIQL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const DEFAULT_QUERY = `# channel-kb GraphiQL
#
# Anonymous requests run as the public viewer.
# To act as a user, get a token:
#
#   npm run token -- --role editor --sub alice
#
# and put it in the Headers tab below:
#
#   { "Authorization": "Bearer <token>" }

query Viewer {
  viewer {
    id
    roles
  }
}
`;

/**
 * The page's start-up script, served as a file of its own so the page needs no inline script.
 * It reads its settings from data attributes of the #graphiql element.
 */
const INIT_SCRIPT = `(function () {
  'use strict';
  var root = document.getElementById('graphiql');
  var data = root.dataset;
  var fetcher = GraphiQL.createFetcher({
    url: data.endpoint,
    enableIncrementalDelivery: false,
    headers: { accept: 'application/graphql-response+json, application/json' },
  });
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: data.defaultQuery,
      defaultHeaders: data.defaultHeaders,
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: false,
      defaultEditorToolsVisibility: 'headers',
    }),
  );
})();
`;

/** The page's own layout rules, served as a file (no inline style element needed). */
const PAGE_CSS = `html, body { height: 100%; margin: 0; }
#graphiql { height: 100vh; }
`;

interface Asset {
  /** Absolute path on disk, or undefined for an asset generated in memory. */
  file: string | undefined;
  /** In-memory content for generated assets. */
  content: string | undefined;
  contentType: string;
  /** Whether to offer a gzip-compressed variant (text assets, not source maps). */
  compress: boolean;
}

type AssetUrls = Record<'react' | 'reactDom' | 'js' | 'css' | 'init' | 'pageCss', string>;

interface LoadedAsset {
  raw: Buffer;
  gzipped: Buffer | undefined;
}

function packageDir(name: string): { dir: string; version: string } {
  // package.json is exported by react and react-dom; graphiql has no exports map at all.
  let manifestPath: string;
  try {
    manifestPath = require.resolve(`${name}/package.json`);
  } catch {
    // The Docker image leaves GraphiQL's bundle out unless built with WITH_GRAPHIQL=true.
    throw new Error(
      `GRAPHIQL is on, but this installation has no ${name} package for its page: build the image with --build-arg WITH_GRAPHIQL=true, or set GRAPHIQL=false.`,
    );
  }
  const manifest = require(manifestPath) as { version?: unknown };
  const version = typeof manifest.version === 'string' ? manifest.version : '0';
  return { dir: path.dirname(manifestPath), version };
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const MAP = 'application/json; charset=utf-8';

/** Builds the asset table: URL path (below GRAPHIQL_ASSETS_PATH) → asset. Versions are in the URLs. */
function buildAssets(): { assets: Map<string, Asset>; urls: AssetUrls } {
  const react = packageDir('react');
  const reactDom = packageDir('react-dom');
  const graphiql = packageDir('graphiql');
  const hashed = (name: string, ext: string, content: string): string =>
    `/channel-kb/${name}.${createHash('sha256').update(content).digest('hex').slice(0, 12)}.${ext}`;

  const fileAsset = (file: string, contentType: string, compress: boolean): Asset => ({
    file,
    content: undefined,
    contentType,
    compress,
  });
  const urls = {
    react: `/react@${react.version}/react.production.min.js`,
    reactDom: `/react-dom@${reactDom.version}/react-dom.production.min.js`,
    // The bundles reference their source maps by relative name, so the maps sit next to them.
    js: `/graphiql@${graphiql.version}/graphiql.min.js`,
    css: `/graphiql@${graphiql.version}/graphiql.min.css`,
    init: hashed('init', 'js', INIT_SCRIPT),
    pageCss: hashed('page', 'css', PAGE_CSS),
  };
  const assets = new Map<string, Asset>([
    [urls.react, fileAsset(path.join(react.dir, 'umd', 'react.production.min.js'), JS, true)],
    [urls.reactDom, fileAsset(path.join(reactDom.dir, 'umd', 'react-dom.production.min.js'), JS, true)],
    [urls.js, fileAsset(path.join(graphiql.dir, 'graphiql.min.js'), JS, true)],
    [urls.css, fileAsset(path.join(graphiql.dir, 'graphiql.min.css'), CSS, true)],
    [`${urls.js}.map`, fileAsset(path.join(graphiql.dir, 'graphiql.min.js.map'), MAP, false)],
    [`${urls.css}.map`, fileAsset(path.join(graphiql.dir, 'graphiql.min.css.map'), MAP, false)],
    [urls.init, { file: undefined, content: INIT_SCRIPT, contentType: JS, compress: true }],
    [urls.pageCss, { file: undefined, content: PAGE_CSS, contentType: CSS, compress: false }],
  ]);
  return { assets, urls };
}

function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

function renderPage(assetBase: string, endpoint: string, urls: AssetUrls): string {
  const asset = (url: string): string => escapeHtml(`${assetBase}${url}`);
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>channel-kb GraphiQL</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${asset(urls.css)}" />
    <link rel="stylesheet" href="${asset(urls.pageCss)}" />
  </head>
  <body>
    <div
      id="graphiql"
      data-endpoint="${escapeHtml(endpoint)}"
      data-default-query="${escapeHtml(DEFAULT_QUERY)}"
      data-default-headers="{}"
    >
      Loading GraphiQL…
    </div>
    <script src="${asset(urls.react)}"></script>
    <script src="${asset(urls.reactDom)}"></script>
    <script src="${asset(urls.js)}"></script>
    <script src="${asset(urls.init)}"></script>
  </body>
</html>
`;
}

/** True when the request is a browser navigation: it prefers HTML over JSON and carries no GraphQL operation. */
function wantsGraphiQL(req: Request): boolean {
  const params = new URL(req.originalUrl, 'http://localhost').searchParams;
  if (params.has('query') || params.has('extensions')) return false;
  return req.accepts(['application/json', 'application/graphql-response+json', 'text/html']) === 'text/html';
}

/**
 * An Express router serving GraphiQL for browsers at `options.endpoint`, with every asset served
 * from node_modules (no CDN) under GRAPHIQL_ASSETS_PATH and a strict Content-Security-Policy.
 * Mount it before Apollo: requests that are not a browser's GET of the endpoint fall through.
 */
export function graphiqlRouter(options: { endpoint: string }): Router {
  const { assets, urls } = buildAssets();
  const loaded = new Map<string, Promise<LoadedAsset>>();

  const load = (key: string, asset: Asset): Promise<LoadedAsset> => {
    let pending = loaded.get(key);
    if (!pending) {
      pending = (async (): Promise<LoadedAsset> => {
        const raw =
          asset.file === undefined ? Buffer.from(asset.content ?? '', 'utf8') : await readFile(asset.file);
        const gzipped = asset.compress ? await gzipAsync(raw, { level: 9 }) : undefined;
        return { raw, gzipped };
      })();
      // A failed read is not cached, so a later request retries.
      void pending.catch(() => loaded.delete(key));
      loaded.set(key, pending);
    }
    return pending;
  };

  const router = express.Router();

  router.get(`${GRAPHIQL_ASSETS_PATH}/*asset`, (req: Request, res: Response, next: NextFunction) => {
    const key = req.path.slice(GRAPHIQL_ASSETS_PATH.length);
    const asset = assets.get(key);
    if (!asset) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    void load(key, asset).then(({ raw, gzipped }) => {
      const useGzip = gzipped !== undefined && req.acceptsEncodings(['gzip', 'identity']) === 'gzip';
      const body = useGzip ? gzipped : raw;
      res.set({
        'Content-Type': asset.contentType,
        // Every URL carries a package version or content hash, so it can be cached forever.
        'Cache-Control': 'public, max-age=31536000, immutable',
        'X-Content-Type-Options': 'nosniff',
        'Cross-Origin-Resource-Policy': 'same-origin',
        'Content-Length': String(body.length),
      });
      if (asset.compress) res.vary('Accept-Encoding');
      if (useGzip) res.set('Content-Encoding', 'gzip');
      res.end(body);
    }, next);
  });

  router.get(options.endpoint, (req: Request, res: Response, next: NextFunction) => {
    // The same URL answers JSON to API clients, so caches must key on Accept.
    res.vary('Accept');
    if (!wantsGraphiQL(req)) {
      next();
      return;
    }
    const html = renderPage(
      `${req.baseUrl}${GRAPHIQL_ASSETS_PATH}`,
      `${req.baseUrl}${options.endpoint}`,
      urls,
    );
    res.set({
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': GRAPHIQL_CSP,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
    });
    res.send(html);
  });

  return router;
}
