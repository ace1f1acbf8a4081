/**
 * The readiness and search-health probes. They answer anonymous callers, so they say only
 * ok / degraded / down and lag numbers: hosts, ports and driver messages go to the log instead
 * (once per change of state, not on every poll).
 */
import { meiliErrorCode } from '../platform/meilisearch.js';
import { Router } from 'express';
import type { Request, Response } from 'express';
import { principalFromAuthorization } from '../auth/jwt.js';
import { hasRole } from '../auth/principal.js';
import type { AppDeps } from '../context.js';
import { AppError } from '../errors.js';
import { languageOf } from '../i18n/language.js';
import { messageIn } from '../i18n/localize.js';
import type { Logger } from '../logger.js';
import { instanceOfHolder } from '../db/lease-keeper.js';
import { checkSearchIndex, findIndexerLease, recordCount, searchLag } from '../modules/indexing/index.js';
import type { DriftReport } from '../modules/indexing/index.js';
import type { IndexProjection } from '../modules/indexing/index.js';

/** How long one dependency check may take before it counts as failed. */
export const CHECK_TIMEOUT_MS = 2_000;
/** How long a full MongoDB/Meilisearch comparison is reused while nothing visible changed. */
export const SEARCH_CHECK_MAX_AGE_MS = 60_000;

export interface Readiness {
  /** False only when MongoDB does not answer: without it the service is useless. */
  ready: boolean;
  checks: {
    mongodb: { ok: boolean; status: 'ok' | 'down' };
    /** Search degrades to MongoDB when Meilisearch is down, so it never makes the service unready. */
    meilisearch: { ok: boolean; status: 'ok' | 'degraded' };
  };
}

async function withinTimeout(check: () => Promise<unknown>): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_resolve, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        );
      }),
    ]);
    return undefined;
  } catch (error) {
    return error ?? new Error('failed');
  } finally {
    clearTimeout(timer);
  }
}

/** Logs a dependency's failure when it starts failing and its recovery when it answers again. */
function stateLogger(logger: Logger): (name: string, error: unknown) => void {
  const failing = new Set<string>();
  return (name, error) => {
    if (error !== undefined && !failing.has(name)) {
      failing.add(name);
      logger.warn({ dependency: name, err: error }, `probe: ${name} does not answer`);
    } else if (error === undefined && failing.delete(name)) {
      logger.info({ dependency: name }, `probe: ${name} answers again`);
    }
  };
}

/**
 * Checks, concurrently, that MongoDB answers a ping and that Meilisearch reports itself healthy.
 * `onResult` gets each check's error (undefined when it passed), for logging. Never throws.
 */
export async function checkReadiness(
  app: Pick<AppDeps, 'db' | 'meili'>,
  onResult: (name: 'mongodb' | 'meilisearch', error: unknown) => void = () => undefined,
): Promise<Readiness> {
  const [mongoError, meiliError] = await Promise.all([
    withinTimeout(() => app.db.command({ ping: 1 })),
    withinTimeout(() => app.meili.health()),
  ]);
  onResult('mongodb', mongoError);
  onResult('meilisearch', meiliError);
  const mongoOk = mongoError === undefined;
  const meiliOk = meiliError === undefined;
  return {
    ready: mongoOk,
    checks: {
      mongodb: { ok: mongoOk, status: mongoOk ? 'ok' : 'down' },
      meilisearch: { ok: meiliOk, status: meiliOk ? 'ok' : 'degraded' },
    },
  };
}

/** What changes whenever a comparison could come out differently, short of a write behind our back. */
async function searchFingerprint(app: AppDeps, projections: IndexProjection[]): Promise<string> {
  const parts = await Promise.all(
    projections.map(async (projection) => {
      const [count, lag, index] = await Promise.all([
        recordCount(app.db, projection),
        searchLag(app.db, projection),
        // Meilisearch down fails the check here, before the comparison scans the collection.
        app.meili
          .getIndex(projection.indexUid)
          .then((info) => info.updatedAt?.toISOString() ?? 'unknown')
          .catch((error: unknown) => {
            if (meiliErrorCode(error) === 'index_not_found') return 'no index';
            throw error;
          }),
      ]);
      return [projection.name, count, lag.pending, index];
    }),
  );
  return JSON.stringify(parts);
}

/**
 * Which instance runs the search indexer (several instances: the holder of its lease) and whether
 * it is this one. The instance ids (host names) are shown to admins only.
 */
