import { cacheExchange } from '@urql/exchange-graphcache';
import type { Data, KeyingConfig } from '@urql/exchange-graphcache';
import { Client, fetchExchange } from 'urql';
import type { CombinedError } from 'urql';
import { renewSession, sessionForRequest, signInAgain } from '../auth/expiry';
import type { Session } from './session';

/**
 * Types without an id of their own: graphcache stores them inside their parent instead of by key.
 * Categories are keyed by their `key`.
 */
const embedded = () => null;
/** The API's object types without an `id` (kept in step with the schema by client.test.ts). */
export const EMBEDDED_TYPES = [
  'ArchiveArticlePayload',
  'ArticleConnection',
  'ArticleDiff',
  'ArticleEdge',
  'ArticleFlagConnection',
  'ArticleFlagEdge',
  'ArticleRejection',
  'ArticleRevisionConnection',
  'ArticleRevisionEdge',
  'ArticleSearchConnection',
  'ArticleSearchEdge',
  'ArticleStats',
  'ArticleSuggestion',
  'ArticleUsage',
  'ChannelAccess',
  'ChannelConnection',
  'ChannelEdge',
  'ComplaintDeadline',
  'Count',
  'Coverage',
  'CreateArticlePayload',
  'CreateHallPayload',
  'CreateSynonymSetPayload',
  'DeleteSynonymSetPayload',
  'EnumLabel',
  'FacetCount',
  'FieldChange',
  'FlagArticlePayload',
  'GeoPoint',
  'HallAreaCount',
  'HallChange',
  'HallConnection',
  'HallDay',
  'HallEdge',
  'HallFacets',
  'HallOperationCount',
  'HallStatusCount',
  'HallTierCount',
  'ImportFieldError',
  'ImportHallsPayload',
  'ImportRow',
  'LineChange',
  'NearbyHall',
  'OpeningHours',
  'PageInfo',
  'PublishArticlePayload',
  'RateArticlePayload',
  'RecordArticleUsePayload',
  'RejectArticlePayload',
  'ResolveArticleFlagPayload',
  'RestoreArticleRevisionPayload',
  'ReviewQueueConnection',
  'ReviewQueueEdge',
  'ReviewQueueItem',
  'SearchAnswerCard',
  'SearchDayCount',
  'SearchFacets',
  'SearchInsights',
  'SearchQueryCount',
  'SearchSpellingSuggestion',
  'ServiceKindCount',
  'SetHallStatusPayload',
  'SpecialDate',
  'SubmitArticleForReviewPayload',
  'TimeInterval',
  'UpdateArticlePayload',
  'UpdateHallPayload',
  'UpdateSynonymSetPayload',
  'UpsertChannelPayload',
  'Viewer',
  'WhereCanIResult',
  'ZeroResultQuery',
] as const;
export const keys: KeyingConfig = {
  ...Object.fromEntries(EMBEDDED_TYPES.map((type) => [type, embedded])),
  ComplaintGradePolicy: (policy: Data) => (typeof policy['grade'] === 'string' ? policy['grade'] : null),
  Category: (category: Data) => (typeof category['key'] === 'string' ? category['key'] : null),
};

/** True when the API refused the token (expired or revoked): the agent must sign in again. */
export function isUnauthenticated(error: CombinedError): boolean {
  const status = (error.response as { status?: number } | undefined)?.status;
  return status === 401 || error.graphQLErrors.some((e) => e.extensions['code'] === 'UNAUTHENTICATED');
}

/** The console's language (set on <html lang> by the i18n provider): the API answers errors in it. */
function uiLanguage(): string {
  return document.documentElement.lang === 'en' ? 'en' : 'zh-CN';
}

function withToken(init: RequestInit | undefined, session: Session | undefined): RequestInit {
  const headers = new Headers(init?.headers);
  if (session) headers.set('authorization', `Bearer ${session.token}`);
  headers.set('accept-language', uiLanguage());
  return { ...init, headers };
}

/**
 * fetch with the session's bearer token. An OIDC token near its end is renewed first; one the API
 * refuses (401) is renewed and the request sent again. When renewal is impossible (a development
 * token, no refresh token), the agent is sent to sign in, with what they typed kept for their return.
 */
export async function staffFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const session = await sessionForRequest();
  let response = await fetch(input, withToken(init, session));
  if (response.status !== 401 || !session) return response;
  let sent = session;
  if (session.kind === 'oidc') {
    const renewed = await renewSession();
    if (renewed) {
      sent = renewed;
      response = await fetch(input, withToken(init, renewed));
    }
  }
  if (response.status === 401) void signInAgain(sent);
  return response;
}

/**
 * The staff client: a normalised cache (so recording a use or a rating updates every view of the
 * article) and `staffFetch` (the session's bearer token, renewed or back to sign-in when refused,
 * returning to the same page with what was typed afterwards).
 */
export function createStaffClient(): Client {
  return new Client({
    url: '/graphql',
    exchanges: [cacheExchange({ keys }), fetchExchange],
    fetch: staffFetch,
  });
}

/** The public client of the hall finder: never sends a token, so it sees only what anyone may see. */
export function createPublicClient(): Client {
  return new Client({
    url: '/graphql',
    exchanges: [cacheExchange({ keys }), fetchExchange],
    fetchOptions: () => ({ credentials: 'omit', headers: { 'accept-language': uiLanguage() } }),
  });
}
