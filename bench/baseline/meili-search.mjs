/**
 * What both floors of row 2 do with Meilisearch (search-forwarder.mjs, search-apollo.mjs): send a
 * multi-search body over a keep-alive connection with TCP_NODELAY, and reshape the answer's hits
 * as `searchArticles` shows them (the error-code lane first, each article once).
 *
 * Environment: MEILI_URL, MEILI_API_KEY.
 */
import http from 'node:http';

const target = new URL(process.env.MEILI_URL ?? '');
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
agent.on('socket', (socket) => socket.setNoDelay(true));

/** POSTs `body` (a multi-search, string or bytes) to Meilisearch; resolves to the parsed answer. */
export function multiSearch(body) {
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
          'content-length': Buffer.byteLength(body),
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

/** The first `first` hits of a multi-search answer (main query, then the lane), as edges. */
export function edgesOf({ results }, first) {
  const [main, lane] = results;
  const seen = new Set();
  const hits = [...(lane?.hits ?? []), ...main.hits].filter((hit) => !seen.has(hit.id) && seen.add(hit.id));
  return {
    main,
    edges: hits.slice(0, first).map((hit) => ({
      title: hit._formatted?.title_zh ?? hit._formatted?.title_en ?? '',
      snippet: hit._formatted?.body_zh ?? hit._formatted?.body_en ?? '',
      matchedErrorCodes: lane?.hits.includes(hit) ? hit.errorCodes : [],
      node: { id: hit.id, slug: hit.slug },
    })),
  };
}

/** Reads a request's body to its end, as text. */
export function textOf(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
