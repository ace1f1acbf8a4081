/**
 * The floor of row 2 (bench/request-path.ts): the thinnest service that answers a search through
 * Meilisearch. A hand-written node:http handler takes a POSTed multi-search body (the one the service
 * sent for the same query, recorded by the bench), sends it to Meilisearch over a keep-alive
 * connection, parses the answer and replies with the hits reshaped as `searchArticles` answers them
 * (title, snippet, matched codes, id, slug). No GraphQL, no validation, no database: what one extra HTTP hop and a
 * JSON reshape cost on this machine, beside which the service's own overhead can be read.
 *
 * Environment: MEILI_URL, MEILI_API_KEY, PORT.
 */
import http from 'node:http';
import { edgesOf, multiSearch, textOf } from './meili-search.mjs';

const server = http.createServer((req, res) => {
  textOf(req)
    .then(async (body) => {
      if (req.method === 'GET' && req.url === '/readyz') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ready"}');
        return;
      }
      if (req.url === '/graphql' && req.method === 'POST' && body.includes('__typename')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"__typename":"Query"}}');
        return;
      }
      const { main, edges } = edgesOf(await multiSearch(body), 10);
      const answer = {
        data: {
          searchArticles: {
            totalHits: main.estimatedTotalHits,
            processingTimeMs: main.processingTimeMs,
            edges,
          },
        },
      };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    })
    .catch((error) => {
      res
        .writeHead(502, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: String(error) }));
    });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
// Stopped with SIGTERM by the bench: exit normally, so that `--cpu-prof` writes its profile.
process.on('SIGTERM', () => process.exit(0));
