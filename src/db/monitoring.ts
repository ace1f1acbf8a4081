/**
 * What the MongoDB driver's command monitoring (`monitorCommands: true`) is used for: the latency
 * and failures of every command (src/observability/call-metrics.ts, from the duration the driver
 * measured) and, when tracing is on, a client span per command. The span carries the collection;
 * the metrics only the command name (bounded labels).
 */
import type { CommandFailedEvent, CommandStartedEvent, CommandSucceededEvent, MongoClient } from 'mongodb';
import type { CallMetrics } from '../observability/call-metrics.js';
import { KIND, endSpan, startSpan, tracingEnabled } from '../observability/tracing.js';
import type { Span } from '../observability/tracing.js';

/**
 * Subscribes to `client`'s command events (the client must have been made with
 * `monitorCommands: true`); returns the unsubscribe function.
 */
export function monitorMongoCalls(client: MongoClient, calls: CallMetrics): () => void {
  // Spans of the commands under way, by the driver's request id (unique in the process).
  const spans = new Map<number, Span>();
  const started = (event: CommandStartedEvent): void => {
    if (!tracingEnabled()) return;
    const target: unknown = event.command[event.commandName];
    const collection = typeof target === 'string' ? target : undefined;
    const span = startSpan(
      collection ? `${event.commandName} ${collection}` : event.commandName,
      KIND.CLIENT,
      {
        'db.system.name': 'mongodb',
        'db.operation.name': event.commandName,
        'db.namespace': event.databaseName,
        ...(collection ? { 'db.collection.name': collection } : {}),
      },
    );
    if (span) spans.set(event.requestId, span);
  };
  const succeeded = (event: CommandSucceededEvent): void => {
    calls.mongoCommand(event.commandName, event.duration, false);
    if (spans.size === 0) return;
    endSpan(spans.get(event.requestId));
    spans.delete(event.requestId);
  };
  const failed = (event: CommandFailedEvent): void => {
    calls.mongoCommand(event.commandName, event.duration, true);
    if (spans.size === 0) return;
    endSpan(spans.get(event.requestId), event.failure);
    spans.delete(event.requestId);
  };
  client.on('commandStarted', started);
  client.on('commandSucceeded', succeeded);
  client.on('commandFailed', failed);
  return () => {
    client.off('commandStarted', started);
    client.off('commandSucceeded', succeeded);
    client.off('commandFailed', failed);
  };
}
