/** The reviewers' queue: `reviewQueue`, articles submitted for review, oldest submission first. */
import { builder } from '../../schema/builder.js';
import { labelledEnum } from '../../schema/labels.js';
import { connectionPage, pageRequestOf } from '../../schema/paging.js';
import { MAX_PAGE_SIZE } from '../../lib/paging.js';
import { ArticleRef } from './article.refs.graphql.js';
import type { ApprovalBlock, ReviewQueueItem } from './review-queue.service.js';
import { reviewQueueCursor } from './review-queue.service.js';

const ApprovalBlockEnum = labelledEnum('ApprovalBlock', {
  description: 'Why you may not approve a submission (four eyes: publishArticle refuses it with FORBIDDEN).',
  labels: {
    OWN_SUBMISSION: { 'zh-CN': '本人提交的修改', en: 'You submitted it' },
    OWN_CHANGES: { 'zh-CN': '包含本人撰写的修改', en: 'You wrote part of the changes' },
  } satisfies Record<ApprovalBlock, unknown>,
});

const ReviewQueueItemRef = builder.objectRef<ReviewQueueItem>('ReviewQueueItem').implement({
  description: 'An article waiting for review, as the caller sees it.',
  fields: (t) => ({
    article: t.field({
      type: ArticleRef,
      description: 'The submitted article (its working copy).',
      resolve: (item) => item.view,
    }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime', description: 'When it was submitted.' }),
    submittedBy: t.exposeString('submittedBy', { description: 'Who submitted it (token subject).' }),
    canApprove: t.boolean({
      description: 'Whether you may approve it (publishArticle).',
      resolve: (item) => item.blocked === null,
    }),
    approvalBlock: t.field({
      type: ApprovalBlockEnum,
      nullable: true,
      description: 'Why you may not approve it; null when you may.',
      resolve: (item) => item.blocked,
    }),
  }),
});

builder.queryFields((t) => ({
  reviewQueue: t.connection(
    {
      type: ReviewQueueItemRef,
      nullable: true,
      description: `Articles submitted for review, oldest submission first, in keyset pages of at most ${MAX_PAGE_SIZE} (reviewers and admins; null with an error for others).`,
      resolve: async (_root, args, context) => {
        const page = await context.services.reviewQueue.queue(context.principal, pageRequestOf(args));
        return {
          ...connectionPage(page.items, (item) => reviewQueueCursor(item.view.doc), page),
          totalCount: page.totalCount,
        };
      },
    },
    {
      name: 'ReviewQueueConnection',
      description: 'A page of the review queue.',
      fields: (c) => ({
        totalCount: c.int({
          description: 'How many articles wait for review (all pages).',
          resolve: (page) => page.totalCount(),
        }),
      }),
    },
    { name: 'ReviewQueueEdge', description: 'One article in the queue and its cursor.' },
  ),
}));
