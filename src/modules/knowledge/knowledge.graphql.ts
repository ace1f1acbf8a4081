/**
 * The GraphQL surface of articles, revisions, categories, diffs. Over 350 lines because every field, argument and input field
 * carries a description (a test requires it); to be split into types / queries / mutations files.
 */
import { ObjectId } from 'mongodb';
import { badField } from '../../errors.js';
import { builder } from '../../schema/builder.js';
import { labelledEnum, LocaleEnum, localeArg } from '../../schema/labels.js';
import { connectionPage, forwardPage, given, objectIdOf, underInput } from '../../schema/paging.js';
import { decodeCursor, encodeCursor } from '../../db/keyset.js';
import type { Context } from '../../context.js';
import { ARTICLE_ACTIONS, isInWindow } from './article.model.js';
import type { ArticleAction, ArticleStatus, Audience, CategoryDoc, RevisionDoc } from './article.model.js';
import type { FieldChange, LineChange } from './article.diff.js';
import { seesStaffMetadata } from './article.policy.js';
import { seesWorkingCopies } from './article.visibility.js';
import { articleCursor, MAX_PAGE_SIZE } from './knowledge.service.js';
import type { ArticleView } from './knowledge.service.js';
import { renderMarkdown } from './markdown.js';
import { currentClient } from '../../http/rate-limit.js';

export { LocaleEnum };

// ---- enums --------------------------------------------------------------------------------------

export const ArticleStatusEnum = labelledEnum('ArticleStatus', {
  description: 'Where the working copy is in the editorial workflow.',
  labels: {
    DRAFT: { 'zh-CN': '草稿', en: 'Draft' },
    IN_REVIEW: { 'zh-CN': '待审核', en: 'In review' },
    PUBLISHED: { 'zh-CN': '已发布', en: 'Published' },
    ARCHIVED: { 'zh-CN': '已归档', en: 'Archived' },
  } satisfies Record<ArticleStatus, unknown>,
  notes: {
    DRAFT: 'Being written; editors may change it',
    IN_REVIEW: 'Submitted; a reviewer publishes it or sends it back',
    PUBLISHED: 'Approved: agents and the public read it',
    ARCHIVED: 'Retired: no longer served',
  },
});
export const AudienceEnum = labelledEnum('Audience', {
  description: 'Who may read an article.',
  labels: {
    PUBLIC: { 'zh-CN': '公开', en: 'Public' },
    INTERNAL: { 'zh-CN': '内部', en: 'Internal' },
  } satisfies Record<Audience, unknown>,
  notes: { PUBLIC: 'Everyone, portals included', INTERNAL: 'Staff (agents and up) only' },
});
const ArticleActionEnum = labelledEnum('ArticleAction', {
  description: 'The change a revision records.',
  labels: {
    CREATE: { 'zh-CN': '创建', en: 'Created' },
    UPDATE: { 'zh-CN': '修改', en: 'Updated' },
    SUBMIT: { 'zh-CN': '提交审核', en: 'Submitted for review' },
    PUBLISH: { 'zh-CN': '发布', en: 'Published' },
    REJECT: { 'zh-CN': '退回', en: 'Rejected' },
    ARCHIVE: { 'zh-CN': '归档', en: 'Archived' },
    RESTORE: { 'zh-CN': '恢复旧版本', en: 'Restored an old revision' },
  } satisfies Record<Uppercase<ArticleAction>, unknown>,
  internal: Object.fromEntries(ARTICLE_ACTIONS.map((action) => [action.toUpperCase(), action])) as Record<
    Uppercase<ArticleAction>,
    ArticleAction
  >,
});
const LineChangeKindEnum = builder.enumType('LineChangeKind', {
  description: 'How a run of lines differs between two revisions.',
  values: {
    ADDED: { value: 'ADDED' as const, description: 'Only in the newer revision.' },
    REMOVED: { value: 'REMOVED' as const, description: 'Only in the older revision.' },
    UNCHANGED: { value: 'UNCHANGED' as const, description: 'In both.' },
  },
});

// ---- ids ----------------------------------------------------------------------------------------

/**
 * Decodes an Article global id (or a raw ObjectId hex string).
 * @throws AppError BAD_USER_INPUT naming `field` when it is neither.
 */
export function articleObjectId(id: string | number, field: string): ObjectId {
  return objectIdOf(id, 'Article', field);
}

// ---- categories -----------------------------------------------------------------------------------

