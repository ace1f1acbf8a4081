/**
 * Results as you type: a debounce and a "latest only" guard, so a slow answer to an older query
 * never replaces the answer to what the agent typed last.
 */

/** Calls `fn` once `ms` after the last call; `cancel` drops a pending call. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const debounced = (...args: A): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn(...args);
    }, ms);
  };
  debounced.cancel = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return debounced;
}

export type Outcome<T> = { stale: false; value: T } | { stale: true };

/**
 * Runs requests one after another as they are asked for and reports each answer as stale when a
 * newer request was started meanwhile (whatever order the answers arrive in).
 */
export function latestOnly() {
  let generation = 0;
  return async function run<T>(request: () => Promise<T>): Promise<Outcome<T>> {
    const mine = ++generation;
    const value = await request();
    return mine === generation ? { stale: false, value } : { stale: true };
  };
}
