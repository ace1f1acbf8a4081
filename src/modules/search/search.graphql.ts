import { encodeGlobalID } from '@pothos/plugin-relay';
import { AppError, badField } from '../../errors.js';
import { builder } from '../../schema/builder.js';
import { forwardPage, objectIdOf, underInput } from '../../schema/paging.js';
import { decodeOffsetCursor, encodeOffsetCursor } from '../../db/keyset.js';
import type { Context } from '../../context.js';
import { ArticleRef, AudienceEnum, LocaleEnum } from '../knowledge/schema.js';
import { UseChannelEnum } from '../knowledge/schema.js';
import type { ArticleView } from '../knowledge/index.js';
import type { SearchInsights } from './search-log.js';
import type { FacetCount, SearchHit, SearchResult } from './search-results.js';
import type { SynonymSet } from './synonym-set.model.js';

/** Hits per page at most, and how deep a search may page (the engine pages by offset). */
const MAX_SEARCH_PAGE = 50;
const MAX_SEARCH_OFFSET = 1000;

const FacetCountRef = builder.objectRef<FacetCount>('FacetCount').implement({
  description: 'How many results have one value.',
  fields: (t) => ({
    value: t.exposeString('value', { description: 'The value (a category key or a tag).' }),
    count: t.exposeInt('count', { description: 'Results with it.' }),
  }),
});

const SearchFacets = builder.objectRef<SearchResult['facets']>('SearchFacets').implement({
  description: 'Counts under the current query and filter, for filter panels.',
  fields: (t) => ({
    categories: t.field({
      type: [FacetCountRef],
      description: 'Per category key (ancestors count their subtree).',
      resolve: (facets) => facets.categories,
    }),
    tags: t.field({ type: [FacetCountRef], description: 'Per tag.', resolve: (facets) => facets.tags }),
  }),
});

/** One search hit as an edge: the article is the node, the highlights sit on the edge. */
interface SearchEdge {
  cursor: string;
  node: ArticleView;
  hit: SearchHit;
}
interface SearchPage extends SearchResult {
  edges: SearchEdge[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}
function hitOf(edge: { cursor: string; node: ArticleView }): SearchHit {
  return (edge as SearchEdge).hit;
}

const SearchFilterInput = builder.inputType('ArticleSearchFilter', {
  description: 'Every field given narrows the results.',
  fields: (t) => ({
    category: t.string({ description: 'A category key: the category and everything under it.' }),
    tags: t.stringList({ description: 'Any of these tags.' }),
    audience: t.field({ type: AudienceEnum, description: 'Only articles for this audience.' }),
    locale: t.field({ type: LocaleEnum, description: 'Only articles in this language.' }),
    errorCode: t.string({ description: 'Only articles about this error code.' }),
  }),
});

const SynonymSetRef = builder.objectRef<SynonymSet>('SynonymSet');

/** Every synonym set, read once per request; null when the caller may not read them. */
const synonymCache = new WeakMap<Context, Promise<SynonymSet[] | null>>();
function synonymSetsOf(context: Context): Promise<SynonymSet[] | null> {
  let cached = synonymCache.get(context);
  if (!cached) {
    cached = context.services.synonyms.synonymSets(context.principal).catch((error: unknown) => {
      if (error instanceof AppError && (error.code === 'FORBIDDEN' || error.code === 'UNAUTHENTICATED')) {
        return null;
      }
      throw error;
    });
    synonymCache.set(context, cached);
  }
  return cached;
}

builder.node(SynonymSetRef, {
  description: 'Terms searchers use for the same thing; a search for one finds the others (editors).',
  id: { resolve: (set) => set.id },
  loadMany: async (ids, context) => {
    const sets = await synonymSetsOf(context);
    return ids.map((id) => sets?.find((set) => set.id === id.toLowerCase()) ?? null);
  },
  fields: (t) => ({
    terms: t.exposeStringList('terms', { description: 'The terms, as normalised.' }),
    version: t.exposeInt('version', { description: 'Send it back as expectedVersion.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When it last changed.' }),
    updatedBy: t.exposeString('updatedBy', { description: 'Who changed it last (token subject).' }),
  }),
});

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
  searchArticles: t.connection(
    {
      type: ArticleRef,
      nullable: true,
      description: `Full-text search of the articles you may read (published revisions only), best first, in pages of at most ${MAX_SEARCH_PAGE} and down to result ${MAX_SEARCH_OFFSET}. Error codes named in the query rank the articles about them first. Null with SEARCH_UNAVAILABLE when no engine can answer.`,
      args: {
        query: t.arg.string({ required: true, description: 'What to look for (at most 200 characters).' }),
        filter: t.arg({ type: SearchFilterInput, required: false, description: 'Narrows the results.' }),
        channel: t.arg({
          type: UseChannelEnum,
          required: false,
          description: 'Where the search came from, for analytics.',
        }),
      },
      resolve: async (_root, args, context): Promise<SearchPage> => {
        const { first, after } = forwardPage(args);
        const offset = after === null ? 0 : decodeOffsetCursor(after, 'after') + 1;
        if (offset > MAX_SEARCH_OFFSET) {
          throw badField('after', `search results end at result ${MAX_SEARCH_OFFSET}`);
        }
        const result = await context.services.search.searchArticles(
          context.principal,
          args.query,
          args.filter ?? {},
          first,
          offset,
          args.channel ?? null,
        );
        const edges = result.hits.map((hit, index) => ({
          cursor: encodeOffsetCursor(offset + index),
          node: hit.article,
          hit,
        }));
        return {
          ...result,
          edges,
          pageInfo: {
            hasNextPage: offset + result.hits.length < result.totalHits,
            hasPreviousPage: offset > 0,
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges[edges.length - 1]?.cursor ?? null,
          },
        };
      },
    },
    {
      name: 'ArticleSearchConnection',
      description: 'A page of search results, with counts and facets for the whole result.',
      fields: (c) => ({
        query: c.string({
          description: 'The query as it was searched (normalised).',
          resolve: (page) => page.query,
        }),
        totalHits: c.int({
          description: 'How many articles match (an estimate for large result sets).',
          resolve: (page) => page.totalHits,
        }),
        processingTimeMs: c.int({
          description: 'How long the engine took.',
          resolve: (page) => page.processingTimeMs,
        }),
        degraded: c.boolean({
          description:
            'True when the search engine was unavailable and simpler matching on MongoDB answered.',
          resolve: (page) => page.degraded,
        }),
        facets: c.field({
          type: SearchFacets,
          description: 'Counts per category and tag under the query and filter.',
          resolve: (page) => page.facets,
        }),
      }),
    },
    {
      name: 'ArticleSearchEdge',
      description: 'One search hit: the article, where it matched, and its cursor.',
      fields: (e) => ({
        title: e.string({
          description: 'The title as HTML: matches in <mark>, everything else escaped.',
          resolve: (edge) => hitOf(edge).title,
        }),
        snippet: e.string({
          description: 'A cropped passage of the body or summary, HTML like `title`.',
          resolve: (edge) => hitOf(edge).snippet,
        }),
        matchedErrorCodes: e.stringList({
          description: 'Error codes named in the query that this article is about.',
          resolve: (edge) => hitOf(edge).matchedErrorCodes,
        }),
      }),
    },
  ),
  synonymSets: t.field({
    type: [SynonymSetRef],
    nullable: true,
    description:
      'The managed synonym list, at most a few hundred sets (editors; null with an error for others).',
    resolve: (_root, _args, context) => context.services.synonyms.synonymSets(context.principal),
  }),
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

const CreateSynonymSetInput = builder.inputType('CreateSynonymSetInput', {
  description: 'A new set of terms that mean the same.',
  fields: (t) => ({
    terms: t.stringList({ required: true, description: 'Two or more terms.' }),
  }),
});
const UpdateSynonymSetInput = builder.inputType('UpdateSynonymSetInput', {
  description: "A set's new terms.",
  fields: (t) => ({
    id: t.id({ required: true, description: 'The synonym set.' }),
    expectedVersion: t.int({
      required: true,
      description: 'The version you edited; CONFLICT (with the current version) when it moved on.',
    }),
    terms: t.stringList({ required: true, description: 'The terms that replace the current ones.' }),
  }),
});
const DeleteSynonymSetInput = builder.inputType('DeleteSynonymSetInput', {
  description: 'A set to remove.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The synonym set.' }),
    expectedVersion: t.int({
      required: true,
      description: 'The version you saw; CONFLICT (with the current version) when it moved on.',
    }),
  }),
});

