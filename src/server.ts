import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError } from 'graphql';
import type { GraphQLFormattedError } from 'graphql';
import { principalFromAuthorization } from './auth/jwt.js';
import { AppError } from './errors.js';
import { checkReadiness } from './http/health.js';
import { DEFAULT_RATE_LIMITS, createRateLimiter } from './http/rate-limit.js';
import type { RateLimits } from './http/rate-limit.js';
import { checkSearchIndex, searchLag } from './modules/search/maintenance.js';
import { graphiqlRouter } from './http/graphiql.js';
import {
  accessLog,
  assignRequestId,
  cors,
  enterRequestScope,
  jsonErrors,
  requestIdOf,
} from './http/middleware.js';
import { requestScope } from './logger.js';
import type { Logger } from './logger.js';
import { buildSchema } from './schema/index.js';
import { depthLimit } from './schema/depth-limit.js';
import { createLoaders } from './services.js';
import type { AppDeps, Context } from './context.js';

/** Codes raised by Apollo/graphql-js for bad requests; they describe the request, never internals. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

const BODY_LIMIT = '5mb';
/** Deepest selection an operation may have (the deepest useful query today is about 6). */
export const MAX_QUERY_DEPTH = 10;

export interface RunningServer {
  /** The base URL, e.g. http://127.0.0.1:4000 (the real port when started on port 0). */
  url: string;
  httpServer: http.Server;
  /** Stops accepting connections, lets in-flight requests finish, then stops Apollo. */
  stop(): Promise<void>;
}

/**
 * Keeps expected errors as they are and masks everything else: the client gets a generic message
 * and the request id, the log gets the real error.
 */
export function maskError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof AppError) return formatted;
    const code = formatted.extensions?.['code'];
    if (original instanceof GraphQLError && typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
      return formatted;
    }
    const requestId = requestScope.getStore()?.requestId ?? 'unknown';
    logger.error(
      { err: original, requestId, path: formatted.path },
      'unexpected error (masked for the client)',
    );
    return {
      message: 'Internal server error',
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
    };
  };
}

/**
 * Builds the HTTP app (GraphQL, GraphiQL, probes) and listens on `port` (0 = any free port);
 * `options.rateLimits` replaces the default abuse limits (see src/http/rate-limit.ts).
 * @throws when the port cannot be bound.
 */
export async function startServer(
  app: AppDeps,
  port: number,
  host: string,
  options: { rateLimits?: RateLimits } = {},
): Promise<RunningServer> {
  const rateLimiter = createRateLimiter({
    limits: options.rateLimits ?? DEFAULT_RATE_LIMITS,
    jwt: app.jwt,
    logger: app.logger,
  });
  const expressApp = express();
  expressApp.disable('x-powered-by');
  const httpServer = http.createServer(expressApp);

  const plugins: ApolloServerPlugin<Context>[] = [
    ApolloServerPluginDrainHttpServer({ httpServer }),
    ApolloServerPluginLandingPageDisabled(),
    rateLimiter.plugin,
  ];
  const apollo = new ApolloServer<Context>({
    schema: buildSchema(),
    plugins,
    formatError: (formatted, error) => maskError(app.logger)(formatted, error),
    includeStacktraceInErrorResponses: false,
    validationRules: [depthLimit(MAX_QUERY_DEPTH)],
    // Auth is by bearer token only, never by cookie, so a cross-site request carries no
    // credentials: Apollo's CSRF header requirement would only break plain GET queries.
    csrfPrevention: false,
    introspection: true,
    logger: app.logger,
  });
  await apollo.start();

  expressApp.use(assignRequestId);
  expressApp.use(accessLog(app.logger));
  expressApp.use(cors(app.config.corsOrigins));

  expressApp.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  expressApp.get('/readyz', async (_req, res) => {
    const readiness = await checkReadiness(app);
    const search = readiness.checks.mongodb.ok
      ? await Promise.all(
          Object.values(app.services.projections).map(async (projection) => [
            projection.name,
            await searchLag(app.db, projection),
          ]),
        )
          .then(
            (entries) =>
              Object.fromEntries(entries) as Record<string, { pending: number; lagSeconds: number }>,
          )
          .catch(() => null)
      : null;
    res.status(readiness.ready ? 200 : 503).json({
      status: readiness.ready ? 'ready' : 'unavailable',
      unavailable: Object.entries(readiness.checks)
        .filter(([, check]) => !check.ok)
        .map(([name]) => name),
      checks: readiness.checks,
      // Informational: article changes the search index does not have yet.
      searchIndex: search,
    });
  });
  // The full MongoDB/Meilisearch comparison (ids and versions): 503 when they drifted apart.
  expressApp.get('/health/search', async (_req, res) => {
    try {
      const deps = { db: app.db, meili: app.meili, search: app.services.searchRepo };
      const reports = await Promise.all(
        Object.values(app.services.projections).map((projection) => checkSearchIndex(deps, projection)),
      );
      const drift = reports.some((report) => report.drift);
      res.status(drift ? 503 : 200).json({ drift, indexes: reports });
    } catch (error) {
      res
        .status(503)
        .json({ status: 'unavailable', error: error instanceof Error ? error.message : String(error) });
    }
  });

  expressApp.use(graphiqlRouter({ endpoint: '/graphql' }));
  expressApp.use('/graphql', rateLimiter.middleware);
  expressApp.use(
    '/graphql',
    express.json({ limit: BODY_LIMIT }),
    enterRequestScope,
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<Context> => {
        const principal = await principalFromAuthorization(req.get('authorization'), app.jwt).catch(
          (error: unknown) => {
            if (error instanceof AppError) {
              // A refused token fails the whole request with 401, never a partial answer.
              error.extensions['http'] = {
                status: 401,
                headers: new Map([['www-authenticate', 'Bearer error="invalid_token"']]),
              };
            }
            throw error;
          },
        );
        return {
          requestId: requestIdOf(res.locals),
          principal,
          logger: app.logger,
          app,
          loaders: createLoaders(app.services),
        };
      },
    }),
  );
  expressApp.use((_req, res) => {
    res.status(404).json({ errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] });
  });
  expressApp.use(jsonErrors(app.logger));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;

  let stopping: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${address.port}`,
    httpServer,
    stop: () => (stopping ??= apollo.stop()),
  };
}
