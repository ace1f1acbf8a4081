import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import express from 'express';
import proxyAddr from 'proxy-addr';
import { GraphQLError } from 'graphql';
import type { GraphQLFormattedError } from 'graphql';
import { principalFromAuthorization } from './auth/jwt.js';
import { isMongoUnavailable } from './db/mongo.js';
import { AppError, serviceUnavailable } from './errors.js';
import {
  domainErrorOf,
  languageOfError,
  noteErrorRequest,
  requestIdOfError,
  toGraphQLError,
} from './schema/errors.js';
import { DEFAULT_LANGUAGE, languageOf } from './i18n/language.js';
import { extensionsIn, messageIn, render, requestErrorIn } from './i18n/localize.js';
import { healthRouter } from './http/health.js';
import { createMetrics, listenMetrics, metricsRouter } from './http/metrics.js';
import type { MetricsServer, ServiceMetrics } from './http/metrics.js';
import { accessFactsOf, accessLogger } from './http/access-log.js';
import type { AccessFacts } from './http/access-log.js';
import type { CallMetrics } from './observability/call-metrics.js';
import { operationSpans, traceRootResolvers } from './observability/graphql-tracing.js';
import type { OperationSpans } from './observability/graphql-tracing.js';
import { traceHttpRequest, tracingEnabled } from './observability/tracing.js';
import { createRateLimiter } from './http/rate-limit.js';
import type { RateLimiter, RateLimits } from './http/rate-limit.js';
import { markUnavailable } from './http/unavailable.js';
import { graphiqlRouter } from './http/graphiql.js';
import { consoleRouter } from './http/console.js';
import { securityHeaderList, securityHeaders } from './http/security-headers.js';
import { graphqlFastPath } from './http/graphql-fast-path.js';
import { expressGraphQL, setCacheControl } from './http/graphql-answer.js';
import type { RequestFacts } from './http/graphql-fast-path.js';
import {
  answerClientErrors,
  graphqlBodyParser,
  graphqlMethods,
  queryLengthLimit,
} from './http/request-limits.js';
import { assignRequestId, cors, jsonErrors, requestIdOf, routeNotFoundAnswer } from './http/middleware.js';
import { clientOf, verifiedPrincipalOf } from './http/rate-limit.js';
import type { Logger } from './logger.js';
import { buildSchema } from './schema/index.js';
import { jitExecutor } from './schema/jit-executor.js';
import { MAX_TOKENS, operationLimitError } from './schema/limits.js';
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

export interface RunningServer {
  /** The base URL, e.g. http://127.0.0.1:4000 (the real port when started on port 0). */
  url: string;
  httpServer: http.Server;
  /** The metrics port's base URL (METRICS_PORT), e.g. http://127.0.0.1:9464; undefined: /metrics on `url`. */
  metricsUrl: string | undefined;
  /** Stops accepting connections, lets in-flight requests finish, then stops Apollo. */
  stop(): Promise<void>;
}

/**
 * Keeps expected errors as they are and masks everything else: the client gets a generic message
 * and the request id, the log gets the real error. MongoDB being unreachable or too slow is not a
 * bug: it becomes SERVICE_UNAVAILABLE (retry later; HTTP 503 when the whole request failed for it).
 */
