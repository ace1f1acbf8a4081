import { WakeableSleep } from '../../lib/wakeable-sleep.js';

export interface WakeLoopOptions {
  /** First poll interval when there is nothing to do (a nudge runs the work at once). */
  idleMs: number;
  /** The poll interval doubles while idle up to this. */
  maxIdleMs: number;
  maxBackoffMs: number;
  /** Told about a failed run and when it is retried. */
  onError: (error: unknown, retryInMs: number) => void;
}

/**
 * Runs `work` over and over: again at once while it reports having done something, after a poll
 * interval (doubling while idle) when it did nothing, after a backoff (doubling) when it failed, and
 * at once when nudged. A nudge that comes while `work` runs is kept: the next wait is skipped.
 */
export class WakeLoop {
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly sleeper = new WakeableSleep();
  private nudged = false;

  constructor(
    private readonly work: () => Promise<boolean>,
    private readonly options: WakeLoopOptions,
  ) {}

  /** Starts the loop (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops the loop once the run under way (if any) has ended. */
  async stop(): Promise<void> {
    this.running = false;
    this.sleeper.wake();
    await this.loop;
  }

  /** Runs the work now, or right after the run under way. */
  nudge(): void {
    this.nudged = true;
    this.sleeper.wake();
  }

  private async run(): Promise<void> {
    let backoff = 500;
    let idle = this.options.idleMs;
    while (this.running) {
      let worked: boolean;
      try {
        worked = await this.work();
        backoff = 500;
      } catch (error) {
        this.options.onError(error, backoff);
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, this.options.maxBackoffMs);
        continue;
      }
      if (worked) {
        idle = this.options.idleMs;
      } else if (await this.sleep(idle)) {
        idle = this.options.idleMs;
      } else {
        idle = Math.min(idle * 2, this.options.maxIdleMs);
      }
    }
  }

  /** Sleeps up to `ms`; returns whether a nudge (or stop) cut it short. */
  private async sleep(ms: number): Promise<boolean> {
    // Stopped during a run, or nudged while busy: do not wait (checked in the same tick as `wake`).
    if (this.nudged || !this.running) {
      this.nudged = false;
      return true;
    }
    const woken = await this.sleeper.sleep(ms);
    this.nudged = false;
    return woken;
  }
}
