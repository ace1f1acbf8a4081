/**
 * The service's Meilisearch transport (src/platform/meilisearch.ts) against the real engine: it keeps
 * connections alive, answers what `fetch` answered, keeps Meilisearch's error codes reachable,
 * honours the client's timeout, and leaves no listener behind on a caller's abort signal.
 */
import { getEventListeners } from 'node:events';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MeilisearchRequestTimeOutError } from 'meilisearch';
import { createMeiliClient, meiliErrorCode } from '../../src/platform/meilisearch.js';
import { testEndpoints } from '../helpers/env.js';

let proxy: net.Server;
let connections = 0;
const open = new Set<net.Socket>();
const endpoints = testEndpoints();
const target = new URL(endpoints.meiliUrl);

beforeAll(async () => {
  // Counts the TCP connections the client opens to Meilisearch.
  proxy = net.createServer((client) => {
    connections += 1;
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.once('close', () => open.delete(socket));
    }
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  for (const socket of open) socket.destroy();
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
});

describe('the Meilisearch transport', () => {
  it('sends 30 sequential calls over one kept-alive connection', async () => {
    const port = (proxy.address() as AddressInfo).port;
    const client = createMeiliClient({
      host: `http://127.0.0.1:${port}`,
      apiKey: endpoints.meiliApiKey,
      timeout: 5_000,
    });
    const before = connections;
    for (let call = 0; call < 30; call += 1) {
      const health = await client.health();
      expect(health).toEqual({ status: 'available' });
    }
    expect(connections - before).toBe(1);
  });

  it("keeps Meilisearch's error code reachable (index_not_found)", async () => {
    const client = createMeiliClient({
      host: endpoints.meiliUrl,
      apiKey: endpoints.meiliApiKey,
      timeout: 5_000,
    });
    const error = await client
      .index('no-such-index-transport-test')
      .getStats()
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(meiliErrorCode(error)).toBe('index_not_found');
    const wrongKey = createMeiliClient({ host: endpoints.meiliUrl, apiKey: 'not-the-key', timeout: 5_000 });
    const refused = await wrongKey.getIndexes().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(meiliErrorCode(refused)).toBe('invalid_api_key');
  });

  it('gives up after the timeout on a server that never answers', async () => {
    const held: net.Socket[] = [];
    const silent = net.createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      const client = createMeiliClient({ host: `http://127.0.0.1:${port}`, timeout: 300 });
      const started = performance.now();
      const error = await client.health().then(
        () => undefined,
        (caught: unknown) => caught,
      );
      // meilisearch-js reports a timeout as a request error caused by a timeout, as it does over fetch.
      expect((error as Error).cause).toBeInstanceOf(MeilisearchRequestTimeOutError);
      expect(performance.now() - started).toBeLessThan(5_000);
    } finally {
      for (const socket of held) socket.destroy();
      silent.close();
    }
  });

  it('leaves no abort listener behind on a signal shared by many calls (as task polling does)', async () => {
    const client = createMeiliClient({
      host: endpoints.meiliUrl,
      apiKey: endpoints.meiliApiKey,
      timeout: 5_000,
    });
    const { taskUid } = await client
      .health()
      .then(() => client.createIndex(`transport-listeners-${Date.now()}`));
    // meilisearch-js's waitTask polls getTask with one signal for the whole wait: every poll used
    // to leave a listener on it (MaxListenersExceededWarning after 11 polls).
    const shared = new AbortController();
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      for (let poll = 0; poll < 30; poll += 1) {
        const task = await client.tasks.getTask(taskUid, { signal: shared.signal });
        expect(task.uid).toBe(taskUid);
        expect(getEventListeners(shared.signal, 'abort').length).toBe(0);
      }
      // A failing call (an unknown task) cleans up too.
      await expect(client.tasks.getTask(2 ** 31, { signal: shared.signal })).rejects.toThrow();
      expect(getEventListeners(shared.signal, 'abort').length).toBe(0);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