export function maskError(logger: Logger) {
  // Messages answered in English to a Chinese caller for want of a catalogue entry, logged once each.
  const untranslated = new Set<string>();
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const domain = domainErrorOf(error);
    const noted = languageOfError(error);
    const language = noted ?? DEFAULT_LANGUAGE;
    if (domain) {
      // The GraphQL edge of a domain error: its message and the reasons of its fields in the
      // caller's language, its details with its stable code (the same in every language).
      const message = messageIn(domain, language);
      if (language !== 'en' && message === domain.message && untranslated.size < 1000) {
        if (!untranslated.has(message)) logger.warn({ message }, 'message without Chinese in the catalogue');
        untranslated.add(message);
      }
      return {
        message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: extensionsIn(domain, language),
      };
    }
    const original = unwrapResolverError(error);
    const code = formatted.extensions?.['code'];
    // graphql-js's and Apollo's request errors in the caller's language; one Apollo raises before
    // the request has a context (a malformed POST body, CSRF) has no language noted: it stays as
    // written, in English, for it comes from a program, not from a person at a form.
    const requestError = (answer: GraphQLFormattedError) =>
      noted === undefined ? answer : requestErrorIn(answer, noted);
    if (original instanceof GraphQLError && typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
      return requestError(formatted);
    }
    // graphql-js's and Apollo's own request errors (too many bad variables, an operation type the
    // schema lacks, a persisted-query hash mismatch) carry no code of their own and no resolver
    // path: they describe the request, so the caller gets them as BAD_REQUEST.
    if (
      original instanceof GraphQLError &&
      original.extensions['code'] === undefined &&
      original.originalError === undefined &&
      formatted.path === undefined
    ) {
      return requestError({ ...formatted, extensions: { ...formatted.extensions, code: 'BAD_REQUEST' } });
    }
    const requestId = requestIdOfError(error) ?? 'unknown';
    const where = {
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
    };
    if (isMongoUnavailable(original)) {
      logger.warn(
        { err: original, requestId, path: formatted.path },
        'MongoDB is unavailable: answered SERVICE_UNAVAILABLE',
      );
      const unavailable = serviceUnavailable();
      return {
        message: messageIn(unavailable, language),
        ...where,
        extensions: { code: unavailable.code, requestId },
      };
    }
    logger.error(
      { err: original, requestId, path: formatted.path },
      'unexpected error (masked for the client)',
    );
    return {
      message: render('internal', undefined, language),
      ...where,
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId },
    };
  };
}

/**
 * The service's request hooks in one Apollo plugin: the anonymous mutation budget and the operation
 * limits once the operation is resolved (in that order), the request id noted on each error (formatError
 * is not told the request, see maskError), and 503 for a request that failed only for an outage.
 */
function requestHooks(
  rateLimiter: RateLimiter,
  metrics: ServiceMetrics,
  access: WeakMap<Context['loaders'], AccessFacts>,
  spans: OperationSpans<Context> | undefined,
): ApolloServerPlugin<Context> {
  // When each request started (for the latency histogram), by its context: the listener is shared.
  const startedAt = new WeakMap<Context, number>();
  const listener: GraphQLRequestListener<Context> = {
    didResolveOperation: (requestContext) => {
      const facts = access.get(requestContext.contextValue.loaders);
      if (facts && requestContext.operationName) facts.operation = requestContext.operationName;
      spans?.name(
        requestContext.contextValue,
        requestContext.operation?.operation,
        requestContext.operationName,
      );
      const refused = rateLimiter.checkOperation(requestContext) ?? operationLimitError(requestContext);
      return refused ? Promise.reject(refused) : Promise.resolve();
    },
    didEncounterErrors: ({ errors, contextValue }) => {
      for (const error of errors) noteErrorRequest(error, contextValue.requestId, contextValue.language);
      return Promise.resolve();
    },
    willSendResponse: (requestContext) => {
      const { response, contextValue, operation, operationName } = requestContext;
      markUnavailable(response);
      setCacheControl(requestContext);
      const errors = response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
      const codes = (errors ?? []).map((error) => {
        const code = error.extensions?.['code'];
        return typeof code === 'string' ? code : 'UNKNOWN';
      });
      for (const code of codes) metrics.graphqlError(code);
      spans?.end(contextValue, codes);
      const started = startedAt.get(contextValue);
      metrics.graphqlRequest(
        operationName,
        operation?.operation ?? 'unknown',
        codes[0] ?? 'ok',
        started === undefined ? 0 : (performance.now() - started) / 1000,
      );
      return Promise.resolve();
    },
  };
  const listening = Promise.resolve(listener);
  return {
    requestDidStart: ({ contextValue }) => {
      startedAt.set(contextValue, performance.now());
      spans?.start(contextValue);
      return listening;
    },
  };
}

/** What a server serves: the app, and its call metrics when it has some (src/app.ts's OpenApp does). */
export type ServedApp = AppDeps & { calls?: CallMetrics | undefined };

/** The route of a span's name: the known endpoints by name, anything else as `/*` (bounded). */
function routeOf(url: string): string {
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  return path === '/graphql' || path === '/metrics' || path === '/healthz' || path === '/readyz'
    ? path
    : '/*';
}

