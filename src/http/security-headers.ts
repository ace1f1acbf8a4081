import type { ServerResponse } from 'node:http';
import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * The usual security headers (helmet): HSTS, nosniff, frame denial, no referrer, and for API
 * answers a Content-Security-Policy that allows nothing (pages such as GraphiQL set their own).
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"] },
    },
    referrerPolicy: { policy: 'no-referrer' },
    // Portals call the API from other origins with CORS; CORP would only affect no-cors loads.
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
}

/**
 * The headers `securityHeaders` puts on every answer, as a list (they do not depend on the request),
 * for the request path that does not run Express (src/http/graphql-fast-path.ts).
 */
export function securityHeaderList(): ReadonlyArray<readonly [string, string]> {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value));
      return recorder;
    },
    removeHeader(name: string) {
      headers.delete(name.toLowerCase());
    },
  };
  let done = false;
  // helmet's middleware only sets and removes headers, synchronously.
  (
    securityHeaders() as unknown as (
      req: unknown,
      res: Pick<ServerResponse, 'setHeader' | 'removeHeader'>,
      next: () => void,
    ) => void
  )({}, recorder as unknown as Pick<ServerResponse, 'setHeader' | 'removeHeader'>, () => {
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously');
  return [...headers];
}
