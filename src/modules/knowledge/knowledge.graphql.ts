import { decodeGlobalID } from '@pothos/plugin-relay';
import { ObjectId } from 'mongodb';
import { badField } from '../../errors.js';
import { builder } from '../../schema/builder.js';
import { enumValues } from '../../schema/enums.js';
import type { Context } from '../../context.js';
import { ARTICLE_ACTIONS, ARTICLE_STATUSES, AUDIENCES, isInWindow } from './article.model.js';
import type { ArticleAction, CategoryDoc, RevisionDoc } from './article.model.js';
import type { FieldChange, LineChange } from './article.diff.js';
import { seesStaffMetadata } from './article.policy.js';
import { seesWorkingCopies } from './article.visibility.js';
import { articleCursor } from './knowledge.service.js';
import type { ArticleView, Page } from './knowledge.service.js';
import { renderMarkdown } from './markdown.js';
import { currentClient } from '../../http/rate-limit.js';

// ---- enums --------------------------------------------------------------------------------------

export const ArticleStatusEnum = builder.enumType('ArticleStatus', {
  description: 'Where the working copy is in the editorial workflow.',
  values: enumValues(ARTICLE_STATUSES),
});
export const AudienceEnum = builder.enumType('Audience', {
  description: 'PUBLIC: everyone. INTERNAL: staff (agents and up) only.',
  values: enumValues(AUDIENCES),
});
export const LocaleEnum = builder.enumType('Locale', {
  values: { ZH_CN: { value: 'zh-CN' as const }, EN: { value: 'en' as const } },
});
const ArticleActionEnum = builder.enumType('ArticleAction', {
  values: Object.fromEntries(
    ARTICLE_ACTIONS.map((action) => [action.toUpperCase(), { value: action }]),
  ) as Record<Uppercase<ArticleAction>, { value: ArticleAction }>,
});
const LineChangeKindEnum = builder.enumType('LineChangeKind', {
  values: {
    ADDED: { value: 'ADDED' as const },
    REMOVED: { value: 'REMOVED' as const },
    UNCHANGED: { value: 'UNCHANGED' as const },
  },
});

// ---- ids ----------------------------------------------------------------------------------------

/**
 * Decodes an Article global id (or a raw ObjectId hex string).
 * @throws AppError BAD_USER_INPUT naming `field` when it is neither.
 */
export function articleObjectId(id: string, field: string): ObjectId {
  let raw = id;
  if (!/^[0-9a-f]{24}$/i.test(id)) {
    try {
      const decoded = decodeGlobalID(id);
      if (decoded.typename !== 'Article') throw new Error('wrong type');
      raw = decoded.id;
    } catch {
      throw badField(field, 'not an Article id');
    }
  }
  if (!/^[0-9a-f]{24}$/i.test(raw)) throw badField(field, 'not an Article id');
  return new ObjectId(raw);
}

// ---- categories -----------------------------------------------------------------------------------

export const CategoryRef = builder.objectRef<CategoryDoc>('Category');
CategoryRef.implement({
  description: 'A node of the article category tree, e.g. 宽带故障 > 拨号错误.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The path key, e.g. broadband/dial-up-errors.' }),
    name: t.string({
      args: { locale: t.arg({ type: LocaleEnum, defaultValue: 'zh-CN' }) },
      resolve: (category, args) => category.name[args.locale ?? 'zh-CN'],
    }),
    parentKey: t.exposeString('parentKey', { nullable: true }),
    depth: t.int({ resolve: (category) => category.key.split('/').length - 1 }),
    order: t.exposeInt('order'),
  }),
});

async function categoryByKey(context: Context, key: string): Promise<CategoryDoc | null> {
  const all = await categoriesOf(context);
  return all.find((category) => category.key === key) ?? null;
}

/** The category list, read once per request. */
const categoryCache = new WeakMap<Context, Promise<CategoryDoc[]>>();
function categoriesOf(context: Context): Promise<CategoryDoc[]> {
  let cached = categoryCache.get(context);
  if (!cached) {
    cached = context.app.services.knowledge.categories();
    categoryCache.set(context, cached);
  }
  return cached;
}

