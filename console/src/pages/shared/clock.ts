import { useEffect, useState } from 'react';

/** The instant rounded down to its minute (what "now" means for opening hours). */
export function minuteOf(date: Date): Date {
  return new Date(date.getTime() - (date.getTime() % 60_000));
}

/**
 * The current minute, moving on as time passes: a page left open re-evaluates open/closed each
 * minute (and at once when the tab becomes visible again, since background tabs' timers are
 * throttled). Follows the browser's clock, so a test can drive it (Playwright's clock API).
 */
export function useMinuteClock(): Date {
  const [now, setNow] = useState(() => minuteOf(new Date()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = (): void => {
      const current = minuteOf(new Date());
      setNow((previous) => (previous.getTime() === current.getTime() ? previous : current));
    };
    const schedule = (): void => {
      const ms = 60_000 - (Date.now() % 60_000) + 20;
      timer = setTimeout(() => {
        tick();
        schedule();
      }, ms);
    };
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') tick();
    };
    schedule();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      if (timer !== undefined) clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);
  return now;
}