async function indexerLeaseOf(app: AppDeps, admin: boolean) {
  const lease = await findIndexerLease(app.db);
  const now = Date.now();
  const live = lease && !lease.releasedAt && lease.expiresAt.getTime() > now ? lease : null;
  const holder = live ? instanceOfHolder(live.holder) : null;
  return {
    thisInstance: holder === app.config.lease.instanceId ? 'holder' : 'standby',
    held: live !== null,
    holderSince: live?.acquiredAt.toISOString() ?? null,
    expiresInSeconds: live ? Math.round((live.expiresAt.getTime() - now) / 1000) : null,
    ...(admin ? { instance: app.config.lease.instanceId, holder } : {}),
  };
}

/** Whether the request carries an admin's token (a bad or absent token: no, without refusing the probe). */
async function isAdmin(app: AppDeps, req: Request): Promise<boolean> {
  const authorization = req.get('authorization');
  if (!authorization) return false;
  return principalFromAuthorization(authorization, app.jwt)
    .then((principal) => hasRole(principal, 'admin'))
    .catch(() => false);
}

interface SearchCheck {
  at: Date;
  fingerprint: string;
  reports: Array<{ name: string; report: DriftReport }>;
}

function summary(name: string, report: DriftReport) {
  return {
    name,
    status: report.drift ? 'drift' : 'ok',
    expected: report.expected,
    indexed: report.indexed,
    pending: report.pending,
    lagSeconds: report.lagSeconds,
    missing: report.missing.length,
    extra: report.extra.length,
    stale: report.stale.length,
  };
}

/**
 * The probe routes: `GET /readyz` (200 while MongoDB answers, 503 only when it does not; search
 * reported as ok or degraded, with each index's lag) and `GET /health/search` (the MongoDB/Meilisearch
 * comparison, 503 on drift: counts for everyone, the ids for admins; the full comparison is reused
 * for up to a minute while the collections, pending marks and indexes have not changed).
 */
export function healthRouter(app: AppDeps): Router {
  const router = Router();
  const logState = stateLogger(app.logger);
  let cached: SearchCheck | undefined;
  let running: Promise<SearchCheck> | undefined;

  const projections = (): IndexProjection[] => Object.values(app.services.projections);

  const compare = async (): Promise<SearchCheck> => {
    const fingerprint = await searchFingerprint(app, projections());
    if (
      cached &&
      cached.fingerprint === fingerprint &&
      Date.now() - cached.at.getTime() < SEARCH_CHECK_MAX_AGE_MS
    )
      return cached;
    running ??= (async () => {
      const deps = {
        db: app.db,
        meili: app.meili,
        state: app.services.indexState,
        synonyms: app.services.synonymRepo,
      };
      const reports = await Promise.all(
        projections().map(async (projection) => ({
          name: projection.name,
          report: await checkSearchIndex(deps, projection),
        })),
      );
      cached = { at: new Date(), fingerprint, reports };
      return cached;
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  router.get('/readyz', async (req: Request, res: Response) => {
    const readiness = await checkReadiness(app, logState);
    const searchIndex = readiness.ready
      ? await Promise.all(
          projections().map(async (projection) => [projection.name, await searchLag(app.db, projection)]),
        )
          .then((entries) => {
            logState('search lag', undefined);
            return Object.fromEntries(entries) as Record<string, { pending: number; lagSeconds: number }>;
          })
          .catch((error: unknown) => {
            logState('search lag', error);
            return null;
          })
      : null;
    const indexer = readiness.ready
      ? await indexerLeaseOf(app, await isAdmin(app, req)).catch((error: unknown) => {
          logState('indexer lease', error);
          return null;
        })
      : null;
    const status = !readiness.ready ? 'unavailable' : readiness.checks.meilisearch.ok ? 'ready' : 'degraded';
    res.status(readiness.ready ? 200 : 503).json({
      status,
      checks: readiness.checks,
      // Informational: changes each search index does not have yet.
      searchIndex,
      // Informational: which instance runs the search indexer (the holder of its lease).
      indexer,
    });
  });

  router.get('/health/search', async (req: Request, res: Response) => {
    let admin: boolean;
    try {
      admin = hasRole(await principalFromAuthorization(req.get('authorization'), app.jwt), 'admin');
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const language = languageOf(req.headers['accept-language']);
      res
        .status(401)
        .json({ errors: [{ message: messageIn(error, language), extensions: { code: error.code } }] });
      return;
    }
    try {
      const check = await compare();
      logState('search comparison', undefined);
      const drift = check.reports.some(({ report }) => report.drift);
      res.status(drift ? 503 : 200).json({
        status: drift ? 'drift' : 'ok',
        checkedAt: check.at.toISOString(),
        indexes: check.reports.map(({ name, report }) =>
          admin ? { name, ...report } : summary(name, report),
        ),
      });
    } catch (error) {
      logState('search comparison', error);
      res.status(503).json({ status: 'down' });
    }
  });

  return router;
}
