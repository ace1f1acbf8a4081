import { ObjectId } from 'mongodb';
import type { WithId } from 'mongodb';
import { badField } from '../../errors.js';
import { builder } from '../../schema/builder.js';
import { enumValues } from '../../schema/enums.js';
import { FLAG_REASONS, FLAG_STATUSES, USE_CHANNELS } from './feedback.model.js';
import type { FlagDoc, FlagReason, FlagStatus, UseChannel } from './feedback.model.js';
import { ArticleRef, articleObjectId } from './knowledge.graphql.js';
import type { ArticleView } from './knowledge.service.js';
import { encodeCursor } from '../../db/keyset.js';
import { currentClient } from '../../http/rate-limit.js';

export const UseChannelEnum = builder.enumType('UseChannel', {
  description: 'Where an agent used an answer.',
  values: enumValues<UseChannel>(USE_CHANNELS),
});
const FlagReasonEnum = builder.enumType('FlagReason', { values: enumValues<FlagReason>(FLAG_REASONS) });
const FlagStatusEnum = builder.enumType('FlagStatus', { values: enumValues<FlagStatus>(FLAG_STATUSES) });

const ArticleFlagRef = builder.objectRef<WithId<FlagDoc>>('ArticleFlag').implement({
  description: 'A problem an agent reported with an article.',
  fields: (t) => ({
    id: t.id({ resolve: (flag) => flag._id.toHexString() }),
    article: t.field({
      type: ArticleRef,
      nullable: true,
      resolve: async (flag, _args, context) => {
        const doc = await context.loaders.articleById.load(flag.articleId.toHexString());
        return doc ? context.app.services.knowledge.view(context.principal, doc) : null;
      },
    }),
    reason: t.field({ type: FlagReasonEnum, resolve: (flag) => flag.reason }),
    comment: t.exposeString('comment', { nullable: true }),
    status: t.field({ type: FlagStatusEnum, resolve: (flag) => flag.status }),
    by: t.exposeString('by'),
    at: t.expose('at', { type: 'DateTime' }),
    resolvedBy: t.exposeString('resolvedBy', { nullable: true }),
    resolvedAt: t.expose('resolvedAt', { type: 'DateTime', nullable: true }),
    resolution: t.exposeString('resolution', { nullable: true }),
  }),
});

const ArticleFlagConnection = builder
  .objectRef<{
    items: WithId<FlagDoc>[];
    hasNextPage: boolean;
    endCursor: string | null;
    totalCount: () => Promise<number>;
  }>('ArticleFlagConnection')
  .implement({
    fields: (t) => ({
      nodes: t.field({ type: [ArticleFlagRef], resolve: (page) => page.items }),
      cursors: t.stringList({ resolve: (page) => page.items.map((flag) => encodeCursor(flag.at, flag._id)) }),
      hasNextPage: t.exposeBoolean('hasNextPage'),
      endCursor: t.exposeString('endCursor', { nullable: true }),
      totalCount: t.int({ resolve: (page) => page.totalCount() }),
    }),
  });

const ArticleUsage = builder.objectRef<{ article: ArticleView; uses: number }>('ArticleUsage').implement({
  fields: (t) => ({
    article: t.field({ type: ArticleRef, resolve: (usage) => usage.article }),
    uses: t.exposeInt('uses'),
  }),
});

function flagId(id: string): ObjectId {
  if (!/^[0-9a-f]{24}$/i.test(id)) throw badField('id', 'not an article flag id');
  return new ObjectId(id);
}

builder.queryFields((t) => ({
  mostUsedArticles: t.field({
    type: [ArticleUsage],
    description: 'Answers agents recorded using most since a time, optionally on one channel (staff).',
    args: {
      since: t.arg({ type: 'DateTime', required: true }),
      channel: t.arg({ type: UseChannelEnum, required: false }),
      first: t.arg.int({ defaultValue: 10 }),
    },
    resolve: (_root, args, context) =>
      context.app.services.feedback.mostUsedArticles(
        context.principal,
        args.since,
        args.channel ?? null,
        args.first,
      ),
  }),
  articleFlags: t.field({
    type: ArticleFlagConnection,
    description: 'Reported problems, newest first (editors).',
    args: {
      status: t.arg({ type: FlagStatusEnum, defaultValue: 'OPEN' }),
      first: t.arg.int({ defaultValue: 20 }),
      after: t.arg.string({ required: false }),
    },
    resolve: (_root, args, context) =>
      context.app.services.feedback.listFlags(
        context.principal,
        args.status ?? 'OPEN',
        args.first,
        args.after,
      ),
  }),
}));

builder.mutationFields((t) => ({
  rateArticle: t.field({
    type: ArticleRef,
    description:
      'Says whether an article helped (anyone who can read it). One rating per client and article: rating again replaces your earlier rating. Without a token, limited per address (RATE_LIMITED, HTTP 429).',
    args: {
      id: t.arg.id({ required: true }),
      helpful: t.arg.boolean({ required: true }),
      comment: t.arg.string(),
    },
    resolve: (_root, args, context) =>
      context.app.services.feedback.rateArticle(
        context.principal,
        currentClient().key,
        articleObjectId(String(args.id), 'id'),
        args.helpful,
        args.comment,
      ),
  }),
  recordArticleUse: t.field({
    type: ArticleRef,
    description: 'Records that an agent used this answer, and where (staff).',
    args: { id: t.arg.id({ required: true }), channel: t.arg({ type: UseChannelEnum, required: true }) },
    resolve: (_root, args, context) =>
      context.app.services.feedback.recordArticleUse(
        context.principal,
        articleObjectId(String(args.id), 'id'),
        args.channel,
      ),
  }),
  flagArticle: t.field({
    type: ArticleFlagRef,
    description: 'Reports a problem with an article (staff).',
    args: {
      id: t.arg.id({ required: true }),
      reason: t.arg({ type: FlagReasonEnum, required: true }),
      comment: t.arg.string(),
    },
    resolve: (_root, args, context) =>
      context.app.services.feedback.flagArticle(
        context.principal,
        articleObjectId(String(args.id), 'id'),
        args.reason,
        args.comment,
      ),
  }),
  resolveArticleFlag: t.field({
    type: ArticleFlagRef,
    description: 'Closes a reported problem (editors). Resolving a resolved flag changes nothing.',
    args: { id: t.arg.id({ required: true }), resolution: t.arg.string() },
    resolve: (_root, args, context) =>
      context.app.services.feedback.resolveFlag(context.principal, flagId(String(args.id)), args.resolution),
  }),
}));
