import { builder } from '../../schema/builder.js';
import { labelledEnum } from '../../schema/labels.js';
import { connectionPage, objectIdOf, pageRequestOf, underInput } from '../../schema/paging.js';
import type { FlagDoc, FlagReason, FlagStatus, UseChannel } from './feedback.model.js';
import { ArticleRef, articleIdOf } from '../articles/schema.js';
import type { ArticleView } from '../articles/index.js';
import { MAX_PAGE_SIZE } from '../../lib/paging.js';
import { encodeCursor } from '../../db/keyset.js';

export const UseChannelEnum = labelledEnum('UseChannel', {
  description: 'Where an agent used an answer, or where a search came from.',
  labels: {
    HOTLINE: { 'zh-CN': '客服热线', en: 'Customer service hotline' },
    HALL: { 'zh-CN': '营业厅', en: 'Business hall' },
    ONLINE_CHAT: { 'zh-CN': '在线客服', en: 'Online chat' },
    APP: { 'zh-CN': '手机营业厅', en: 'Mobile app' },
    WEB: { 'zh-CN': '网上营业厅', en: 'Web business hall' },
    SMS: { 'zh-CN': '短信营业厅', en: 'SMS hall' },
    SOCIAL: { 'zh-CN': '社交媒体', en: 'Social media' },
    ACCOUNT_MANAGER: { 'zh-CN': '客户经理', en: 'Account manager' },
    OTHER: { 'zh-CN': '其他', en: 'Other' },
  } satisfies Record<UseChannel, unknown>,
});
const FlagReasonEnum = labelledEnum('FlagReason', {
  description: 'What is wrong with an article.',
  labels: {
    OUTDATED: { 'zh-CN': '内容过时', en: 'Out of date' },
    WRONG_FEE: { 'zh-CN': '资费有误', en: 'Wrong fee' },
    WRONG_STEPS: { 'zh-CN': '步骤有误', en: 'Wrong steps' },
    WRONG_REGION: { 'zh-CN': '地区不适用', en: 'Wrong region' },
    OTHER: { 'zh-CN': '其他', en: 'Other' },
  } satisfies Record<FlagReason, unknown>,
  notes: { OTHER: 'Say what in the comment' },
});
const FlagStatusEnum = labelledEnum('FlagStatus', {
  description: 'Whether a reported problem is still open.',
  labels: {
    OPEN: { 'zh-CN': '待处理', en: 'Open' },
    RESOLVED: { 'zh-CN': '已处理', en: 'Resolved' },
  } satisfies Record<FlagStatus, unknown>,
});

export const ArticleFlagRef = builder.objectRef<FlagDoc>('ArticleFlag');
builder.node(ArticleFlagRef, {
  description: 'A problem an agent reported with an article (editors; null for others).',
  id: { resolve: (flag) => flag._id.toHexString() },
  loadMany: (ids, context) => {
    // The raw ids inside global ids: ArticleFlag ids are 24-hex ObjectIds, anything else is no flag.
    const valid = ids.map((id) => (/^[0-9a-f]{24}$/i.test(id) ? id.toLowerCase() : null));
    const known = valid.filter((id) => id !== null);
    return context.services.feedback.flagsByIds(context.principal, known).then((flags) => {
      let next = 0;
      return valid.map((id) => (id === null ? null : (flags[next++] ?? null)));
    });
  },
  fields: (t) => ({
    article: t.field({
      type: ArticleRef,
      nullable: true,
      description: 'The article reported; null when you may not read it.',
      resolve: async (flag, _args, context) => {
        const doc = await context.loaders.articleById.load(flag.articleId.toHexString());
        return doc ? context.services.articleReader.view(context.principal, doc) : null;
      },
    }),
    reason: t.field({ type: FlagReasonEnum, description: 'What is wrong.', resolve: (flag) => flag.reason }),
    comment: t.exposeString('comment', { nullable: true, description: "The reporter's words." }),
    status: t.field({
      type: FlagStatusEnum,
      description: 'Open or resolved.',
      resolve: (flag) => flag.status,
    }),
    by: t.exposeString('by', { description: 'Who reported it (token subject).' }),
    at: t.expose('at', { type: 'DateTime', description: 'When it was reported.' }),
    resolvedBy: t.exposeString('resolvedBy', { nullable: true, description: 'Who resolved it.' }),
    resolvedAt: t.expose('resolvedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was resolved.',
    }),
    resolution: t.exposeString('resolution', { nullable: true, description: 'What was done about it.' }),
  }),
});

const ArticleUsage = builder.objectRef<{ article: ArticleView; uses: number }>('ArticleUsage').implement({
  description: 'An article and how often agents recorded using it.',
  fields: (t) => ({
    article: t.field({ type: ArticleRef, description: 'The article.', resolve: (usage) => usage.article }),
    uses: t.exposeInt('uses', { description: 'Recorded uses in the period.' }),
  }),
});