// ---- articles -------------------------------------------------------------------------------------

export const ArticleRef = builder.objectRef<ArticleView>('Article');

const ArticleStats = builder.objectRef<ArticleView['doc']['counters']>('ArticleStats').implement({
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
  fields: (t) => ({
    by: t.exposeString('by'),
    at: t.expose('at', { type: 'DateTime' }),
    reason: t.exposeString('reason'),
  }),
});

const Revision = builder.objectRef<RevisionDoc>('ArticleRevision').implement({
  description: 'An immutable snapshot of an article after one saved change.',
  fields: (t) => ({
    version: t.exposeInt('version'),
    action: t.field({ type: ArticleActionEnum, resolve: (revision) => revision.action }),
    author: t.exposeString('author'),
    at: t.expose('at', { type: 'DateTime' }),
    note: t.exposeString('note', { nullable: true }),
    status: t.field({ type: ArticleStatusEnum, resolve: (revision) => revision.status }),
    title: t.string({ resolve: (revision) => revision.content.title }),
    summary: t.string({ resolve: (revision) => revision.content.summary }),
    body: t.string({ resolve: (revision) => revision.content.body }),
    category: t.string({ resolve: (revision) => revision.content.category }),
    tags: t.stringList({ resolve: (revision) => revision.content.tags }),
    errorCodes: t.stringList({ resolve: (revision) => revision.content.errorCodes }),
    audience: t.field({ type: AudienceEnum, resolve: (revision) => revision.content.audience }),
  }),
});

const RevisionPage = builder
  .objectRef<{ items: RevisionDoc[]; hasMore: boolean }>('ArticleHistory')
  .implement({
    fields: (t) => ({
      revisions: t.field({ type: [Revision], resolve: (page) => page.items }),
      hasMore: t.exposeBoolean('hasMore', {
        description: 'More, older revisions exist: ask again with `before` = the last version shown.',
      }),
    }),
  });

builder.node(ArticleRef, {
  description:
    'A knowledge-base article in one locale. Readers see its published revision; editors its working copy.',
  id: { resolve: (view) => view.doc._id.toHexString() },
  loadOne: async (id, context) => {
    if (!/^[0-9a-f]{24}$/i.test(id)) return null;
    const doc = await context.loaders.articleById.load(id.toLowerCase());
    return doc ? context.app.services.knowledge.view(context.principal, doc) : null;
  },
  fields: (t) => ({
    slug: t.string({ resolve: (view) => view.doc.slug }),
    locale: t.field({ type: LocaleEnum, resolve: (view) => view.doc.locale }),
    title: t.string({ resolve: (view) => view.content.title }),
    summary: t.string({ resolve: (view) => view.content.summary }),
    body: t.string({ description: 'Markdown.', resolve: (view) => view.content.body }),
    bodyHtml: t.string({
      description: 'The body rendered to HTML; raw HTML in the source is escaped.',
      resolve: (view) => renderMarkdown(view.content.body),
    }),
    category: t.field({
      type: CategoryRef,
      nullable: true,
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
    tags: t.stringList({ resolve: (view) => view.content.tags }),
    errorCodes: t.stringList({ resolve: (view) => view.content.errorCodes }),
    audience: t.field({ type: AudienceEnum, resolve: (view) => view.content.audience }),
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
    validFrom: t.field({ type: 'DateTime', nullable: true, resolve: (view) => view.content.validFrom }),
    validTo: t.field({ type: 'DateTime', nullable: true, resolve: (view) => view.content.validTo }),
    isExpired: t.boolean({
      description: 'Outside its validity window now: not served to agents or the public.',
      resolve: (view) => !isInWindow(view.content, new Date()),
    }),
    owner: t.string({
      nullable: true,
      description: 'Who is responsible for the article. Staff only: null for the public.',
      resolve: (view, _args, context) => (seesStaffMetadata(context.principal) ? view.doc.owner : null),
    }),
    createdAt: t.field({ type: 'DateTime', resolve: (view) => view.doc.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (view) => view.doc.updatedAt }),
    publishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (view) => view.doc.publishedAt }),
    stats: t.field({ type: ArticleStats, resolve: (view) => view.doc.counters }),
    rejection: t.field({
      type: Rejection,
      nullable: true,
      authScopes: { editorial: true },
      description: 'Why a reviewer sent it back (editors and reviewers).',
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
              ? context.app.services.knowledge.view(context.principal, doc)
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
          .map((doc) => context.app.services.knowledge.view(context.principal, doc))
          .filter((translation): translation is ArticleView => translation !== null);
      },
    }),
    history: t.field({
      type: RevisionPage,
      description: 'Saved revisions, newest first (editors, reviewers, admins).',
      args: { first: t.arg.int({ defaultValue: 20 }), before: t.arg.int({ required: false }) },
      resolve: (view, args, context) =>
        context.app.services.knowledge.history(context.principal, view.doc, args.first, args.before),
    }),
  }),
});

