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
const Insights = builder.objectRef<SearchInsights>('SearchInsights').implement({
  description: 'What agents and the public searched for.',
  fields: (t) => ({
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
    degradedSearches: t.exposeInt('degradedSearches', {
      description: 'Searches answered without the search engine.',
    }),
  }),
});

builder.queryFields((t) => ({
  searchInsights: t.field({
    type: Insights,
    nullable: true,
    description:
      'Top queries and queries that found nothing, since a time (editors; null with an error for others).',
    args: {
      since: t.arg({ type: 'DateTime', required: true, description: 'The start of the period.' }),
      first: t.arg.int({ defaultValue: 20, description: 'Queries per list (1-100).' }),
    },
    resolve: (_root, args, context) =>
      context.services.searchInsights.insights(context.principal, args.since, args.first ?? 20),
  }),
}));
