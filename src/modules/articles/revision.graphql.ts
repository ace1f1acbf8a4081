/**
 * The GraphQL surface of article history: the ArticleRevision node, its history cursor, the
 * ArticleDiff types and the `articleDiff` query.
 */
import { builder } from '../../schema/builder.js';
import { encodeCursor } from '../../db/keyset.js';
import type { RevisionDoc } from './article.model.js';
import { isArticleId } from './article.model.js';
import type { FieldChange, LineChange } from './article.diff.js';
import type { ArticleDiff } from './article.history.js';
import {
  ArticleActionEnum,
  ArticleRef,
  ArticleStatusEnum,
  articleIdOf,
  AudienceEnum,
  LineChangeKindEnum,
  RevisionRef,
} from './article.refs.graphql.js';

/** The global id of a revision: the article's id and the version. */
function revisionKey(revision: Pick<RevisionDoc, 'articleId' | 'version'>): string {
  return `${revision.articleId.toHexString()}:${revision.version}`;
}

builder.node(RevisionRef, {
  description:
    'An immutable snapshot of an article after one saved change (editors, reviewers and admins; null for others).',
  id: { resolve: (revision) => revisionKey(revision) },
  loadOne: (id, context) => {
    const match = /^([0-9a-f]{24}):([1-9][0-9]{0,8})$/i.exec(id);
    if (!match?.[1] || !match[2] || !isArticleId(match[1])) return null;
    return context.services.articleHistory.revision(
      context.principal,
      match[1].toLowerCase(),
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
        return doc ? context.services.articleReader.view(context.principal, doc) : null;
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
export function revisionCursor(revision: RevisionDoc): string {
  return encodeCursor(revision.version, revision._id);
}

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
const ArticleDiffRef = builder.objectRef<ArticleDiff>('ArticleDiff').implement({
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

builder.queryFields((t) => ({
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
      context.services.articleHistory.diff(context.principal, articleIdOf(args.id, 'id'), args.from, args.to),
  }),
}));