export const CategoryRef = builder.objectRef<CategoryDoc>('Category');
CategoryRef.implement({
  description: 'A node of the article category tree, e.g. 宽带故障 > 拨号错误.',
  fields: (t) => ({
    key: t.exposeString('key', { description: 'The path key, e.g. broadband/dial-up-errors.' }),
    name: t.string({
      description: 'The display name in the locale asked for.',
      args: { locale: t.arg(localeArg()) },
      resolve: (category, args) => category.name[args.locale ?? 'zh-CN'],
    }),
    parentKey: t.exposeString('parentKey', {
      nullable: true,
      description: 'The key of the parent category; null at the root.',
    }),
    depth: t.int({
      description: '0 at the root.',
      resolve: (category) => category.key.split('/').length - 1,
    }),
    order: t.exposeInt('order', { description: 'Position among its siblings (ascending).' }),
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

/** The global id of a revision: the article's id and the version. */
function revisionKey(revision: Pick<RevisionDoc, 'articleId' | 'version'>): string {
  return `${revision.articleId.toHexString()}:${revision.version}`;
}

export const RevisionRef = builder.objectRef<RevisionDoc>('ArticleRevision');
builder.node(RevisionRef, {
  description:
    'An immutable snapshot of an article after one saved change (editors, reviewers and admins; null for others).',
  id: { resolve: (revision) => revisionKey(revision) },
  loadOne: (id, context) => {
    const match = /^([0-9a-f]{24}):([1-9][0-9]{0,8})$/i.exec(id);
    if (!match?.[1] || !match[2]) return null;
    return context.app.services.knowledge.revision(
      context.principal,
      new ObjectId(match[1]),
      Number(match[2]),
    );
  },
  fields: (t) => ({
    version: t.exposeInt('version', { description: 'The article version this revision saved.' }),
    action: t.field({
      type: ArticleActionEnum,
      description: 'The change it records.',
      resolve: (revision) => revision.action,
    }),
    author: t.exposeString('author', { description: 'Who made the change (token subject).' }),
    at: t.expose('at', { type: 'DateTime', description: 'When the change was saved.' }),
    note: t.exposeString('note', { nullable: true, description: 'The change note, if one was given.' }),
    status: t.field({
      type: ArticleStatusEnum,
      description: 'The workflow status after the change.',
      resolve: (revision) => revision.status,
    }),
    article: t.field({
      type: ArticleRef,
      nullable: true,
      description: 'The article it belongs to; null when you may not read it.',
      resolve: async (revision, _args, context) => {
        const doc = await context.loaders.articleById.load(revision.articleId.toHexString());
        return doc ? context.app.services.knowledge.view(context.principal, doc) : null;
      },
    }),
    title: t.string({ description: 'The title then.', resolve: (revision) => revision.content.title }),
    summary: t.string({ description: 'The summary then.', resolve: (revision) => revision.content.summary }),
    body: t.string({ description: 'The Markdown body then.', resolve: (revision) => revision.content.body }),
    category: t.string({
      description: 'The category key then.',
      resolve: (revision) => revision.content.category,
    }),
    tags: t.stringList({ description: 'The tags then.', resolve: (revision) => revision.content.tags }),
    errorCodes: t.stringList({
      description: 'The error codes then.',
      resolve: (revision) => revision.content.errorCodes,
    }),
    audience: t.field({
      type: AudienceEnum,
      description: 'The audience then.',
      resolve: (revision) => revision.content.audience,
    }),
  }),
});

/** Pages of revisions: the cursor holds the version (the history is sorted on it, newest first). */
function revisionCursor(revision: RevisionDoc): string {
  return encodeCursor(revision.version, revision.articleId);
}
function versionBefore(after: string | null): number | null {
  if (after === null) return null;
  const { value } = decodeCursor(after, 'after');
  if (typeof value !== 'number' || !Number.isInteger(value)) throw badField('after', 'not a history cursor');
  return value;
}

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
    history: t.connection(
      {
        type: RevisionRef,
        nullable: true,
        description: `Saved revisions, newest first, in pages of at most ${MAX_PAGE_SIZE} (editors, reviewers, admins; null with FORBIDDEN for others).`,
        resolve: async (view, args, context) => {
          const { first, after } = forwardPage(args);
          const page = await context.app.services.knowledge.history(
            context.principal,
            view.doc,
            first,
            versionBefore(after),
          );
          return connectionPage(page.items, revisionCursor, page.hasMore, after);
        },
      },
      { name: 'ArticleRevisionConnection', description: 'A page of article revisions.' },
      { name: 'ArticleRevisionEdge', description: 'One revision and its cursor.' },
    ),
  }),
});

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
  }),
});

