/** The GraphQL mutations of the editorial workflow: create, update, submit, publish, reject, archive, restore. */
import { builder } from '../../schema/builder.js';
import { given, underInput } from '../../schema/paging.js';
import type { ArticleView } from './article.model.js';
import { ArticleRef, articleIdOf, AudienceEnum, LocaleEnum } from './article.refs.graphql.js';

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

/** Turns related global ids into article ids, naming the bad one. */
function relatedIds(related: readonly (string | number)[] | null | undefined): string[] | undefined {
  if (related === null || related === undefined) return undefined;
  return related.map((id, index) => articleIdOf(id, `input.related.${index}`));
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
        const article = await context.services.articleEditor.createArticle(context.principal, {
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
        const article = await context.services.articleEditor.updateArticle(
          context.principal,
          articleIdOf(id, 'input.id'),
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
        article: await context.services.articleEditor.submitArticleForReview(
          context.principal,
          articleIdOf(input.id, 'input.id'),
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
        article: await context.services.articleEditor.publishArticle(
          context.principal,
          articleIdOf(input.id, 'input.id'),
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
        article: await context.services.articleEditor.rejectArticle(
          context.principal,
          articleIdOf(input.id, 'input.id'),
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
        article: await context.services.articleEditor.archiveArticle(
          context.principal,
          articleIdOf(input.id, 'input.id'),
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
        article: await context.services.articleEditor.restoreArticleRevision(
          context.principal,
          articleIdOf(input.id, 'input.id'),
          input.expectedVersion,
          input.revision,
          input.note,
        ),
      })),
  }),
}));
