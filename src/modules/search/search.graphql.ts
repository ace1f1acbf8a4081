/** Article search in GraphQL: `searchArticles`, a connection of hits with counts and facets. */
import { badField } from '../../errors.js';
import { builder } from '../../schema/builder.js';
import { DEFAULT_PAGE_SIZE, pageRequestOf } from '../../schema/paging.js';
import { sizeField } from '../../lib/paging.js';
import type { PageRequest } from '../../lib/paging.js';
import { decodeOffsetCursor, encodeOffsetCursor } from '../../db/keyset.js';
import { ArticleRef, AudienceEnum, LocaleEnum } from '../articles/schema.js';
import { INDEX_ENTRY_ARTICLE_FIELDS } from '../articles/index.js';
import { connectionNodeFields, selectsField } from '../../schema/selection.js';
import { UseChannelEnum } from '../feedback/schema.js';
import type { ArticleView } from '../articles/index.js';
import type { DidYouMean, FacetCount, SearchHit, SearchResult } from './search-results.js';
import type { AnswerCard, AnswerCardKind } from './answer-card.js';
import { ComplaintDeadlineRef, ComplaintGradePolicyRef } from '../complaints/schema.js';
import { labelledEnum } from '../../schema/labels.js';
import { Kind } from 'graphql';
import type { GraphQLResolveInfo } from 'graphql';

/** Hits per page at most, and how deep a search may page (the engine pages by offset). */
const MAX_SEARCH_PAGE = 50;
const MAX_SEARCH_OFFSET = 1000;

/**
 * The results a page asks for: from `after` onwards (forward), or the `last` results before
 * `before` (backward; a search pages by position, so backward pages need `before`).
 * @throws AppError BAD_USER_INPUT naming `after`, `before` or `last`.
 */
function searchWindow(request: PageRequest): { offset: number; first: number } {
  const start = request.after === null ? 0 : decodeOffsetCursor(request.after, 'after') + 1;
  const size = request.size ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_SEARCH_PAGE) {
    throw badField(sizeField(request), `must be between 1 and ${MAX_SEARCH_PAGE}`);
  }
  let offset = start;
  let first = size;
  if (request.before !== null) {
    const end = decodeOffsetCursor(request.before, 'before');
    if (request.backward) offset = Math.max(start, end - size);
    first = Math.min(size, end - offset);
  } else if (request.backward) {
    throw badField('last', 'search pages backward from a cursor: give before as well');
  }
  if (offset > MAX_SEARCH_OFFSET) {
    throw badField('after', `search results end at result ${MAX_SEARCH_OFFSET}`);
  }
  if (first < 1) throw badField('before', 'no results lie before this cursor');
  return { offset, first };
}

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

const DidYouMeanRef = builder.objectRef<DidYouMean>('SearchSpellingSuggestion').implement({
  description:
    'A spelling correction of a query that found nothing (你是不是要找), from the titles, tags, error codes, synonyms and popular searches the service knows.',
  fields: (t) => ({
    query: t.exposeString('query', { description: 'The corrected query (normalised), to search instead.' }),
    hitCount: t.exposeInt('hitCount', {
      description: 'How many articles it finds for you (an estimate, before translations are left out).',
    }),
  }),
});

const AnswerCardKindEnum = labelledEnum('AnswerCardKind', {
  description: 'What an answer card shows besides the summary.',
  labels: {
    ERROR_CODE: { 'zh-CN': '错误代码', en: 'Error code' },
    COMPLAINT_GRADES: { 'zh-CN': '投诉时限', en: 'Complaint deadlines' },
    SUMMARY: { 'zh-CN': '摘要', en: 'Summary' },
  } satisfies Record<AnswerCardKind, unknown>,
});

