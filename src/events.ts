/**
 * Domain events on an in-process bus. Services publish after their writes; processors (the search
 * indexer, the search log) subscribe. An event is a wake-up call, not the record of the change: the
 * `searchPending` marker written in the same single-document write as the change is what
 * guarantees the indexer never misses one, also when no subscriber is running in this process.
 * A subscriber's failure is logged and never reaches the publisher.
 */
import type { Logger } from './logger.js';

/** Every event and its payload. */
export interface DomainEvents {
  /** An article was created or changed (any workflow action); `version` is its new version. */
  ArticleChanged: { id: string; version: number; action: string };
  /** Halls were created, changed, or imported (by code). */
  HallChanged: { codes: readonly string[] };
  /** A synonym set was created, changed or deleted. */
  SynonymsChanged: { id: string };
  /** A search was answered: what the search log keeps. */
  SearchPerformed: {
    query: string;
    normalised: string;
    role: string;
    channel: string | null;
    hits: number;
    latencyMs: number;
    degraded: boolean;
    at: Date;
  };
}

export type DomainEventName = keyof DomainEvents;

/** A subscriber; it may be async (its promise is awaited only by `settled`). */
export type EventHandler<Name extends DomainEventName> = (event: DomainEvents[Name]) => void | Promise<void>;

type AnyHandler = (event: never) => void | Promise<void>;

/** A typed publish/subscribe bus for one process. */
export class EventBus {
  private readonly handlers = new Map<DomainEventName, Set<AnyHandler>>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /** Calls `handler` for every `name` event from now on; returns the function that stops it. */
  subscribe<Name extends DomainEventName>(name: Name, handler: EventHandler<Name>): () => void {
    let set = this.handlers.get(name);
    if (!set) {
      set = new Set();
      this.handlers.set(name, set);
    }
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  }

  /**
   * Delivers an event to every subscriber, synchronously up to each one's first `await`. Never
   * throws: a subscriber's error (thrown or rejected) is logged with the event's name.
   */
  publish<Name extends DomainEventName>(name: Name, event: DomainEvents[Name]): void {
    for (const handler of this.handlers.get(name) ?? []) {
      try {
        const result = (handler as EventHandler<Name>)(event);
        if (result instanceof Promise) this.track(name, result);
      } catch (error) {
        this.logger.warn({ err: error, event: name }, 'an event subscriber failed');
      }
    }
  }

  private track(name: DomainEventName, result: Promise<void>): void {
    const tracked = result
      .catch((error: unknown) => this.logger.warn({ err: error, event: name }, 'an event subscriber failed'))
      .finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  /** Resolves when every async subscriber started so far has finished (shutdown, tests). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  /** How many subscribers `name` has (diagnostics and tests). */
  subscriberCount(name: DomainEventName): number {
    return this.handlers.get(name)?.size ?? 0;
  }
}
