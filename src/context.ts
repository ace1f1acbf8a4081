import type { Db, MongoClient } from 'mongodb';
import type { Meilisearch } from 'meilisearch';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { JwtSettings } from './auth/jwt.js';
import type { Principal } from './auth/principal.js';
import type { ClientIdentity } from './http/rate-limit.js';
import type { Language } from './i18n/language.js';
import type { Loaders, Services } from './services.js';

/** Long-lived dependencies, created once at start-up and shared by every request. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  mongo: MongoClient;
  db: Db;
  meili: Meilisearch;
  jwt: JwtSettings;
  services: Services;
}

/**
 * The services a resolver may call. Repositories, the event bus and index names are wiring: the
 * type leaves them out, so a resolver cannot reach past a service to the database.
 */
export type RequestServices = Omit<
  Services,
  | 'events'
  | 'projections'
  | 'articles'
  | 'articleMatches'
  | 'regions'
  | 'halls'
  | 'channelRepo'
  | 'synonymRepo'
  | 'searchLog'
  | 'searchLogWriter'
  | 'indexState'
>;

/**
 * What every resolver gets: a fresh object per request (never share loaders across requests). It
 * holds the services, never the database or search clients: resolvers decode, call a service, map.
 */
export interface Context {
  requestId: string;
  /** Who is calling, for per-client budgets and de-duplication (a token's subject or a keyed address hash). */
  client: ClientIdentity;
  principal: Principal;
  /** The language of the caller's messages (Accept-Language; zh-CN by default). */
  language: Language;
  logger: Logger;
  services: RequestServices;
  /** Per-request batching loaders (fresh for every request, so nothing is cached across callers). */
  loaders: Loaders;
}
