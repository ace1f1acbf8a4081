import { setTimeout as delay } from 'node:timers/promises';

/**
 * A sleep that another part of the program can cut short: background loops (the indexer's wake loop,
 * the lease keeper) wait with it between runs and are woken by a nudge or a stop.
 */
export class WakeableSleep {
  private wakeUp: (() => void) | undefined;

  /** Sleeps up to `ms`; resolves to whether `wake` cut it short. */
  async sleep(ms: number): Promise<boolean> {
    const controller = new AbortController();
    this.wakeUp = () => controller.abort();
    await delay(ms, undefined, { signal: controller.signal }).catch(() => undefined);
    this.wakeUp = undefined;
    return controller.signal.aborted;
  }

  /** Ends the sleep under way, if any (a wake with nobody asleep is lost: callers keep their own flag). */
  wake(): void {
    this.wakeUp?.();
  }
}
