/**
 * OpenTelemetry tracing, off unless OTEL_EXPORTER_OTLP_ENDPOINT is set. When off, nothing of
 * OpenTelemetry is loaded (the SDK and the API come in by dynamic import in `startTracing`) and
 * every hook below is one read of `active` that finds it undefined.
 *
 * When on: a Node tracer provider (AsyncLocalStorage context, W3C trace-context propagation) with a
 * batching OTLP/HTTP (JSON) exporter. Spans are made by hand at the service's own seams, not by
 * monkey-patching instrumentations: the HTTP server (src/server.ts), the GraphQL operation and root
 * resolvers (src/observability/graphql-tracing.ts), MongoDB commands (the driver's command
 * monitoring, src/db/monitoring.ts), Meilisearch calls (src/platform/meilisearch.ts) and the
 * indexer's pushes. Log lines written inside a span carry its `traceId` and `spanId` (src/logger.ts).
 */
import type * as OtelApi from '@opentelemetry/api';
import type { Attributes, Span, SpanKind, Tracer } from '@opentelemetry/api';

type Api = typeof OtelApi;

interface ActiveTracing {
  api: Api;
  tracer: Tracer;
  provider: { forceFlush(): Promise<void>; shutdown(): Promise<void> };
}

let active: ActiveTracing | undefined;

export type { Span };

/** Running tracing: what main.ts stops on shutdown and tests flush. */
export interface TracingHandle {
  /** Exports every ended span now. */
  flush(): Promise<void>;
  /** Exports what is left and turns tracing off. */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /** OTLP/HTTP base URL (spans go to `${endpoint}/v1/traces`), as OTEL_EXPORTER_OTLP_ENDPOINT. */
  endpoint: string;
  serviceName: string;
  /** This instance's name (service.instance.id). */
  instanceId: string;
  /** Longest wait before a batch of spans is exported (default 2 s). */
  exportDelayMs?: number;
}

/**
 * Loads the OpenTelemetry SDK and starts exporting spans to `options.endpoint` (idempotent: a second
 * call returns a handle on the first). @throws when the SDK cannot be loaded.
 */
export async function startTracing(options: TracingOptions): Promise<TracingHandle> {
  if (!active) {
    const [api, node, base, exporterModule, resources] = await Promise.all([
      import('@opentelemetry/api'),
      import('@opentelemetry/sdk-trace-node'),
      import('@opentelemetry/sdk-trace-base'),
      import('@opentelemetry/exporter-trace-otlp-http'),
      import('@opentelemetry/resources'),
    ]);
    const exporter = new exporterModule.OTLPTraceExporter({
      url: `${options.endpoint.replace(/\/+$/, '')}/v1/traces`,
    });
    const provider = new node.NodeTracerProvider({
      resource: resources.resourceFromAttributes({
        'service.name': options.serviceName,
        'service.instance.id': options.instanceId,
      }),
      spanProcessors: [
        new base.BatchSpanProcessor(exporter, { scheduledDelayMillis: options.exportDelayMs ?? 2_000 }),
      ],
    });
    // The AsyncLocalStorage context manager and the W3C trace-context propagator, globally.
    provider.register();
    active = { api, tracer: api.trace.getTracer('channel-kb'), provider };
  }
  const current = active;
  return {
    flush: () => current.provider.forceFlush(),
    shutdown: async () => {
      if (active !== current) return;
      active = undefined;
      await current.provider.shutdown();
      current.api.trace.disable();
      current.api.context.disable();
      current.api.propagation.disable();
    },
  };
}

/** Whether spans are being made. */
export function tracingEnabled(): boolean {
  return active !== undefined;
}

/** The span kinds used here (the API's enum values, so that callers need not load the API). */
export const KIND = { INTERNAL: 0, SERVER: 1, CLIENT: 2 } as const satisfies Record<string, SpanKind>;

/** A new span, child of the active one; undefined when tracing is off. */
export function startSpan(name: string, kind: SpanKind, attributes?: Attributes): Span | undefined {
  return active?.tracer.startSpan(name, { kind, ...(attributes ? { attributes } : {}) });
}

/** Runs `work` with `span` as the active span (so spans and log lines inside are its children). */
export function withSpan<T>(span: Span | undefined, work: () => T): T {
  if (!active || !span) return work();
  const { api } = active;
  return api.context.with(api.trace.setSpan(api.context.active(), span), work);
}

/** Ends `span`, marked as an error when `error` is given (the exception recorded). */
export function endSpan(span: Span | undefined, error?: unknown): void {
  if (!span) return;
  if (error !== undefined) failSpan(span, error);
  span.end();
}

/** Marks `span` as failed (status ERROR, the exception recorded). */
export function failSpan(span: Span, error: unknown): void {
  if (error instanceof Error) span.recordException(error);
  span.setStatus({ code: 2, message: error instanceof Error ? error.message : String(error) });
}

/** Runs async `work` inside a new span (a no-op wrapper when tracing is off). */
export async function inSpan<T>(name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  const span = startSpan(name, KIND.INTERNAL, attributes);
  if (!span) return work();
  try {
    const result = await withSpan(span, work);
    span.end();
    return result;
  } catch (error) {
    endSpan(span, error);
    throw error;
  }
}

/**
 * A server span for an incoming HTTP request, continuing the caller's trace when it sent a
 * `traceparent` header, and `handle` run inside it; the span ends when the response closes.
 */
export function traceHttpRequest(
  headers: Record<string, string | string[] | undefined>,
  method: string,
  route: string,
  onClose: (listener: () => void) => void,
  statusOf: () => number,
  handle: () => void,
): void {
  if (!active) {
    handle();
    return;
  }
  const { api, tracer } = active;
  const parent = api.propagation.extract(api.context.active(), headers);
  const span = tracer.startSpan(
    `${method} ${route}`,
    { kind: KIND.SERVER, attributes: { 'http.request.method': method, 'http.route': route } },
    parent,
  );
  onClose(() => {
    const status = statusOf();
    span.setAttribute('http.response.status_code', status);
    if (status >= 500) span.setStatus({ code: 2 });
    span.end();
  });
  api.context.with(api.trace.setSpan(parent, span), handle);
}

const NO_TRACE = Object.freeze({});

/** The active span's ids for a log line (`traceId`, `spanId`), or nothing outside a span. */
export function traceFields(): Record<string, string> {
  if (!active) return NO_TRACE;
  const span = active.api.trace.getSpan(active.api.context.active());
  if (!span) return NO_TRACE;
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}
