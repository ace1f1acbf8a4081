import { ObjectId } from 'mongodb';
import type { WithId } from 'mongodb';
import { badField } from '../../errors.js';
import { builder } from '../../schema/builder.js';
import { ArticleRef, AudienceEnum, LocaleEnum } from '../knowledge/knowledge.graphql.js';
import { UseChannelEnum } from '../knowledge/feedback.graphql.js';
import type { SynonymSetDoc } from './search.repository.js';
import type { FacetCount, SearchHit, SearchInsights, SearchResult } from './search.service.js';

const FacetCountRef = builder.objectRef<FacetCount>('FacetCount').implement({
  fields: (t) => ({ value: t.exposeString('value'), count: t.exposeInt('count') }),
});

const SearchFacets = builder.objectRef<SearchResult['facets']>('SearchFacets').implement({
  description: 'Counts under the current query and filter, for filter panels.',
  fields: (t) => ({
    categories: t.field({
      type: [FacetCountRef],
      description: 'Per category key (ancestors count their subtree).',
      resolve: (facets) => facets.categories,
    }),
    tags: t.field({ type: [FacetCountRef], resolve: (facets) => facets.tags }),
  }),
});

const SearchHitRef = builder.objectRef<SearchHit>('ArticleSearchHit').implement({
  fields: (t) => ({
    article: t.field({ type: ArticleRef, resolve: (hit) => hit.article }),
    title: t.exposeString('title', { description: 'HTML: matches in <mark>, everything else escaped.' }),
    snippet: t.exposeString('snippet', { description: 'A cropped passage, HTML like `title`.' }),
    matchedErrorCodes: t.exposeStringList('matchedErrorCodes', {
      description: 'Error codes named in the query that this article is about.',
    }),
  }),
});

const SearchResultRef = builder.objectRef<SearchResult>('ArticleSearchResult').implement({
  fields: (t) => ({
    query: t.exposeString('query', { description: 'The query as it was searched (normalised).' }),
    totalHits: t.exposeInt('totalHits', { description: 'An estimate for large result sets.' }),
    processingTimeMs: t.exposeInt('processingTimeMs'),
    degraded: t.exposeBoolean('degraded', {
      description: 'True when the search engine was unavailable and simpler matching on MongoDB answered.',
    }),
    facets: t.field({ type: SearchFacets, resolve: (result) => result.facets }),
    hits: t.field({ type: [SearchHitRef], resolve: (result) => result.hits }),
  }),
});

const SearchFilterInput = builder.inputType('ArticleSearchFilter', {
  fields: (t) => ({
    category: t.string({ description: 'A category key: the category and everything under it.' }),
    tags: t.stringList({ description: 'Any of these tags.' }),
    audience: t.field({ type: AudienceEnum }),
    locale: t.field({ type: LocaleEnum }),
    errorCode: t.string(),
  }),
});

const SynonymSetRef = builder.objectRef<WithId<SynonymSetDoc>>('SynonymSet').implement({
  description: 'Terms searchers use for the same thing; a search for one finds the others.',
  fields: (t) => ({
    id: t.id({ resolve: (set) => set._id.toHexString() }),
    terms: t.exposeStringList('terms'),
    version: t.exposeInt('version'),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    updatedBy: t.exposeString('updatedBy'),
  }),
});

const QueryCount = builder.objectRef<SearchInsights['topQueries'][number]>('SearchQueryCount').implement({
  fields: (t) => ({
    query: t.exposeString('query'),
    count: t.exposeInt('count'),
    averageHits: t.exposeFloat('averageHits'),
  }),
});
const ZeroResultQuery = builder
  .objectRef<SearchInsights['zeroResultQueries'][number]>('ZeroResultQuery')
  .implement({
    fields: (t) => ({
      query: t.exposeString('query'),
      count: t.exposeInt('count'),
      lastAt: t.expose('lastAt', { type: 'DateTime' }),
    }),
  });
const Insights = builder.objectRef<SearchInsights>('SearchInsights').implement({
  fields: (t) => ({
    topQueries: t.field({ type: [QueryCount], resolve: (insights) => insights.topQueries }),
    zeroResultQueries: t.field({
      type: [ZeroResultQuery],
      description: 'What searchers could not find: candidates for new articles or synonyms.',
      resolve: (insights) => insights.zeroResultQueries,
    }),
    totalSearches: t.exposeInt('totalSearches'),
    degradedSearches: t.exposeInt('degradedSearches'),
  }),
});

function synonymId(id: string): ObjectId {
  if (!/^[0-9a-f]{24}$/i.test(id)) throw badField('id', 'not a synonym set id');
  return new ObjectId(id);
}

builder.queryFields((t) => ({
  searchArticles: t.field({
    type: SearchResultRef,
    description:
      'Full-text search of the articles you may read (published revisions only). Error codes named in the query rank the articles about them first.',
    args: {
      query: t.arg.string({ required: true }),
      filter: t.arg({ type: SearchFilterInput, required: false }),
      first: t.arg.int({ defaultValue: 10 }),
      offset: t.arg.int({ defaultValue: 0 }),
      channel: t.arg({
        type: UseChannelEnum,
        required: false,
        description: 'Where the search came from, for analytics.',
      }),
    },
    resolve: (_root, args, context) =>
      context.app.services.search.searchArticles(
        context.principal,
        args.query,
        args.filter ?? {},
        args.first ?? 10,
        args.offset ?? 0,
        args.channel ?? null,
      ),
  }),
  synonymSets: t.field({
    type: [SynonymSetRef],
    description: 'The managed synonym list (editors).',
    resolve: (_root, _args, context) => context.app.services.search.synonymSets(context.principal),
  }),
  searchInsights: t.field({
    type: Insights,
    description: 'Top queries and queries that found nothing, since a time (editors).',
    args: { since: t.arg({ type: 'DateTime', required: true }), first: t.arg.int({ defaultValue: 20 }) },
    resolve: (_root, args, context) =>
      context.app.services.search.insights(context.principal, args.since, args.first ?? 20),
  }),
}));

builder.mutationFields((t) => ({
  createSynonymSet: t.field({
    type: SynonymSetRef,
    description: 'Adds terms that mean the same (editors); pushed to the search engine in the background.',
    args: { terms: t.arg.stringList({ required: true }) },
    resolve: (_root, args, context) =>
      context.app.services.search.createSynonymSet(context.principal, args.terms),
  }),
  updateSynonymSet: t.field({
    type: SynonymSetRef,
    args: {
      id: t.arg.id({ required: true }),
      expectedVersion: t.arg.int({ required: true }),
      terms: t.arg.stringList({ required: true }),
    },
    resolve: (_root, args, context) =>
      context.app.services.search.updateSynonymSet(
        context.principal,
        synonymId(String(args.id)),
        args.expectedVersion,
        args.terms,
      ),
  }),
  deleteSynonymSet: t.field({
    type: 'Boolean',
    args: { id: t.arg.id({ required: true }), expectedVersion: t.arg.int({ required: true }) },
    resolve: (_root, args, context) =>
      context.app.services.search.deleteSynonymSet(
        context.principal,
        synonymId(String(args.id)),
        args.expectedVersion,
      ),
  }),
}));
