/**
 * OpenTelemetry tracing as a collector sees it: a local OTLP/HTTP receiver (JSON) gets the spans of
 * one GraphQL request in one trace (HTTP server span -> GraphQL operation -> root resolver ->
 * MongoDB command / Meilisearch call), the indexer's push with its Meilisearch call, and the
 * request's log lines carry the trace id.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTracing } from '../../src/observability/tracing.js';
import type { TracingHandle } from '../../src/observability/tracing.js';
import { eventually } from '../helpers/eventually.js';
import { buildPublished } from '../helpers/factories.js';
import { waitForSearchSync } from '../helpers/search-sync.js';
import { startTestServer } from '../helpers/test-server.js';
import type { TestServer } from '../helpers/test-server.js';

interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: number | string; boolValue?: boolean };
}
interface OtlpRequest {
  resourceSpans: Array<{
    resource: { attributes: OtlpAttribute[] };
    scopeSpans: Array<{
      spans: Array<Omit<ExportedSpan, 'attributes'> & { attributes?: OtlpAttribute[] }>;
    }>;
  }>;
}

const spans: ExportedSpan[] = [];
const serviceNames = new Set<string>();
const receiver = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    if (req.method === 'POST' && req.url === '/v1/traces') {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpRequest;
      for (const resource of body.resourceSpans) {
        for (const attribute of resource.resource.attributes) {
          if (attribute.key === 'service.name') serviceNames.add(String(attribute.value.stringValue));
        }
        for (const scope of resource.scopeSpans) {
          for (const span of scope.spans) {
            const attributes: Record<string, unknown> = {};
            for (const { key, value } of span.attributes ?? []) {
              attributes[key] = value.stringValue ?? value.intValue ?? value.boolValue;
            }
            spans.push({ ...span, attributes });
          }
        }
      }
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});

const lines: Array<Record<string, unknown>> = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as never);
    done();
  },
});

let tracing: TracingHandle;
let server: TestServer;

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const { port } = receiver.address() as AddressInfo;
  tracing = await startTracing({
    endpoint: `http://127.0.0.1:${port}`,
    serviceName: 'channel-kb-test',
    instanceId: 'tracing-test',
    exportDelayMs: 100,
  });
  server = await startTestServer({}, { indexer: true, logDestination: sink });
  server.indexer?.nudge();
  await waitForSearchSync(server.app);
  // The index is created by a Meilisearch task the indexer does not wait on: until it is done, a
  // search is answered degraded. Search until it is not, then forget the spans of those searches.
  await eventually(async () => {
    const warm = await server.graphql<{ searchArticles: { degraded: boolean } }>(
      '{ searchArticles(query: "宽带", first: 1) { degraded } }',
    );
    expect(warm.body.data?.searchArticles.degraded).toBe(false);
  }, 60_000);
  await tracing.flush();
  spans.length = 0;
}, 120_000);
afterAll(async () => {
  await server.stop();
  await tracing.shutdown();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

/** The chain of names from `span` up to its trace's root. */
function ancestry(span: ExportedSpan, all: ExportedSpan[]): string[] {
  const names: string[] = [];
  for (let current: ExportedSpan | undefined = span; current;) {
    names.push(current.name);
    const parent: string | undefined = current.parentSpanId;
    current = parent ? all.find((each) => each.spanId === parent) : undefined;
  }
  return names;
}

describe('tracing (OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  it('exports one trace for a request: HTTP, the operation, its resolvers, their MongoDB and Meilisearch calls; its log lines carry the trace id', async () => {
    const agent = await server.tokenFor(['agent'], 'agent-traced');
    const answer = await server.graphql<{ searchArticles: { degraded: boolean } }>(
      'query DeskLookup { searchArticles(query: "宽带", first: 3) { totalHits degraded } articles(first: 2) { totalCount } }',
      {},
      { token: agent, headers: { 'x-request-id': 'traced-request-1' } },
    );
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data?.searchArticles.degraded).toBe(false);
    await tracing.flush();

    const serverSpan = await eventually(() => {
      const found = spans.find((span) => span.name === 'POST /graphql');
      expect(found).toBeDefined();
      return Promise.resolve(found as ExportedSpan);
    }, 10_000);
    expect(serviceNames).toContain('channel-kb-test');
    expect(serverSpan.parentSpanId ?? '').toBe('');
    expect(serverSpan.attributes['http.response.status_code']).toBe(200);
    const trace = spans.filter((span) => span.traceId === serverSpan.traceId);
    const named = (name: string) => trace.find((span) => span.name === name);

    const operation = named('query DeskLookup');
    expect(operation?.parentSpanId).toBe(serverSpan.spanId);
    expect(operation?.attributes['graphql.operation.name']).toBe('DeskLookup');
    const search = named('Query.searchArticles');
    const list = named('Query.articles');
    expect(search?.parentSpanId).toBe(operation?.spanId);
    expect(list?.parentSpanId).toBe(operation?.spanId);

    const mongo = trace.filter((span) => span.attributes['db.system.name'] === 'mongodb');
    expect(mongo.some((span) => ancestry(span, trace).includes('Query.articles'))).toBe(true);
    expect(mongo.every((span) => span.kind === 3)).toBe(true); // SPAN_KIND_CLIENT in OTLP
    const meili = trace.filter((span) => span.attributes['db.system.name'] === 'meilisearch');
    expect(meili.length).toBeGreaterThanOrEqual(1);
    expect(meili.some((span) => ancestry(span, trace).includes('Query.searchArticles'))).toBe(true);
    expect(meili.every((span) => !String(span.name).includes(server.app.config.meili.indexPrefix))).toBe(
      true,
    );

    // Every log line of the request names its trace (the access line at least).
    const requestLines = lines.filter((line) => line['requestId'] === 'traced-request-1');
    expect(requestLines.length).toBeGreaterThanOrEqual(1);
    for (const line of requestLines) expect(line['traceId']).toBe(serverSpan.traceId);
    expect(requestLines.find((line) => line['msg'] === 'request')?.['operation']).toBe('DeskLookup');
  }, 60_000);

  it("continues a caller's trace (traceparent)", async () => {
    const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    await server.graphql(
      'query FromPortal { __typename }',
      {},
      {
        headers: { traceparent: `00-${callerTrace}-00f067aa0ba902b7-01` },
      },
    );
    await tracing.flush();
    await eventually(() => {
      const span = spans.find((each) => each.name === 'POST /graphql' && each.traceId === callerTrace);
      expect(span?.parentSpanId).toBe('00f067aa0ba902b7');
      return Promise.resolve();
    }, 10_000);
  }, 30_000);

  it('traces the indexer pushing a published article, its Meilisearch call a child', async () => {
    await buildPublished(server);
    await waitForSearchSync(server.app);
    await tracing.flush();
    await eventually(() => {
      const pushes = spans.filter(
        (span) => span.name === 'search-index push' && span.attributes['search.index'] === 'articles',
      );
      expect(pushes.length).toBeGreaterThanOrEqual(1);
      const calls = spans.filter((span) => pushes.some((push) => span.parentSpanId === push.spanId));
      expect(calls.map((span) => span.name)).toContain('POST /indexes/:uid/documents');
      return Promise.resolve();
    }, 10_000);
  }, 90_000);
});