// ---- diff -----------------------------------------------------------------------------------------

const FieldChangeRef = builder.objectRef<FieldChange>('FieldChange').implement({
  description: 'One field that differs between two revisions.',
  fields: (t) => ({
    field: t.exposeString('field', { description: 'The field name, e.g. title.' }),
    before: t.exposeString('before', { nullable: true, description: 'The older value (lists joined).' }),
    after: t.exposeString('after', { nullable: true, description: 'The newer value (lists joined).' }),
  }),
});
const LineChangeRef = builder.objectRef<LineChange>('LineChange').implement({
  description: 'A run of body lines that were added, removed or kept.',
  fields: (t) => ({
    kind: t.field({
      type: LineChangeKindEnum,
      description: 'Added, removed or unchanged.',
      resolve: (change) => change.kind,
    }),
    lines: t.exposeStringList('lines', { description: 'The lines, in order.' }),
  }),
});
const ArticleDiffRef = builder
  .objectRef<{ from: RevisionDoc; to: RevisionDoc; fields: FieldChange[]; body: LineChange[] }>('ArticleDiff')
  .implement({
    description: 'What changed between two revisions of an article.',
    fields: (t) => ({
      from: t.field({ type: RevisionRef, description: 'The older revision.', resolve: (diff) => diff.from }),
      to: t.field({ type: RevisionRef, description: 'The newer revision.', resolve: (diff) => diff.to }),
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
      slug: t.arg.string({ required: true, description: 'The URL name.' }),
      locale: t.arg(localeArg()),
    },
    resolve: (_root, args, context) =>
      context.app.services.feedback.readArticle(
        context.principal,
        currentClient().key,
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
        const { first, after } = forwardPage(args);
        const page = await context.app.services.knowledge.listArticles(
          context.principal,
          args.filter ?? {},
          first,
          after,
        );
        return {
          ...connectionPage(page.items, (view) => articleCursor(view.doc), page.hasNextPage, after),
          totalCount: page.totalCount,
        };
      },
    },
    {
      name: 'ArticleConnection',
      description: 'A page of articles.',
      fields: (c) => ({
        totalCount: c.int({
          description: 'How many articles match the filter (all pages).',
          resolve: (page) => page.totalCount(),
        }),
      }),
    },
    { name: 'ArticleEdge', description: 'One article and its cursor.' },
  ),
  categories: t.field({
    type: [CategoryRef],
    description: 'The whole category tree, flat, parents before children.',
    resolve: (_root, _args, context) => categoriesOf(context),
  }),
  articleDiff: t.field({
    type: ArticleDiffRef,
    nullable: true,
    description:
      'What changed between two revisions of an article (editors, reviewers, admins); null with NOT_FOUND for an unknown revision.',
    args: {
      id: t.arg.id({ required: true, description: 'The article.' }),
      from: t.arg.int({ required: true, description: 'The older version.' }),
      to: t.arg.int({ required: true, description: 'The newer version.' }),
    },
    resolve: (_root, args, context) =>
      context.app.services.knowledge.diff(
        context.principal,
        articleObjectId(args.id, 'id'),
        args.from,
        args.to,
      ),
  }),
}));

// ---- mutations ------------------------------------------------------------------------------------

/** The payload of an article mutation: the article as it is now. */
function articlePayload(name: string, description: string) {
  return builder.objectRef<{ article: ArticleView }>(name).implement({
    description,
    fields: (t) => ({
      article: t.field({
        type: ArticleRef,
        description: 'The article after the change.',
        resolve: (payload) => payload.article,
      }),
    }),
  });
}

const articleContentFields = {
  title: 'The title.',
  summary: 'A one-paragraph summary.',
  body: 'Markdown.',
  category: 'A category key.',
  tags: 'Free tags.',
  errorCodes: 'Error codes it is about, e.g. 691.',
  audience: 'Who may read it.',
  validFrom: 'Served from this instant on.',
  validTo: 'Served until this instant (exclusive).',
  related: 'Related article ids.',
  note: 'Change note for the history.',
} as const;

