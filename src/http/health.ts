import type { AppDeps } from '../context.js';

export interface DependencyCheck {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

export interface Readiness {
  ready: boolean;
  checks: { mongodb: DependencyCheck; meilisearch: DependencyCheck };
}

const CHECK_TIMEOUT_MS = 2_000;

async function timed(check: () => Promise<unknown>): Promise<DependencyCheck> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        );
      }),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      ok: false,
      latencyMs: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Checks that MongoDB answers a ping and Meilisearch reports itself healthy, concurrently. */
export async function checkReadiness(app: Pick<AppDeps, 'db' | 'meili'>): Promise<Readiness> {
  const [mongodb, meilisearch] = await Promise.all([
    timed(() => app.db.command({ ping: 1 })),
    timed(() => app.meili.health()),
  ]);
  return { ready: mongodb.ok && meilisearch.ok, checks: { mongodb, meilisearch } };
}
