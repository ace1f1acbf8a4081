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