builder.queryFields((t) => ({
  mostUsedArticles: t.field({
    type: [ArticleUsage],
    nullable: true,
    description:
      'Answers agents recorded using most since a time, optionally on one channel, at most 100 (staff; null with an error for others).',
    args: {
      since: t.arg({ type: 'DateTime', required: true, description: 'The start of the period.' }),
      channel: t.arg({ type: UseChannelEnum, required: false, description: 'Only uses on this channel.' }),
      first: t.arg.int({ defaultValue: 10, description: 'How many (1-100).' }),
    },
    resolve: (_root, args, context) =>
      context.services.feedback.mostUsedArticles(
        context.principal,
        args.since,
        args.channel ?? null,
        args.first,
      ),
  }),
  articleFlags: t.connection(
    {
      type: ArticleFlagRef,
      nullable: true,
      description: `Reported problems, newest first, in keyset pages of at most ${MAX_PAGE_SIZE} (editors; null with an error for others).`,
      args: {
        status: t.arg({
          type: FlagStatusEnum,
          defaultValue: 'OPEN',
          description: 'Open (default) or resolved.',
        }),
      },
      resolve: async (_root, args, context) => {
        const page = await context.services.feedback.listFlags(
          context.principal,
          args.status ?? 'OPEN',
          pageRequestOf(args),
        );
        return {
          ...connectionPage(page.items, (flag) => encodeCursor(flag.at, flag._id), page),
          totalCount: page.totalCount,
        };
      },
    },
    {
      name: 'ArticleFlagConnection',
      description: 'A page of reported problems.',
      fields: (c) => ({
        totalCount: c.int({
          description: 'How many flags have this status (all pages).',
          resolve: (page) => page.totalCount(),
        }),
      }),
    },
    { name: 'ArticleFlagEdge', description: 'One reported problem and its cursor.' },
  ),
}));

const RateArticleInput = builder.inputType('RateArticleInput', {
  description: 'Whether an article helped.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The article.' }),
    helpful: t.boolean({ required: true, description: 'true: it helped.' }),
    comment: t.string({ description: 'Optional words for the editors.' }),
  }),
});
const RecordArticleUseInput = builder.inputType('RecordArticleUseInput', {
  description: 'An answer an agent used.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The article.' }),
    channel: t.field({ type: UseChannelEnum, required: true, description: 'Where it was used.' }),
  }),
});
const FlagArticleInput = builder.inputType('FlagArticleInput', {
  description: 'A problem with an article.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The article.' }),
    reason: t.field({ type: FlagReasonEnum, required: true, description: 'What is wrong.' }),
    comment: t.string({ description: 'Details; required when the reason is OTHER.' }),
  }),
});
const ResolveArticleFlagInput = builder.inputType('ResolveArticleFlagInput', {
  description: 'A reported problem to close.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'The flag.' }),
    resolution: t.string({ description: 'What was done about it.' }),
  }),
});

function articlePayload(name: string, description: string) {
  return builder.objectRef<{ article: ArticleView }>(name).implement({
    description,
    fields: (t) => ({
      article: t.field({
        type: ArticleRef,
        description: 'The article with its updated stats.',
        resolve: (payload) => payload.article,
      }),
    }),
  });
}
function flagPayload(name: string, description: string) {
  return builder.objectRef<{ flag: FlagDoc }>(name).implement({
    description,
    fields: (t) => ({
      flag: t.field({ type: ArticleFlagRef, description: 'The flag as it is now.', resolve: (p) => p.flag }),
    }),
  });
}
const RateArticlePayload = articlePayload('RateArticlePayload', 'The rated article.');
const RecordArticleUsePayload = articlePayload('RecordArticleUsePayload', 'The used article.');
const FlagArticlePayload = flagPayload('FlagArticlePayload', 'The new flag.');
const ResolveArticleFlagPayload = flagPayload('ResolveArticleFlagPayload', 'The resolved flag.');

builder.mutationFields((t) => ({
  rateArticle: t.field({
    type: RateArticlePayload,
    nullable: true,
    description:
      'Says whether an article helped (anyone who can read it). One rating per client and article: rating again replaces your earlier rating. Without a token, limited per address (RATE_LIMITED, HTTP 429).',
    args: { input: t.arg({ type: RateArticleInput, required: true, description: 'The rating.' }) },
    resolve: (_root, { input }, context) =>
      underInput(async () => ({
        article: await context.services.feedback.rateArticle(
          context.principal,
          context.client.key,
          articleIdOf(input.id, 'input.id'),
          input.helpful,
          input.comment,
        ),
      })),
  }),
  recordArticleUse: t.field({
    type: RecordArticleUsePayload,
    nullable: true,
    description: 'Records that an agent used this answer, and where (staff).',
    args: { input: t.arg({ type: RecordArticleUseInput, required: true, description: 'The use.' }) },
    resolve: (_root, { input }, context) =>
      underInput(async () => ({
        article: await context.services.feedback.recordArticleUse(
          context.principal,
          articleIdOf(input.id, 'input.id'),
          input.channel,
        ),
      })),
  }),
  flagArticle: t.field({
    type: FlagArticlePayload,
    nullable: true,
    description: 'Reports a problem with an article (staff).',
    args: { input: t.arg({ type: FlagArticleInput, required: true, description: 'The problem.' }) },
    resolve: (_root, { input }, context) =>
      underInput(async () => ({
        flag: await context.services.feedback.flagArticle(
          context.principal,
          articleIdOf(input.id, 'input.id'),
          input.reason,
          input.comment,
        ),
      })),
  }),
  resolveArticleFlag: t.field({
    type: ResolveArticleFlagPayload,
    nullable: true,
    description: 'Closes a reported problem (editors). Resolving a resolved flag changes nothing.',
    args: { input: t.arg({ type: ResolveArticleFlagInput, required: true, description: 'The flag.' }) },
    resolve: (_root, { input }, context) =>
      underInput(async () => ({
        flag: await context.services.feedback.resolveFlag(
          context.principal,
          objectIdOf(input.id, 'ArticleFlag', 'input.id').toHexString(),
          input.resolution,
        ),
      })),
  }),
}));
