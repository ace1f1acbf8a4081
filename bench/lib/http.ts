/** A lean keep-alive HTTP client (node:http), so the load generator costs little and adds no Nagle waits. */
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

export interface Reply {
  status: number;
  body: Buffer;
  /** Wall time from sending to the last byte, ms. */
  ms: number;
}

export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  const started = performance.now();
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        agent,
        method: options.method ?? (body ? 'POST' : 'GET'),
        headers: { ...options.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks),
            ms: performance.now() - started,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export async function json<T>(url: string, options: Parameters<typeof request>[1] = {}): Promise<T> {
  const reply = await request(url, options);
  if (reply.status >= 400)
    throw new Error(`${url}: HTTP ${reply.status} ${reply.body.toString().slice(0, 300)}`);
  return JSON.parse(reply.body.toString()) as T;
}

export interface GraphQLReply<T> {
  data: T;
  ms: number;
}

/** Sends one GraphQL operation; throws on HTTP failure or on any GraphQL error. */
export async function graphql<T>(
  endpoint: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLReply<T>> {
  const reply = await request(endpoint, {
    body: JSON.stringify({ query, variables }),
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  });
  let parsed: { data?: T; errors?: unknown[] };
  try {
    parsed = JSON.parse(reply.body.toString()) as typeof parsed;
  } catch {
    throw new Error(`HTTP ${reply.status}: ${reply.body.toString().slice(0, 300)}`);
  }
  if (parsed.errors?.length || parsed.data === undefined) {
    throw new Error(`GraphQL errors (HTTP ${reply.status}): ${JSON.stringify(parsed.errors).slice(0, 500)}`);
  }
  return { data: parsed.data, ms: reply.ms };
}

/** Runs `task` from `clients` concurrent loops until `done()` says stop; returns how many ran. */
export async function load(
  clients: number,
  done: () => boolean,
  task: () => Promise<unknown>,
): Promise<number> {
  let count = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (!done()) {
        await task();
        count += 1;
      }
    }),
  );
  return count;
}
