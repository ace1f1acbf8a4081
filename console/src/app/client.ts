import { cacheExchange } from '@urql/exchange-graphcache';
import type { Data, KeyingConfig } from '@urql/exchange-graphcache';
import { Client, fetchExchange, mapExchange } from 'urql';
import type { CombinedError } from 'urql';
import { clearSession, currentSession } from './session';
import { navigate } from './router';

/**
 * Types without an id of their own: graphcache stores them inside their parent instead of by key.
 * Categories are keyed by their `key`.
 */
const embedded = () => null;
const keys: KeyingConfig = {
  ArticleSearchConnection: embedded,
  ArticleSearchEdge: embedded,
  ArticleStats: embedded,
  EnumLabel: embedded,
  FacetCount: embedded,
  GeoPoint: embedded,
  HallChange: embedded,
  HallDay: embedded,
  NearbyHall: embedded,
  OpeningHours: embedded,
  PageInfo: embedded,
  SearchFacets: embedded,
  TimeInterval: embedded,
  SpecialDate: embedded,
  HallConnection: embedded,
  HallEdge: embedded,
  Viewer: embedded,
  ChannelAccess: embedded,
  ComplaintDeadline: embedded,
  WhereCanIResult: embedded,
  ComplaintGradePolicy: (policy: Data) => (typeof policy['grade'] === 'string' ? policy['grade'] : null),
  Category: (category: Data) => (typeof category['key'] === 'string' ? category['key'] : null),
};

/** True when the API refused the token (expired or revoked): the agent must sign in again. */
export function isUnauthenticated(error: CombinedError): boolean {
  const status = (error.response as { status?: number } | undefined)?.status;
  return status === 401 || error.graphQLErrors.some((e) => e.extensions['code'] === 'UNAUTHENTICATED');
}

/**
 * The staff client: a normalised cache (so recording a use or a rating updates every view of the
 * article), the session's bearer token, and back to sign-in when the token is refused, returning
 * to the same page (with what was typed, which lives in the URL) afterwards.
 */
export function createStaffClient(): Client {
  return new Client({
    url: '/graphql',
    exchanges: [
      mapExchange({
        onError(error) {
          if (!isUnauthenticated(error) || !currentSession()) return;
          clearSession();
          const here = window.location.pathname + window.location.search;
          navigate(`/signin?expired=1&next=${encodeURIComponent(here)}`, { replace: true });
        },
      }),
      cacheExchange({ keys }),
      fetchExchange,
    ],
    fetchOptions: () => {
      const session = currentSession();
      return session ? { headers: { authorization: `Bearer ${session.token}` } } : {};
    },
  });
}

/** The public client of the hall finder: never sends a token, so it sees only what anyone may see. */
export function createPublicClient(): Client {
  return new Client({
    url: '/graphql',
    exchanges: [cacheExchange({ keys }), fetchExchange],
    fetchOptions: { credentials: 'omit' },
  });
}