const ArticleEdge = builder.objectRef<{ cursor: string; node: ArticleView }>('ArticleEdge').implement({
  fields: (t) => ({
    cursor: t.exposeString('cursor'),
    node: t.field({ type: ArticleRef, resolve: (edge) => edge.node }),
  }),
});

const ArticlePageInfo = builder
  .objectRef<{ hasNextPage: boolean; endCursor: string | null }>('ArticlePageInfo')
  .implement({
    fields: (t) => ({
      hasNextPage: t.exposeBoolean('hasNextPage'),
      endCursor: t.exposeString('endCursor', { nullable: true }),
    }),
  });

const ArticleConnection = builder.objectRef<Page<ArticleView>>('ArticleConnection').implement({
  fields: (t) => ({
    edges: t.field({
      type: [ArticleEdge],
      resolve: (page) =>
        page.items.map((node) => ({
          cursor: articleCursor(node.doc),
          node,
        })),
    }),
    nodes: t.field({ type: [ArticleRef], resolve: (page) => page.items }),
    pageInfo: t.field({ type: ArticlePageInfo, resolve: (page) => page }),
    totalCount: t.int({
      description: 'How many articles match the filter (all pages).',
      resolve: (page) => page.totalCount(),
    }),
  }),
});

const ArticleFilterInput = builder.inputType('ArticleFilter', {
  fields: (t) => ({
    category: t.string({ description: 'A category key: matches the category and everything under it.' }),
    tag: t.string(),
    status: t.field({
      type: ArticleStatusEnum,
      description: 'Editors and reviewers only, except PUBLISHED.',
    }),
    audience: t.field({ type: AudienceEnum }),
    locale: t.field({ type: LocaleEnum }),
    errorCode: t.string({ description: 'e.g. 691' }),
    expired: t.boolean({ description: 'true: only articles outside their validity window (editors).' }),
  }),
});

// ---- diff -----------------------------------------------------------------------------------------

const FieldChangeRef = builder.objectRef<FieldChange>('FieldChange').implement({
  fields: (t) => ({
    field: t.exposeString('field'),
    before: t.exposeString('before', { nullable: true }),
    after: t.exposeString('after', { nullable: true }),
  }),
});
const LineChangeRef = builder.objectRef<LineChange>('LineChange').implement({
  fields: (t) => ({
    kind: t.field({ type: LineChangeKindEnum, resolve: (change) => change.kind }),
    lines: t.exposeStringList('lines'),
  }),
});
const ArticleDiffRef = builder
  .objectRef<{ from: RevisionDoc; to: RevisionDoc; fields: FieldChange[]; body: LineChange[] }>('ArticleDiff')
  .implement({
    fields: (t) => ({
      from: t.field({ type: Revision, resolve: (diff) => diff.from }),
      to: t.field({ type: Revision, resolve: (diff) => diff.to }),
      fields: t.field({
        type: [FieldChangeRef],
        description: 'Fields that differ (body listed, see bodyDiff).',
        resolve: (diff) => diff.fields,
      }),
      bodyDiff: t.field({
        type: [LineChangeRef],
        description: 'A line diff of the Markdown body.',
        resolve: (diff) => diff.body,
      }),
    }),
  });

