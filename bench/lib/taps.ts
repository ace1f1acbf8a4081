/**
 * Taps between the processes under test and the databases, run inside the bench process (whose CPU
 * is not what is measured): a MongoDB wire-protocol proxy that counts commands by name, and a
 * Meilisearch HTTP proxy that records the searches the service sends, so the raw baseline can replay
 * exactly them. Both the service and the baselines go through the same taps, so a tap's few tenths
 * of a millisecond are paid on both sides of every comparison.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

/** Commands the driver's server monitoring sends on its own connections (not the application's). */
const MONITORING = new Set(['hello', 'ismaster', 'isMaster']);
const OP_MSG = 2013;
const OP_QUERY = 2004;

export class CommandCounter {
  readonly byName = new Map<string, number>();
  total = 0;

  record(name: string): void {
    if (MONITORING.has(name)) return;
    this.total += 1;
    this.byName.set(name, (this.byName.get(name) ?? 0) + 1);
  }

  reset(): void {
    this.total = 0;
    this.byName.clear();
  }

  summary(): string {
    return [...this.byName].map(([name, count]) => `${name} ${count}`).join(', ');
  }
}

/** The first key of the BSON document at `offset`: a command's name. */
function firstKey(buffer: Buffer, offset: number): string {
  const start = offset + 5; // int32 size, element type byte
  const end = buffer.indexOf(0, start);
  return buffer.toString('utf8', start, end);
}

function commandName(message: Buffer): string | undefined {
  const opCode = message.readInt32LE(12);
  if (opCode === OP_MSG) {
    // flagBits (4 bytes), then sections; kind 0 holds the command document.
    let offset = 20;
    while (offset < message.length) {
      const kind = message[offset];
      if (kind === 0) return firstKey(message, offset + 1);
      offset += 1 + message.readInt32LE(offset + 1); // kind 1: int32 size covers the section
    }
    return undefined;
  }
  if (opCode === OP_QUERY) {
    const collectionEnd = message.indexOf(0, 20);
    return firstKey(message, collectionEnd + 1 + 8);
  }
  return undefined;
}

export interface MongoTap {
  /** The proxy's connection string (the upstream's query string kept). */
  uri: string;
  counter: CommandCounter;
  close(): Promise<void>;
}

/** Listens on a free loopback port and forwards to `upstreamUri`'s host, counting client->server commands. */
export async function startMongoTap(upstreamUri: string): Promise<MongoTap> {
  const upstream = new URL(upstreamUri);
  const counter = new CommandCounter();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const target = net.connect(Number(upstream.port || 27017), upstream.hostname);
    client.setNoDelay(true);
    target.setNoDelay(true);
    sockets.add(client).add(target);
    let pending: Buffer = Buffer.alloc(0);
    client.on('data', (chunk: Buffer) => {
      target.write(chunk);
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= 16) {
        const length = pending.readInt32LE(0);
        if (pending.length < length) break;
        const name = commandName(pending.subarray(0, length));
        if (name !== undefined) counter.record(name);
        pending = pending.subarray(length);
      }
    });
    target.pipe(client);
    const end = () => {
      client.destroy();
      target.destroy();
      sockets.delete(client);
      sockets.delete(target);
    };
    for (const socket of [client, target]) socket.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    uri: `mongodb://127.0.0.1:${port}/${upstream.search}`,
    counter,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface RecordedRequest {
  method: string;
  path: string;
  body: string;
}

export interface MeiliTap {
  url: string;
  /** Search requests (`/multi-search`, `/indexes/<uid>/search`) seen, newest last (the last 50). */
  searches: RecordedRequest[];
  close(): Promise<void>;
}

/** An HTTP proxy to Meilisearch that keeps the last searches it forwarded. */
export async function startMeiliTap(upstreamUrl: string): Promise<MeiliTap> {
  const upstream = new URL(upstreamUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const searches: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = req.url ?? '/';
      if (/\/(multi-search|search)(\?|$)/.test(path)) {
        searches.push({ method: req.method ?? 'POST', path, body: body.toString() });
        if (searches.length > 50) searches.shift();
      }
      const headers = { ...req.headers, host: upstream.host, 'content-length': String(body.length) };
      delete headers['transfer-encoding'];
      const forward = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path, headers, agent },
        (reply) => {
          res.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(res);
        },
      );
      forward.on('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
      });
      forward.end(body);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    searches,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        agent.destroy();
      }),
  };
}
