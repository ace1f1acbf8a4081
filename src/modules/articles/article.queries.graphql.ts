/** The GraphQL queries that read articles: `article` (by slug, counting the view) and `articles` (a filtered list). */
import { builder } from '../../schema/builder.js';
import { localeArg } from '../../schema/labels.js';
import { connectionPage, pageRequestOf } from '../../schema/paging.js';
import { articleCursor } from './article.paging.js';
import { MAX_PAGE_SIZE } from '../../lib/paging.js';
import {
  boundedCount,
  countLimitOf,
  CountRef,
  DEFAULT_COUNT_UP_TO,
  MAX_COUNT_UP_TO,
} from '../../schema/count.js';
import { ArticleRef, ArticleStatusEnum, AudienceEnum, LocaleEnum } from './article.refs.graphql.js';

const ArticleFilterInput = builder.inputType('ArticleFilter', {
  description: 'Every field given narrows the list.',
  fields: (t) => ({
    category: t.string({ description: 'A category key: matches the category and everything under it.' }),
    tag: t.string({ description: 'Articles with this tag.' }),
    status: t.field({
      type: ArticleStatusEnum,
      description: 'Editors and reviewers only, except PUBLISHED.',
    }),
    audience: t.field({ type: AudienceEnum, description: 'Only articles for this audience.' }),
    locale: t.field({ type: LocaleEnum, description: 'Only articles in this language.' }),
    errorCode: t.string({ description: 'Articles about this error code, e.g. 691.' }),
    expired: t.boolean({
      description:
        'true: only articles outside their validity window (editors); false: only those inside it.',
    }),
    mine: t.boolean({
      description: 'true: only articles you own (editors and reviewers; BAD_USER_INPUT for others).',
    }),
    rejected: t.boolean({
      description:
        'true: only articles a reviewer sent back and nobody submitted again (see `rejection`); false: the others (editors and reviewers).',
    }),
    hasOpenFlags: t.boolean({
      description: 'true: only articles with unresolved flags; false: those without (editors and reviewers).',
    }),
    expiresBefore: t.field({
      type: 'DateTime',
      description:
        'Only articles whose working copy has a validity end (validTo) before this instant; with expired: false, those still served that expire soon (editors and reviewers).',
    }),
  }),
});

builder.queryFields((t) => ({
  articleBodyPreview: t.string({
    nullable: true,
    authScopes: { role: 'editor' },
    description:
      "Renders a Markdown body exactly as `Article.bodyHtml` would (the editor's live preview; editors). BAD_USER_INPUT on `body` over 50,000 characters.",
    args: { body: t.arg.string({ required: true, description: 'The Markdown to render.' }) },
    resolve: (_root, args, context) =>
      context.services.articleReader.previewBody(context.principal, args.body),
  }),
  article: t.field({
    type: ArticleRef,
    nullable: true,
    description:
      'One article by slug and locale; null when it does not exist or you may not read it. A read counts as a view at most once per client and hour.',
    args: {
      slug: t.arg.string({ required: true, description: 'The URL name.' }),
      locale: t.arg(localeArg()),
    },
    resolve: (_root, args, context) =>
      context.services.feedback.readArticle(
        context.principal,
        context.client.key,
        args.slug,
        args.locale ?? 'zh-CN',
      ),
  }),
  articles: t.connection(
    {
      type: ArticleRef,
      description: `Articles you may read, most recently changed first, in keyset pages of at most ${MAX_PAGE_SIZE}.`,
      args: {
        filter: t.arg({ type: ArticleFilterInput, required: false, description: 'Narrows the list.' }),
      },
      resolve: async (_root, args, context) => {
        const page = await context.services.articleReader.listArticles(
          context.principal,
          args.filter ?? {},
          pageRequestOf(args),
        );
        return {
          ...connectionPage(page.items, (view) => articleCursor(view.doc), page),
          totalCount: page.totalCount,
          countUpTo: page.countUpTo,
        };
      },
    },
    {
      name: 'ArticleConnection',
      description: 'A page of articles.',
      fields: (c) => ({
        totalCount: c.int({
          description:
            'How many articles match the filter (all pages), exactly: a read of every match, so its cost grows with the list.',
          deprecationReason:
            'Use count(upTo:): bounded, so it costs the same however many articles there are.',
          resolve: (page) => page.totalCount(),
        }),
        count: c.field({
          type: CountRef,
          description: `How many articles match the filter (all pages): exact up to \`upTo\`, else AT_LEAST \`upTo\`.`,
          args: {
            upTo: c.arg.int({
              defaultValue: DEFAULT_COUNT_UP_TO,
              description: `Where counting stops (1-${MAX_COUNT_UP_TO}, default ${DEFAULT_COUNT_UP_TO}).`,
            }),
          },
          resolve: async (page, args) => {
            const limit = countLimitOf(args.upTo);
            return boundedCount(await page.countUpTo(limit), limit);
          },
        }),
      }),
    },
    { name: 'ArticleEdge', description: 'One article and its cursor.' },
  ),
}));