// ---- queries --------------------------------------------------------------------------------------

builder.queryFields((t) => ({
  article: t.field({
    type: ArticleRef,
    nullable: true,
    description:
      'One article by slug and locale; null when it does not exist or you may not read it. A read counts as a view at most once per client and hour.',
    args: {
      slug: t.arg.string({ required: true }),
      locale: t.arg({ type: LocaleEnum, defaultValue: 'zh-CN' }),
    },
    resolve: (_root, args, context) =>
      context.app.services.feedback.readArticle(
        context.principal,
        currentClient().key,
        args.slug,
        args.locale ?? 'zh-CN',
      ),
  }),
  articles: t.field({
    type: ArticleConnection,
    description: 'Articles you may read, most recently changed first. Keyset pages of at most 100.',
    args: {
      filter: t.arg({ type: ArticleFilterInput, required: false }),
      first: t.arg.int({ defaultValue: 20 }),
      after: t.arg.string({ required: false }),
    },
    resolve: (_root, args, context) =>
      context.app.services.knowledge.listArticles(
        context.principal,
        args.filter ?? {},
        args.first,
        args.after,
      ),
  }),
  categories: t.field({
    type: [CategoryRef],
    description: 'The whole category tree, flat, parents before children.',
    resolve: (_root, _args, context) => categoriesOf(context),
  }),
  articleDiff: t.field({
    type: ArticleDiffRef,
    description: 'What changed between two revisions of an article (editors, reviewers, admins).',
    args: {
      id: t.arg.id({ required: true }),
      from: t.arg.int({ required: true }),
      to: t.arg.int({ required: true }),
    },
    resolve: (_root, args, context) =>
      context.app.services.knowledge.diff(
        context.principal,
        articleObjectId(String(args.id), 'id'),
        args.from,
        args.to,
      ),
  }),
}));

// ---- mutations ------------------------------------------------------------------------------------

const CreateArticleInput = builder.inputType('CreateArticleInput', {
  fields: (t) => ({
    slug: t.string({
      required: true,
      description: 'Lower-case letters, digits and hyphens; unique per locale.',
    }),
    locale: t.field({ type: LocaleEnum, defaultValue: 'zh-CN' }),
    title: t.string({ required: true }),
    summary: t.string(),
    body: t.string({ required: true, description: 'Markdown.' }),
    category: t.string({ required: true, description: 'A category key.' }),
    tags: t.stringList(),
    errorCodes: t.stringList(),
    audience: t.field({ type: AudienceEnum, defaultValue: 'PUBLIC' }),
    validFrom: t.field({ type: 'DateTime' }),
    validTo: t.field({ type: 'DateTime' }),
    related: t.idList({ description: 'Article ids.' }),
    note: t.string({ description: 'Change note for the history.' }),
  }),
});

const UpdateArticleInput = builder.inputType('UpdateArticleInput', {
  description: 'Only the fields given change.',
  fields: (t) => ({
    title: t.string(),
    summary: t.string(),
    body: t.string(),
    category: t.string(),
    tags: t.stringList(),
    errorCodes: t.stringList(),
    audience: t.field({ type: AudienceEnum }),
    validFrom: t.field({ type: 'DateTime' }),
    validTo: t.field({ type: 'DateTime' }),
    related: t.idList(),
    note: t.string({ description: 'Change note for the history.' }),
  }),
});

/** Turns related global ids into ObjectId hex strings, naming the bad one. */
function relatedIds(related: readonly (string | number)[] | null | undefined): string[] | undefined {
  if (related === null || related === undefined) return undefined;
  return related.map((id, index) => articleObjectId(String(id), `input.related.${index}`).toHexString());
}

