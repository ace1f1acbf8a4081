/**
 * The floor of row 2 (bench/request-path.ts): the thinnest service that answers a search through
 * Meilisearch. A hand-written node:http handler takes a POSTed multi-search body (the one the service
 * sent for the same query, recorded by the bench), sends it to Meilisearch over a keep-alive
 * connection, parses the answer and replies with the hits reshaped as `searchArticles` answers them
 * (title, snippet, id, slug). No GraphQL, no validation, no database: what one extra HTTP hop and a
 * JSON reshape cost on this machine, beside which the service's own overhead can be read.
 *
 * Environment: MEILI_URL, MEILI_API_KEY, PORT.
 */
import http from 'node:http';

const target = new URL(process.env.MEILI_URL ?? '');
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
agent.on('socket', (socket) => socket.setNoDelay(true));

function multiSearch(body) {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: '/multi-search',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': body.length,
          authorization: `Bearer ${process.env.MEILI_API_KEY ?? ''}`,
        },
      },
      (response) => {
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    if (req.method === 'GET' && req.url === '/readyz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ready"}');
      return;
    }
    if (req.url === '/graphql' && req.method === 'POST' && body.includes('__typename')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"__typename":"Query"}}');
      return;
    }
    multiSearch(body)
      .then(({ results }) => {
        const [main, lane] = results;
        const seen = new Set();
        const hits = [...(lane?.hits ?? []), ...main.hits].filter(
          (hit) => !seen.has(hit.id) && seen.add(hit.id),
        );
        const edges = hits.slice(0, 10).map((hit) => ({
          title: hit._formatted?.title_zh ?? hit._formatted?.title_en ?? '',
          snippet: hit._formatted?.body_zh ?? hit._formatted?.body_en ?? '',
          node: { id: hit.id, slug: hit.slug },
        }));
        const answer = { data: { searchArticles: { totalHits: main.estimatedTotalHits, edges } } };
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      })
      .catch((error) => {
        res
          .writeHead(502, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: String(error) }));
      });
  });
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
// Stopped with SIGTERM by the bench: exit normally, so that `--cpu-prof` writes its profile.
process.on('SIGTERM', () => process.exit(0));