function synonymPayload(name: string, description: string) {
  return builder.objectRef<{ synonymSet: SynonymSet }>(name).implement({
    description,
    fields: (t) => ({
      synonymSet: t.field({
        type: SynonymSetRef,
        description: 'The set as it is now.',
        resolve: (payload) => payload.synonymSet,
      }),
    }),
  });
}
const CreateSynonymSetPayload = synonymPayload('CreateSynonymSetPayload', 'The new set.');
const UpdateSynonymSetPayload = synonymPayload('UpdateSynonymSetPayload', 'The changed set.');
const DeleteSynonymSetPayload = builder.objectRef<{ id: string }>('DeleteSynonymSetPayload').implement({
  description: 'What was removed.',
  fields: (t) => ({
    deletedSynonymSetId: t.exposeID('id', { description: 'The global id of the removed set.' }),
  }),
});

builder.mutationFields((t) => ({
  createSynonymSet: t.field({
    type: CreateSynonymSetPayload,
    nullable: true,
    description: 'Adds terms that mean the same (editors); pushed to the search engine in the background.',
    args: { input: t.arg({ type: CreateSynonymSetInput, required: true, description: 'The terms.' }) },
    resolve: (_root, { input }, context) =>
      underInput(async () => ({
        synonymSet: await context.services.synonyms.createSynonymSet(context.principal, input.terms),
      })),
  }),
  updateSynonymSet: t.field({
    type: UpdateSynonymSetPayload,
    nullable: true,
    description: "Replaces a set's terms (editors).",
    args: {
      input: t.arg({ type: UpdateSynonymSetInput, required: true, description: 'The set and terms.' }),
    },
    resolve: (_root, { input }, context) =>
      underInput(async () => ({
        synonymSet: await context.services.synonyms.updateSynonymSet(
          context.principal,
          objectIdOf(input.id, 'SynonymSet', 'input.id'),
          input.expectedVersion,
          input.terms,
        ),
      })),
  }),
  deleteSynonymSet: t.field({
    type: DeleteSynonymSetPayload,
    nullable: true,
    description: 'Removes a set (editors).',
    args: { input: t.arg({ type: DeleteSynonymSetInput, required: true, description: 'The set.' }) },
    resolve: (_root, { input }, context) =>
      underInput(async () => {
        const id = objectIdOf(input.id, 'SynonymSet', 'input.id');
        await context.services.synonyms.deleteSynonymSet(context.principal, id, input.expectedVersion);
        return { id: encodeGlobalID('SynonymSet', id.toHexString()) };
      }),
  }),
}));