const AnswerCardRef = builder.objectRef<AnswerCard>('SearchAnswerCard').implement({
  description:
    'The answer at a glance (答案卡片), on the first page when the top hit is a confident match: a code the query names, or a high ranking score well ahead of the next article.',
  fields: (t) => ({
    kind: t.field({
      type: AnswerCardKindEnum,
      description: 'What the card shows.',
      resolve: (card) => card.kind,
    }),
    article: t.field({
      type: ArticleRef,
      description: 'The top hit the card is about.',
      resolve: (card) => card.article,
    }),
    summary: t.exposeString('summary', { description: 'The article summary, as written.' }),
    errorCode: t.string({
      nullable: true,
      description: 'The error code the query names that the article is about.',
      resolve: (card) => card.errorCode,
    }),
    causes: t.exposeStringList('causes', {
      description: "The items of the article's causes section (常见原因), plain text; may be empty.",
    }),
    steps: t.exposeStringList('steps', {
      description: "The items of the article's steps section (处理步骤), plain text, in order; may be empty.",
    }),
    complaintGrades: t.field({
      type: [ComplaintGradePolicyRef],
      description: 'For complaint-deadline articles: the grades they are about, from the complaint policy.',
      resolve: (card) => card.complaintGrades,
    }),
    complaintDeadlines: t.field({
      type: [ComplaintDeadlineRef],
      description: "Those grades' deadlines for a complaint received now (at the time of the search).",
      resolve: (card) => card.complaintDeadlines,
    }),
  }),
});

/**
 * What the connection's selection asks of `answerCard`: nothing (`null`), or the field names selected
 * on its `article` (a fragment anywhere on the way counts as asking for every field).
 */
function answerCardSelection(info: GraphQLResolveInfo): Set<string> | null {
  let asked = false;
  const fields = new Set<string>();
  const everything = () => fields.add('*');
  for (const node of info.fieldNodes) {
    for (const selection of node.selectionSet?.selections ?? []) {
      if (selection.kind !== Kind.FIELD) {
        asked = true;
        everything();
      } else if (selection.name.value === 'answerCard') {
        asked = true;
        for (const part of selection.selectionSet?.selections ?? []) {
          if (part.kind !== Kind.FIELD) everything();
          else if (part.name.value === 'article')
            for (const field of part.selectionSet?.selections ?? [])
              fields.add(field.kind === Kind.FIELD ? field.name.value : '*');
        }
      }
    }
  }
  return asked ? fields : null;
}

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
      resolve: async (_root, args, context, info): Promise<SearchPage> => {
        const { offset, first } = searchWindow(pageRequestOf(args));
        // Hits whose selected Article fields (on the nodes and on the answer card's article) the
        // index entry answers need no MongoDB read.
        const card = answerCardSelection(info);
        const fromIndex = [...connectionNodeFields(info), ...(card ?? [])].every((name) =>
          INDEX_ENTRY_ARTICLE_FIELDS.has(name),
        );
        const result = await context.services.search.searchArticles(
          context.principal,
          args.query,
          args.filter ?? {},
          first,
          offset,
          {
            channel: args.channel ?? null,
            articles: fromIndex ? 'index' : 'stored',
            answerCard: card !== null,
            facets: selectsField(info, 'facets'),
          },
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
        relaxedQuery: c.string({
          nullable: true,
          description:
            'When the query found nothing (查询无结果) and a shorter form of it, without some of its words, did: that form (放宽后的查询), whose results these are, for a "did you mean" line. Never set for a query that has answers; an error code the query names is never dropped.',
          resolve: (page) => page.relaxedQuery ?? null,
        }),
        didYouMean: c.field({
          type: DidYouMeanRef,
          nullable: true,
          description:
            'When the query found nothing (查询无结果): a spelling correction that finds something ("你是不是要找 / did you mean"). Set only then, also beside `relaxedQuery`; an error code is never changed into another code.',
          resolve: (page) => page.didYouMean ?? null,
        }),
        answerCard: c.field({
          type: AnswerCardRef,
          nullable: true,
          description:
            "On the first page, when the top hit is a confident answer: its summary and computed facts (an error code's causes and steps, a complaint grade's deadlines). Null otherwise.",
          resolve: (page) => page.answerCard ?? null,
        }),
        degraded: c.boolean({
          description:
            'True when simpler matching on MongoDB answered (降级): the search engine was unavailable, or its index was still being built (it lacked most published articles, as in the first seconds after a first start).',
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
}));
