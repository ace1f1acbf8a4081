/**
 * The GraphQL surface of the Article node: its fields, stats, rejection, related articles,
 * translations and history. Reads go through the knowledge service's visibility rules.
 */
import { builder } from '../../schema/builder.js';
import { connectionPage, pageRequestOf } from '../../schema/paging.js';
import { isInWindow } from './article.model.js';
import type { ArticleView, CategoryDoc } from './article.model.js';
import { seesStaffMetadata } from './article.policy.js';
import { seesWorkingCopies } from './article.visibility.js';
import { categoriesOf, categoryByKey } from './category.graphql.js';
import { MAX_PAGE_SIZE } from '../../lib/paging.js';
import {
  ArticleRef,
  ArticleStatusEnum,
  AudienceEnum,
  CategoryRef,
  LocaleEnum,
  RevisionRef,
} from './article.refs.graphql.js';
import { renderMarkdown } from './markdown.js';
import { revisionCursor } from './revision.graphql.js';

const ArticleStats = builder.objectRef<ArticleView['doc']['counters']>('ArticleStats').implement({
  description: 'How an article is read, rated, used and reported.',
  fields: (t) => ({
    views: t.exposeInt('views', {
      description: 'Reads by agents and the public, at most one per client and hour.',
    }),
    helpful: t.exposeInt('helpful', { description: 'Clients who rated it helpful (one rating per client).' }),
    notHelpful: t.exposeInt('notHelpful', { description: 'Clients who rated it not helpful.' }),
    uses: t.exposeInt('uses', { description: 'Times agents recorded using this answer.' }),
    openFlags: t.int({
      nullable: true,
      description: 'Problems reported by agents and not yet resolved. Staff only: null for the public.',
      resolve: (counters, _args, context) =>
        seesStaffMetadata(context.principal) ? counters.openFlags : null,
    }),
  }),
});

const Rejection = builder.objectRef<{ by: string; at: Date; reason: string }>('ArticleRejection').implement({
  description: 'Why a reviewer sent an article back to draft.',
  fields: (t) => ({
    by: t.exposeString('by', { description: 'The reviewer (token subject).' }),
    at: t.expose('at', { type: 'DateTime', description: 'When it was sent back.' }),
    reason: t.exposeString('reason', { description: "The reviewer's reason." }),
  }),
});

