/**
 * The second floor of row 2 (bench/request-path.ts): the thinnest *GraphQL* service that answers the
 * bench's `searchArticles` through Meilisearch, on Apollo Server as the issue keeps it. A node:http
 * handler hands each POST to Apollo Server (defaults, except the per-field cache-control plugin and the
 * landing page, which the service turns off as well, and operations executed by graphql-jit, compiled
 * once per document, as the service executes them); the one resolver sends the multi-search the
 * service sent for the same query (recorded by the bench and primed here with `POST /prime`) over a
 * keep-alive connection and reshapes the hits as the forwarder does. No context, no auth, no limits,
 * no database, no logging: what Apollo's request pipeline and execution add to the
 * forwarder's hop, so that the service's own cost can be read off between the two floors.
 *
 * Environment: MEILI_URL, MEILI_API_KEY, PORT.
 */
import http from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSchema } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { edgesOf, multiSearch, textOf } from './meili-search.mjs';

/** The multi-search body the service sends for each query (primed by the bench). */
const primed = new Map();

const schema = buildSchema(`
  type Query { searchArticles(query: String!, first: Int): ArticleSearchConnection }
  type ArticleSearchConnection { totalHits: Int! processingTimeMs: Int! edges: [ArticleSearchEdge!]! }
  type ArticleSearchEdge { title: String! snippet: String! matchedErrorCodes: [String!]! node: Article! }
  type Article { id: ID! slug: String! }
`);
// The one resolver; every other field is read off the object as it is.
schema.getQueryType().getFields().searchArticles.resolve = async (_root, { query, first }) => {
  const body = primed.get(query);
  if (body === undefined) throw new Error(`not primed: ${query}`);
  const { main, edges } = edgesOf(await multiSearch(body), first ?? 10);
  return { totalHits: main.estimatedTotalHits, processingTimeMs: main.processingTimeMs, edges };
};
/** Compiled operations by parsed document (Apollo keeps parsed documents in its document store). */
const compiled = new WeakMap();
/** Apollo Server's gateway interface is how it takes another executor (as src/schema/jit-executor.ts). */
const gateway = {
  onSchemaLoadOrUpdate(callback) {
    callback({ apiSchema: schema, coreSupergraphSdl: '' });
    return () => undefined;
  },
  load: () =>
    Promise.resolve({
      executor: async ({ document, operationName, request, context }) => {
        let query = compiled.get(document);
        if (!query) {
          const result = compileQuery(schema, document, operationName ?? undefined);
          if (!isCompiledQuery(result)) return result;
          query = result;
          compiled.set(document, query);
        }
        return query.query(undefined, context, request.variables ?? {});
      },
    }),
  stop: () => Promise.resolve(),
};

const apollo = new ApolloServer({
  gateway,
  plugins: [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled()],
  csrfPrevention: false,
});
await apollo.start();

const server = http.createServer((req, res) => {
  textOf(req)
    .then(async (text) => {
      if (req.method === 'GET' && req.url === '/readyz') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ready"}');
        return;
      }
      if (req.method === 'POST' && req.url === '/prime') {
        const { query, body } = JSON.parse(text);
        primed.set(query, body);
        res.writeHead(204).end();
        return;
      }
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const answer = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'POST', headers, search: '', body: JSON.parse(text) },
        context: () => Promise.resolve({}),
      });
      if (answer.body.kind !== 'complete') throw new Error('incremental answers are not served here');
      for (const [name, value] of answer.headers) res.setHeader(name, value);
      res.statusCode = answer.status ?? 200;
      res.end(answer.body.string);
    })
    .catch((error) => {
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: String(error) }));
    });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
// Stopped with SIGTERM by the bench: exit normally, so that `--cpu-prof` writes its profile.
process.on('SIGTERM', () => process.exit(0));