const CreateArticleInput = builder.inputType('CreateArticleInput', {
  description: 'A new draft.',
  fields: (t) => ({
    slug: t.string({
      required: true,
      description: 'Lower-case letters, digits and hyphens; unique per locale.',
    }),
    locale: t.field({ type: LocaleEnum, defaultValue: 'zh-CN', description: 'Its language.' }),
    title: t.string({ required: true, description: articleContentFields.title }),
    summary: t.string({ description: articleContentFields.summary }),
    body: t.string({ required: true, description: articleContentFields.body }),
    category: t.string({ required: true, description: articleContentFields.category }),
    tags: t.stringList({ description: articleContentFields.tags }),
    errorCodes: t.stringList({ description: articleContentFields.errorCodes }),
    audience: t.field({
      type: AudienceEnum,
      defaultValue: 'PUBLIC',
      description: articleContentFields.audience,
    }),
    validFrom: t.field({ type: 'DateTime', description: articleContentFields.validFrom }),
    validTo: t.field({ type: 'DateTime', description: articleContentFields.validTo }),
    related: t.idList({ description: articleContentFields.related }),
    note: t.string({ description: articleContentFields.note }),
  }),
});

const UpdateArticleInput = builder.inputType('UpdateArticleInput', {
  description: 'Changes to the working copy: only the fields given change.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The article.' }),
    expectedVersion: t.int({
      required: true,
      description: 'The version you edited; CONFLICT (with the current version) when it moved on.',
    }),
    title: t.string({ description: articleContentFields.title }),
    summary: t.string({ description: articleContentFields.summary }),
    body: t.string({ description: articleContentFields.body }),
    category: t.string({ description: articleContentFields.category }),
    tags: t.stringList({ description: articleContentFields.tags }),
    errorCodes: t.stringList({ description: articleContentFields.errorCodes }),
    audience: t.field({ type: AudienceEnum, description: articleContentFields.audience }),
    validFrom: t.field({ type: 'DateTime', description: articleContentFields.validFrom }),
    validTo: t.field({ type: 'DateTime', description: articleContentFields.validTo }),
    related: t.idList({ description: articleContentFields.related }),
    note: t.string({ description: articleContentFields.note }),
  }),
});

/** A workflow step's input: the article, the version you saw, and a change note. */
function transitionInput(name: string, description: string) {
  return builder.inputType(name, {
    description,
    fields: (t) => ({
      id: t.id({ required: true, description: 'The article.' }),
      expectedVersion: t.int({
        required: true,
        description: 'The version you saw; CONFLICT (with the current version) when it moved on.',
      }),
      note: t.string({ description: 'Change note for the history.' }),
    }),
  });
}

/** Turns related global ids into ObjectId hex strings, naming the bad one. */
function relatedIds(related: readonly (string | number)[] | null | undefined): string[] | undefined {
  if (related === null || related === undefined) return undefined;
  return related.map((id, index) => articleObjectId(id, `input.related.${index}`).toHexString());
}

const SubmitInput = transitionInput('SubmitArticleForReviewInput', 'A draft to send to the reviewers.');
const PublishInput = transitionInput('PublishArticleInput', 'A submitted article to approve.');
const ArchiveInput = transitionInput('ArchiveArticleInput', 'An article to retire.');
const RejectInput = builder.inputType('RejectArticleInput', {
  description: 'A submitted article to send back to draft.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The article.' }),
    expectedVersion: t.int({
      required: true,
      description: 'The version you saw; CONFLICT (with the current version) when it moved on.',
    }),
    reason: t.string({ required: true, description: 'Why, for the author.' }),
  }),
});
const RestoreInput = builder.inputType('RestoreArticleRevisionInput', {
  description: "An old revision whose content becomes the article's new draft.",
  fields: (t) => ({
    id: t.id({ required: true, description: 'The article.' }),
    expectedVersion: t.int({
      required: true,
      description: 'The version you saw; CONFLICT (with the current version) when it moved on.',
    }),
    revision: t.int({ required: true, description: 'The version to restore.' }),
    note: t.string({ description: 'Change note for the history.' }),
  }),
});

