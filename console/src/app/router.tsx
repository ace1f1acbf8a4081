import { useSyncExternalStore } from 'react';
import type { AnchorHTMLAttributes, MouseEvent } from 'react';

/**
 * A small History API router: the console has a handful of pages, so paths are matched where
 * they are used. The server answers index.html for each of them (src/http/console.ts).
 */
const NAVIGATED = 'ckb:navigated';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

const snapshot = (): string => window.location.pathname + window.location.search;

/** The current path and query, e.g. `/articles/broadband-error-691?locale=ZH_CN`. */
export function useLocation(): { pathname: string; search: URLSearchParams; href: string } {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, window.location.origin);
  return { pathname: url.pathname, search: url.searchParams, href };
}

/** Goes to `to` (a path with an optional query) without reloading. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATED));
}

/**
 * A click handler for an anchor to `href` inside the console: navigates without reloading, except a
 * modified or non-primary click, which opens a new tab as usual.
 */
export function followInApp(href: string) {
  return (event: MouseEvent<HTMLElement>): void => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    event.preventDefault();
    navigate(href);
  };
}

/** An anchor that navigates inside the console (a modified click opens a new tab as usual). */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const follow = followInApp(href);
  const handle = (event: MouseEvent<HTMLAnchorElement>): void => {
    onClick?.(event);
    follow(event);
  };
  return <a href={href} onClick={handle} {...rest} />;
}
