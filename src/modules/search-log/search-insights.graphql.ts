/** Search insights in GraphQL (editors): what was searched for, and what found nothing. */
import { builder } from '../../schema/builder.js';
import type { SearchInsights } from './search-log.service.js';

const QueryCount = builder.objectRef<SearchInsights['topQueries'][number]>('SearchQueryCount').implement({
  description: 'A query and how often it was searched.',
  fields: (t) => ({
    query: t.exposeString('query', { description: 'The query, normalised.' }),
    count: t.exposeInt('count', { description: 'Times searched.' }),
    averageHits: t.exposeFloat('averageHits', { description: 'Results found on average.' }),
  }),
});
const ZeroResultQuery = builder
  .objectRef<SearchInsights['zeroResultQueries'][number]>('ZeroResultQuery')
  .implement({
    description: 'A query that found nothing.',
    fields: (t) => ({
      query: t.exposeString('query', { description: 'The query, normalised.' }),
      count: t.exposeInt('count', { description: 'Times searched.' }),
      lastAt: t.expose('lastAt', { type: 'DateTime', description: 'When it was last searched.' }),
    }),
  });
const SearchDay = builder.objectRef<SearchInsights['daily'][number]>('SearchDayCount').implement({
  description: "One day's searches (a day in Beijing time, Asia/Shanghai).",
  fields: (t) => ({
    day: t.exposeString('day', { description: 'The day, YYYY-MM-DD (Asia/Shanghai).' }),
    totalSearches: t.exposeInt('total', { description: 'Searches that day.' }),
    zeroResultSearches: t.exposeInt('zeroResult', { description: 'Searches that day that found nothing.' }),
    degradedSearches: t.exposeInt('degraded', {
      description: 'Searches that day answered without the search engine.',
    }),
  }),
});
const Insights = builder.objectRef<SearchInsights>('SearchInsights').implement({
  description: 'What agents and the public searched for in a period.',
  fields: (t) => ({
    since: t.expose('since', { type: 'DateTime', description: 'The start of the period (inclusive).' }),
    until: t.expose('until', {
      type: 'DateTime',
      description: 'The end of the period (exclusive): as asked, else the time of the request.',
    }),
    topQueries: t.field({
      type: [QueryCount],
      description: 'The most frequent queries.',
      resolve: (insights) => insights.topQueries,
    }),
    zeroResultQueries: t.field({
      type: [ZeroResultQuery],
      description: 'What searchers could not find: candidates for new articles or synonyms.',
      resolve: (insights) => insights.zeroResultQueries,
    }),
    totalSearches: t.exposeInt('totalSearches', { description: 'Searches in the period.' }),
    zeroResultSearches: t.exposeInt('zeroResultSearches', {
      description: 'Searches in the period that found nothing.',
    }),
    degradedSearches: t.exposeInt('degradedSearches', {
      description: 'Searches in the period answered without the search engine (MongoDB fallback).',
    }),
    daily: t.field({
      type: [SearchDay],
      description:
        'Each day the period touches (Asia/Shanghai), oldest first; a day without searches counts 0.',
      resolve: (insights) => insights.daily,
    }),
  }),
});

builder.queryFields((t) => ({
  searchInsights: t.field({
    type: Insights,
    nullable: true,
    description:
      'Top queries, queries that found nothing, degraded searches and the count of each day, in a period of at most 92 days (editors; null with an error for others).',
    args: {
      since: t.arg({ type: 'DateTime', required: true, description: 'The start of the period (inclusive).' }),
      until: t.arg({
        type: 'DateTime',
        description: 'The end of the period (exclusive), later than `since`; default now.',
      }),
      first: t.arg.int({ defaultValue: 20, description: 'Queries per list (1-100).' }),
    },
    resolve: (_root, args, context) =>
      context.services.searchInsights.insights(context.principal, args.since, args.until, args.first ?? 20),
  }),
}));