export const CreateArticlePayload = articlePayload('CreateArticlePayload', 'The new draft.');
const UpdateArticlePayload = articlePayload('UpdateArticlePayload', 'The saved working copy.');
const SubmitPayload = articlePayload('SubmitArticleForReviewPayload', 'The article, now IN_REVIEW.');
const PublishPayload = articlePayload('PublishArticlePayload', 'The article, now PUBLISHED.');
const RejectPayload = articlePayload('RejectArticlePayload', 'The article, back in DRAFT with the reason.');
const ArchivePayload = articlePayload('ArchiveArticlePayload', 'The article, now ARCHIVED.');
const RestorePayload = articlePayload(
  'RestoreArticleRevisionPayload',
  'The article with the restored draft.',
);

builder.mutationFields((t) => ({
  createArticle: t.field({
    type: CreateArticlePayload,
    nullable: true,
    description: 'Creates a draft (editors). CONFLICT when the slug is taken in that locale.',
    args: { input: t.arg({ type: CreateArticleInput, required: true, description: 'The draft.' }) },
    resolve: (_root, args, context) =>
      underInput(async () => {
        const { related, ...rest } = args.input;
        const article = await context.app.services.knowledge.createArticle(context.principal, {
          ...given(rest),
          ...(related ? { related: relatedIds(related) } : {}),
        });
        return { article };
      }),
  }),
  updateArticle: t.field({
    type: UpdateArticlePayload,
    nullable: true,
    description:
      'Saves changes to the working copy (editors). A published article stays live until the change is approved.',
    args: { input: t.arg({ type: UpdateArticleInput, required: true, description: 'The changes.' }) },
    resolve: (_root, args, context) =>
      underInput(async () => {
        const { id, expectedVersion, related, ...rest } = args.input;
        const input = {
          ...given(rest),
          ...(related !== undefined ? { related: relatedIds(related) ?? [] } : {}),
        };
        const article = await context.app.services.knowledge.updateArticle(
          context.principal,
          articleObjectId(id, 'input.id'),
          expectedVersion,
          input,
        );
        return { article };
      }),
  }),
  submitArticleForReview: t.field({
    type: SubmitPayload,
    nullable: true,
    description: 'Sends a draft to the reviewers (editors).',
    args: { input: t.arg({ type: SubmitInput, required: true, description: 'The article.' }) },
    resolve: (_root, { input }, context) =>
      underInput(async () => ({
        article: await context.app.services.knowledge.submitArticleForReview(
          context.principal,
          articleObjectId(input.id, 'input.id'),
          input.expectedVersion,
          input.note,
        ),
      })),
  }),
  publishArticle: t.field({
    type: PublishPayload,
    nullable: true,
    description:
      'Approves a submitted article: its working copy becomes what agents and the public read (reviewers).',
    args: { input: t.arg({ type: PublishInput, required: true, description: 'The article.' }) },
    resolve: (_root, { input }, context) =>
      underInput(async () => ({
        article: await context.app.services.knowledge.publishArticle(
          context.principal,
          articleObjectId(input.id, 'input.id'),
          input.expectedVersion,
          input.note,
        ),
      })),
  }),
  rejectArticle: t.field({
    type: RejectPayload,
    nullable: true,
    description: 'Sends a submitted article back to draft with a reason (reviewers).',
    args: { input: t.arg({ type: RejectInput, required: true, description: 'The article and why.' }) },
    resolve: (_root, { input }, context) =>
      underInput(async () => ({
        article: await context.app.services.knowledge.rejectArticle(
          context.principal,
          articleObjectId(input.id, 'input.id'),
          input.expectedVersion,
          input.reason,
        ),
      })),
  }),
  archiveArticle: t.field({
    type: ArchivePayload,
    nullable: true,
    description: 'Retires an article (editors, reviewers).',
    args: { input: t.arg({ type: ArchiveInput, required: true, description: 'The article.' }) },
    resolve: (_root, { input }, context) =>
      underInput(async () => ({
        article: await context.app.services.knowledge.archiveArticle(
          context.principal,
          articleObjectId(input.id, 'input.id'),
          input.expectedVersion,
          input.note,
        ),
      })),
  }),
  restoreArticleRevision: t.field({
    type: RestorePayload,
    nullable: true,
    description: "Makes an old revision's content the new draft (editors).",
    args: { input: t.arg({ type: RestoreInput, required: true, description: 'The article and revision.' }) },
    resolve: (_root, { input }, context) =>
      underInput(async () => ({
        article: await context.app.services.knowledge.restoreArticleRevision(
          context.principal,
          articleObjectId(input.id, 'input.id'),
          input.expectedVersion,
          input.revision,
          input.note,
        ),
      })),
  }),
}));