/** A server built (schema, Apollo started, routes mounted) but not yet listening. */
export interface PreparedServer {
  /** Listens on `port` (0 = any free port). @throws when the port cannot be bound. */
  listen(port: number, host: string): Promise<RunningServer>;
  /** Stops Apollo (and the HTTP server, if listening); idempotent. */
  stop(): Promise<void>;
}

/**
 * Builds the HTTP app (GraphQL, GraphiQL, probes) and listens on `port` (0 = any free port);
 * `options.rateLimits` replaces the default abuse limits (see src/http/rate-limit.ts).
 * @throws when the port cannot be bound.
 */
export async function startServer(
  app: ServedApp,
  port: number,
  host: string,
  options: { rateLimits?: RateLimits } = {},
): Promise<RunningServer> {
  return (await prepareServer(app, options)).listen(port, host);
}

/**
 * Builds the HTTP app (GraphQL, GraphiQL, probes) without listening yet, so that start-up can do it
 * while the database is seeded; see startServer.
 */
export async function prepareServer(
  app: ServedApp,
  options: { rateLimits?: RateLimits } = {},
): Promise<PreparedServer> {
  const metrics = createMetrics(app);
  const rateLimiter = createRateLimiter({
    limits: options.rateLimits ?? app.config.rateLimits,
    jwt: app.jwt,
    logger: app.logger,
    onRefusal: (budget) => metrics.rateLimited(budget),
  });
  const expressApp = express();
  expressApp.disable('x-powered-by');
  // No ETag from Express (a sha1 of every answer): GraphQL answers get one only when cacheable
  // (src/http/graphql-answer.ts), as Cache-Control decides per operation.
  expressApp.set('etag', false);
  if (app.config.trustProxy !== undefined) expressApp.set('trust proxy', app.config.trustProxy);
  // POST /graphql with a plain JSON body skips Express (src/http/graphql-fast-path.ts); the rest,
  // and any request it declines, goes through the Express app below. `fastPath` is set once Apollo
  // has started, before the server listens.
  const routes: { fastPath?: (req: http.IncomingMessage, res: http.ServerResponse) => boolean } = {};
  const serve = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    if (routes.fastPath?.(req, res)) return;
    expressApp(req, res);
  };
  // Tracing on: every request in a server span (continuing a caller's `traceparent`), both paths.
  const tracing = tracingEnabled();
  const httpServer = http.createServer(
    tracing
      ? (req, res) =>
          traceHttpRequest(
            req.headers,
            req.method ?? 'GET',
            routeOf(req.url ?? ''),
            (listener) => res.once('close', listener),
            () => res.statusCode,
            () => serve(req, res),
          )
      : serve,
  );
  answerClientErrors(httpServer);

  // The access line's facts of each request, for the hooks to add its operation name. Keyed by the
  // request's loaders: Apollo hands its hooks a shallow copy of the context, never the context itself.
  const accessOfContext = new WeakMap<Context['loaders'], AccessFacts>();
  const spans = tracing ? operationSpans<Context>() : undefined;
  const plugins: ApolloServerPlugin<Context>[] = [
    ApolloServerPluginDrainHttpServer({ httpServer }),
    ApolloServerPluginLandingPageDisabled(),
    // Apollo's default cache-control plugin hooks every field (about a fifth of the server's CPU
    // here) and does not see graphql-jit's execution: the cache policy is computed per operation
    // from the hints in src/schema/cache-policy.ts instead (setCacheControl below).
    ApolloServerPluginCacheControlDisabled(),
    // The service's own request hooks, as one listener shared by every request (none keeps state):
    // each listener Apollo is given costs promises on every hook of every request.
    requestHooks(rateLimiter, metrics, accessOfContext, spans),
  ];
  const apollo = new ApolloServer<Context>({
    // graphql-jit executes (src/schema/jit-executor.ts); the rest of Apollo's pipeline is unchanged.
    // Tracing on: root resolvers in spans, execution inside the operation's span.
    gateway: spans
      ? spans.around(jitExecutor(traceRootResolvers(buildSchema())))
      : jitExecutor(buildSchema()),
    plugins,
    formatError: (formatted, error) => maskError(app.logger)(formatted, error),
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: MAX_TOKENS },
    // Auth is by bearer token only, never by cookie, so a cross-site request carries no
    // credentials: Apollo's CSRF header requirement would only break plain GET queries.
    csrfPrevention: false,
    introspection: app.config.introspection,
    logger: app.logger,
    // main.ts handles SIGINT/SIGTERM (drain, then close clients and embedded services); Apollo's own
    // handler would stop it and send the signal again, which ends the process before those cleanups.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  /** The context of one GraphQL request (fresh loaders; the token verified once per request). */
  const contextFor = async (facts: RequestFacts): Promise<Context> => {
    const { requestId } = facts;
    const verified = facts.principal ?? principalFromAuthorization(facts.authorization, app.jwt);
    const principal = await verified.catch((error: unknown) => {
      // A refused token fails the whole request with 401, never a partial answer.
      if (error instanceof AppError) {
        // Only a refused token asks for another (an unreachable OIDC provider is a 503, not a bad token).
        const challenge: Array<[string, string]> =
          error.code === 'UNAUTHENTICATED' ? [['www-authenticate', 'Bearer error="invalid_token"']] : [];
        const refusal = toGraphQLError(error, challenge);
        noteErrorRequest(refusal, requestId, facts.language);
        throw refusal;
      }
      noteErrorRequest(error, requestId, facts.language);
      throw error;
    });
    const context: Context = {
      requestId,
      client: facts.client,
      principal,
      language: facts.language,
      logger: app.logger,
      services: app.services,
      loaders: createLoaders(app.services),
    };
    if (facts.access) {
      if (!principal.isPublic) facts.access.sub = principal.id;
      accessOfContext.set(context.loaders, facts.access);
    }
    return context;
  };
  const accessLog = accessLogger(app.logger);
  // Express's own `req.ip` (proxy-addr with the compiled `trust proxy` setting).
  const trustProxy = expressApp.get('trust proxy fn') as Parameters<typeof proxyAddr>[1];
  routes.fastPath = graphqlFastPath({
    apollo,
    contextFor,
    securityHeaders: securityHeaderList(),
    corsOrigins: app.config.corsOrigins,
    rateLimiter,
    clientAddress: (req) => proxyAddr(req, trustProxy),
    logger: app.logger,
    accessLog,
  });

  expressApp.use(securityHeaders());
  expressApp.use(assignRequestId);
  expressApp.use((req, res, next) => {
    accessLog(req, res, requestIdOf(res.locals));
    next();
  });
  expressApp.use(cors(app.config.corsOrigins));

  expressApp.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  expressApp.use(healthRouter(app));

  if (app.config.graphiql) expressApp.use(graphiqlRouter({ endpoint: '/graphql' }));
  expressApp.use('/graphql', rateLimiter.middleware);
  expressApp.use(
    '/graphql',
    graphqlMethods,
    graphqlBodyParser(),
    queryLengthLimit,
    // Apollo's Express integration, written through the same answer writer as the fast path
    // (Cache-Control, ETag and 304, compression).
    expressGraphQL(apollo, (req, res) =>
      contextFor({
        requestId: requestIdOf(res.locals),
        authorization: req.get('authorization'),
        client: clientOf(res.locals),
        principal: verifiedPrincipalOf(res.locals),
        language: languageOf(req.headers['accept-language']),
        access: accessFactsOf(res),
      }),
    ),
  );
  // With a metrics port, /metrics is served there only (see listen).
  if (app.config.metricsToken !== undefined && app.config.metricsPort === undefined) {
    expressApp.use(metricsRouter(metrics, app.config.metricsToken));
  }
  expressApp.use(consoleRouter(app));
  expressApp.use((req, res) => {
    res
      .status(404)
      .type('application/json')
      .send(routeNotFoundAnswer(languageOf(req.headers['accept-language'])));
  });
  expressApp.use(jsonErrors(app.logger));

  let metricsServer: MetricsServer | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= apollo
      .stop()
      .then(() => metricsServer?.close())
      .finally(() => metrics.close()));
  return {
    stop,
    listen: async (port, host) => {
      const metricsPort = app.config.metricsPort;
      if (metricsPort) {
        metricsServer = await listenMetrics(metrics, { ...metricsPort, token: app.config.metricsToken });
      }
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          resolve();
        });
      });
      const address = httpServer.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      return { url: `http://${shownHost}:${address.port}`, httpServer, metricsUrl: metricsServer?.url, stop };
    },
  };
}