/** Drops the keys a client did not send (GraphQL gives them as undefined, explicit nulls stay). */
function given<T extends Record<string, unknown>>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
}

builder.mutationFields((t) => ({
  createArticle: t.field({
    type: ArticleRef,
    description: 'Creates a draft (editors).',
    args: { input: t.arg({ type: CreateArticleInput, required: true }) },
    resolve: (_root, args, context) => {
      const { related, ...rest } = args.input;
      return context.app.services.knowledge.createArticle(context.principal, {
        ...given(rest),
        ...(related ? { related: relatedIds(related) } : {}),
      });
    },
  }),
  updateArticle: t.field({
    type: ArticleRef,
    description:
      'Saves changes to the working copy (editors). A published article stays live until the change is approved.',
    args: {
      id: t.arg.id({ required: true }),
      expectedVersion: t.arg.int({ required: true }),
      input: t.arg({ type: UpdateArticleInput, required: true }),
    },
    resolve: (_root, args, context) => {
      const { related, ...rest } = args.input;
      const input = {
        ...given(rest),
        ...(related !== undefined ? { related: relatedIds(related) ?? [] } : {}),
      };
      return context.app.services.knowledge.updateArticle(
        context.principal,
        articleObjectId(String(args.id), 'id'),
        args.expectedVersion,
        input,
      );
    },
  }),
  submitArticleForReview: t.field({
    type: ArticleRef,
    description: 'Sends a draft to the reviewers (editors).',
    args: {
      id: t.arg.id({ required: true }),
      expectedVersion: t.arg.int({ required: true }),
      note: t.arg.string(),
    },
    resolve: (_root, args, context) =>
      context.app.services.knowledge.submitArticleForReview(
        context.principal,
        articleObjectId(String(args.id), 'id'),
        args.expectedVersion,
        args.note,
      ),
  }),
  publishArticle: t.field({
    type: ArticleRef,
    description:
      'Approves a submitted article: its working copy becomes what agents and the public read (reviewers).',
    args: {
      id: t.arg.id({ required: true }),
      expectedVersion: t.arg.int({ required: true }),
      note: t.arg.string(),
    },
    resolve: (_root, args, context) =>
      context.app.services.knowledge.publishArticle(
        context.principal,
        articleObjectId(String(args.id), 'id'),
        args.expectedVersion,
        args.note,
      ),
  }),
  rejectArticle: t.field({
    type: ArticleRef,
    description: 'Sends a submitted article back to draft with a reason (reviewers).',
    args: {
      id: t.arg.id({ required: true }),
      expectedVersion: t.arg.int({ required: true }),
      reason: t.arg.string({ required: true }),
    },
    resolve: (_root, args, context) =>
      context.app.services.knowledge.rejectArticle(
        context.principal,
        articleObjectId(String(args.id), 'id'),
        args.expectedVersion,
        args.reason,
      ),
  }),
  archiveArticle: t.field({
    type: ArticleRef,
    description: 'Retires an article (editors, reviewers).',
    args: {
      id: t.arg.id({ required: true }),
      expectedVersion: t.arg.int({ required: true }),
      note: t.arg.string(),
    },
    resolve: (_root, args, context) =>
      context.app.services.knowledge.archiveArticle(
        context.principal,
        articleObjectId(String(args.id), 'id'),
        args.expectedVersion,
        args.note,
      ),
  }),
  restoreArticleRevision: t.field({
    type: ArticleRef,
    description: "Makes an old revision's content the new draft (editors).",
    args: {
      id: t.arg.id({ required: true }),
      expectedVersion: t.arg.int({ required: true }),
      revision: t.arg.int({ required: true }),
      note: t.arg.string(),
    },
    resolve: (_root, args, context) =>
      context.app.services.knowledge.restoreArticleRevision(
        context.principal,
        articleObjectId(String(args.id), 'id'),
        args.expectedVersion,
        args.revision,
        args.note,
      ),
  }),
}));
