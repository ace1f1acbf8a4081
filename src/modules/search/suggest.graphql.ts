/** Type-ahead in GraphQL: `suggestArticles`. */
import { builder } from '../../schema/builder.js';
import { labelledEnum } from '../../schema/labels.js';
import { ArticleRef } from '../articles/schema.js';
import type { ArticleView } from '../articles/index.js';
import { MAX_PREFIX_LENGTH, MAX_SUGGESTIONS } from './suggest.js';
import type { Suggestion, SuggestionKind } from './suggest.js';

const SuggestionKindEnum = labelledEnum('SuggestionKind', {
  description: 'What a type-ahead suggestion is.',
  labels: {
    ERROR_CODE: { 'zh-CN': '错误代码', en: 'Error code' },
    POPULAR_QUERY: { 'zh-CN': '热门搜索', en: 'Popular search' },
    TITLE: { 'zh-CN': '文章标题', en: 'Article title' },
  } satisfies Record<SuggestionKind, unknown>,
});

const ArticleSuggestionRef = builder.objectRef<Suggestion>('ArticleSuggestion').implement({
  description: 'One type-ahead suggestion: an error code, a popular search or an article title.',
  fields: (t) => ({
    kind: t.field({ type: SuggestionKindEnum, description: 'What it is.', resolve: (s) => s.kind }),
    text: t.exposeString('text', { description: 'The text to put in the search box (plain).' }),
    highlighted: t.exposeString('highlighted', {
      description: 'The text as HTML: what matched the prefix in <mark>, everything else escaped.',
    }),
    article: t.field({
      type: ArticleRef,
      nullable: true,
      description:
        'The article the suggestion leads to (an error code’s or a title’s article); null for a popular search or an article you may not read.',
      resolve: async (suggestion, _args, context): Promise<ArticleView | null> => {
        if (!suggestion.articleId) return null;
        const doc = await context.loaders.articleById.load(suggestion.articleId);
        return doc ? context.services.articleReader.view(context.principal, doc, 'search') : null;
      },
    }),
  }),
});

builder.queryFields((t) => ({
  suggestArticles: t.field({
    type: [ArticleSuggestionRef],
    nullable: true,
    description: `Type-ahead suggestions for what has been typed so far (输入联想): error codes, popular searches and titles of articles you may read, at most ${MAX_SUGGESTIONS}. Served by the search engine and an in-memory list of popular searches. Null with SEARCH_UNAVAILABLE when the engine cannot answer.`,
    args: {
      prefix: t.arg.string({
        required: true,
        description: `What has been typed (1-${MAX_PREFIX_LENGTH} characters).`,
      }),
      first: t.arg.int({
        required: false,
        defaultValue: 8,
        description: `How many suggestions at most (1-${MAX_SUGGESTIONS}, default 8).`,
      }),
    },
    resolve: (_root, args, context) =>
      context.services.suggest.suggest(context.principal, args.prefix, args.first ?? 8),
  }),
}));
