import {
  MongoClient,
  MongoNetworkError,
  MongoOperationTimeoutError,
  MongoServerError,
  MongoServerSelectionError,
  MongoTopologyClosedError,
} from 'mongodb';
import type { Db, MongoClientOptions } from 'mongodb';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * How long the driver waits before it gives up on an unresponsive MongoDB, so that a stalled or
 * unreachable server fails a request in seconds instead of hanging it (about 50 s before). Driver v7
 * ignores the client-level `timeoutMS` (deprecated "with no effect"), so the classic options bound
 * it. A stalled read is retried once on a new connection, so it fails after about
 * socket + 2 x connect = 8 s; once the heartbeat has marked the server down, after server selection (3 s).
 */
export const MONGO_TIMEOUTS = {
  /** TCP connect and handshake of a new connection; also how long a polled heartbeat may take. */
  connectTimeoutMS: 2_000,
  /** Waiting for a server that can take the operation. */
  serverSelectionTimeoutMS: 3_000,
  /** Waiting for the reply to a command sent on a connection (idle time, not the whole cursor). */
  socketTimeoutMS: 4_000,
} as const satisfies MongoClientOptions;

/** Server-side limit for expensive queries (`maxTimeMS`), below the socket timeout so the server gives up first. */
export const MONGO_MAX_TIME_MS = 3_000;

/** How long start-up keeps trying to reach MongoDB (e.g. a container still starting) before it gives up. */
export const MONGO_STARTUP_TIMEOUT_MS = 10_000;

/**
 * Connects to MongoDB and checks the connection with a ping, retrying while the server is unreachable
 * for up to MONGO_STARTUP_TIMEOUT_MS. @throws the driver's error if it is still unreachable, or at
 * once for any other failure (bad credentials, say).
 */
export async function connectMongo(
  uri: string,
  dbName: string,
  options: MongoClientOptions = {},
): Promise<{ client: MongoClient; db: Db }> {
  const deadline = Date.now() + MONGO_STARTUP_TIMEOUT_MS;
  for (;;) {
    const client = new MongoClient(uri, { ...MONGO_TIMEOUTS, appName: 'channel-kb', ...options });
    try {
      await client.connect();
      const db = client.db(dbName);
      await db.command({ ping: 1 });
      return { client, db };
    } catch (error) {
      await client.close().catch(() => undefined);
      if (!isMongoUnavailable(error) || Date.now() >= deadline) throw error;
      await delay(500);
    }
  }
}

/** MaxTimeMSExpired: the server stopped the operation at its `maxTimeMS`. */
const MAX_TIME_MS_EXPIRED = 50;
/** Not exported by the driver: no free connection in time. (A cleared pool is a MongoNetworkError.) */
const WAIT_QUEUE_TIMEOUT = 'MongoWaitQueueTimeoutError';

/**
 * Whether `error` (or one of its causes) says MongoDB could not be reached or did not answer in time
 * (server selection, network errors and timeouts, a cleared pool, maxTimeMS), as opposed to a bug or
 * a refused operation. Such failures are worth a retry later: they become SERVICE_UNAVAILABLE.
 */
export function isMongoUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    if (
      current instanceof MongoServerSelectionError ||
      current instanceof MongoNetworkError ||
      current instanceof MongoOperationTimeoutError ||
      current instanceof MongoTopologyClosedError ||
      current.name === WAIT_QUEUE_TIMEOUT ||
      (current instanceof MongoServerError && current.code === MAX_TIME_MS_EXPIRED)
    ) {
      return true;
    }
    current = current.cause;
  }
  return false;
}

/** A collection's size from its metadata (no scan), e.g. to tell whether it was ever seeded. */
export function estimatedCount(db: Db, collection: string): Promise<number> {
  return db.collection(collection).estimatedDocumentCount();
}