builder.node(ArticleRef, {
  description:
    'A knowledge-base article in one locale. Readers see its published revision; editors its working copy.',
  id: { resolve: (view) => view.doc._id.toHexString() },
  loadOne: async (id, context) => {
    if (!/^[0-9a-f]{24}$/i.test(id)) return null;
    const doc = await context.loaders.articleById.load(id.toLowerCase());
    return doc ? context.services.articleReader.view(context.principal, doc) : null;
  },
  fields: (t) => ({
    slug: t.string({
      description: 'The URL name, unique per locale; translations share it.',
      resolve: (view) => view.doc.slug,
    }),
    locale: t.field({
      type: LocaleEnum,
      description: 'The language it is written in.',
      resolve: (view) => view.doc.locale,
    }),
    title: t.string({ description: 'The title.', resolve: (view) => view.content.title }),
    summary: t.string({ description: 'A one-paragraph summary.', resolve: (view) => view.content.summary }),
    body: t.string({ description: 'Markdown.', resolve: (view) => view.content.body }),
    bodyHtml: t.string({
      description: 'The body rendered to HTML; raw HTML in the source is escaped.',
      resolve: (view) => renderMarkdown(view.content.body),
    }),
    category: t.field({
      type: CategoryRef,
      nullable: true,
      description: 'Its category; null if the category was removed.',
      resolve: (view, _args, context) => categoryByKey(context, view.content.category),
    }),
    categoryPath: t.field({
      type: [CategoryRef],
      description: 'The category and its ancestors, root first.',
      resolve: async (view, _args, context) => {
        const all = await categoriesOf(context);
        return view.content.categoryPath
          .map((key) => all.find((category) => category.key === key))
          .filter((category): category is CategoryDoc => category !== undefined);
      },
    }),
    tags: t.stringList({ description: 'Free tags, e.g. a hall tier.', resolve: (view) => view.content.tags }),
    errorCodes: t.stringList({
      description: 'Error codes it is about (e.g. 691); a search naming one ranks it first.',
      resolve: (view) => view.content.errorCodes,
    }),
    audience: t.field({
      type: AudienceEnum,
      description: 'Who may read it.',
      resolve: (view) => view.content.audience,
    }),
    status: t.field({
      type: ArticleStatusEnum,
      description:
        'Editors, reviewers and admins: where the working copy is in the workflow. Everyone else reads the published revision: PUBLISHED.',
      resolve: (view, _args, context) =>
        seesWorkingCopies(context.principal) ? view.doc.status : 'PUBLISHED',
    }),
    version: t.int({
      description:
        "Editors, reviewers and admins: the working copy's version, which grows with every saved change (send it back as expectedVersion). Everyone else: the version of the published revision they read (= publishedVersion).",
      // Readers only ever get articles with a live revision, and publishing sets liveVersion with it.
      resolve: (view, _args, context) =>
        seesWorkingCopies(context.principal) ? view.doc.version : (view.doc.liveVersion ?? 0),
    }),
    publishedVersion: t.int({
      nullable: true,
      description: 'The version agents and the public read; null until first published.',
      resolve: (view) => view.doc.liveVersion,
    }),
    hasUnpublishedChanges: t.boolean({
      nullable: true,
      description: 'The working copy differs from what is published. Staff only: null for the public.',
      resolve: (view, _args, context) =>
        seesStaffMetadata(context.principal)
          ? view.doc.live !== null && view.doc.status !== 'PUBLISHED' && view.doc.status !== 'ARCHIVED'
          : null,
    }),
    validFrom: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Served from this instant on; null: no start.',
      resolve: (view) => view.content.validFrom,
    }),
    validTo: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Served until this instant (exclusive); null: no end.',
      resolve: (view) => view.content.validTo,
    }),
    isExpired: t.boolean({
      description: 'Outside its validity window now: not served to agents or the public.',
      resolve: (view) => !isInWindow(view.content, new Date()),
    }),
    owner: t.string({
      nullable: true,
      description: 'Who is responsible for the article. Staff only: null for the public.',
      resolve: (view, _args, context) => (seesStaffMetadata(context.principal) ? view.doc.owner : null),
    }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When the draft was created.',
      resolve: (view) => view.doc.createdAt,
    }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'When it last changed (the order of `articles`).',
      resolve: (view) => view.doc.updatedAt,
    }),
    publishedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was last published; null until then.',
      resolve: (view) => view.doc.publishedAt,
    }),
    stats: t.field({
      type: ArticleStats,
      description: 'Reads, ratings, uses and open reports.',
      resolve: (view) => view.doc.counters,
    }),
    rejection: t.field({
      type: Rejection,
      nullable: true,
      authScopes: { editorial: true },
      description:
        'Why a reviewer sent it back (editors and reviewers; null with an error for others); null when it was not sent back.',
      resolve: (view) => view.doc.rejection,
    }),
    related: t.field({
      type: [ArticleRef],
      description: 'Related articles you may read (others are left out).',
      resolve: async (view, _args, context) => {
        const docs = await context.loaders.articleById.loadMany(
          view.content.related.map((id) => id.toHexString()),
        );
        return docs
          .map((doc) =>
            doc && !(doc instanceof Error)
              ? context.services.articleReader.view(context.principal, doc)
              : null,
          )
          .filter((related): related is ArticleView => related !== null);
      },
    }),
    translations: t.field({
      type: [ArticleRef],
      description: 'The same article in other locales, where you may read it.',
      resolve: async (view, _args, context) => {
        const docs = await context.loaders.articlesBySlug.load(view.doc.slug);
        return docs
          .filter((doc) => doc.locale !== view.doc.locale)
          .map((doc) => context.services.articleReader.view(context.principal, doc))
          .filter((translation): translation is ArticleView => translation !== null);
      },
    }),
    history: t.connection(
      {
        type: RevisionRef,
        nullable: true,
        description: `Saved revisions, newest first, in pages of at most ${MAX_PAGE_SIZE} (editors, reviewers, admins; null with FORBIDDEN for others).`,
        resolve: async (view, args, context) => {
          const page = await context.services.articleHistory.history(
            context.principal,
            view.doc,
            pageRequestOf(args),
          );
          return { ...connectionPage(page.items, revisionCursor, page), totalCount: page.totalCount };
        },
      },
      {
        name: 'ArticleRevisionConnection',
        description: 'A page of article revisions.',
        fields: (c) => ({
          totalCount: c.int({
            description: 'How many revisions the article has (all pages).',
            resolve: (page) => page.totalCount(),
          }),
        }),
      },
      { name: 'ArticleRevisionEdge', description: 'One revision and its cursor.' },
    ),
  }),
});
