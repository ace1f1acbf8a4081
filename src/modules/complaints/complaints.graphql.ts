import { builder } from '../../schema/builder.js';
import { enumValues } from '../../schema/enums.js';
import { LocaleEnum } from '../knowledge/knowledge.graphql.js';
import {
  COMPLAINT_GRADES,
  COMPLAINT_POLICY,
  COMPLAINT_TIME_ZONE,
  complaintDeadline,
  shanghaiTime,
} from './complaint-policy.js';
import type { ComplaintDeadline, ComplaintGradePolicy } from './complaint-policy.js';

const ComplaintGradeEnum = builder.enumType('ComplaintGrade', {
  description: 'GENERAL 一般投诉, PROVINCIAL 省级投诉, NATIONAL 全国级投诉.',
  values: enumValues(COMPLAINT_GRADES),
});

const GradePolicy = builder.objectRef<ComplaintGradePolicy>('ComplaintGradePolicy').implement({
  description: 'The external answer promise for one complaint grade.',
  fields: (t) => ({
    grade: t.field({ type: ComplaintGradeEnum, resolve: (policy) => policy.grade }),
    name: t.string({
      args: { locale: t.arg({ type: LocaleEnum, defaultValue: 'zh-CN' }) },
      resolve: (policy, args) => policy.name[args.locale ?? 'zh-CN'],
    }),
    averageAnswerHours: t.exposeInt('averageAnswerHours', { description: '0 means an immediate answer.' }),
    immediate: t.boolean({ resolve: (policy) => policy.averageAnswerHours === 0 }),
    latestAnswerHours: t.exposeInt('latestAnswerHours'),
  }),
});

const Deadline = builder.objectRef<ComplaintDeadline>('ComplaintDeadline').implement({
  fields: (t) => ({
    grade: t.field({ type: ComplaintGradeEnum, resolve: (deadline) => deadline.grade }),
    receivedAt: t.expose('receivedAt', { type: 'DateTime' }),
    averageBy: t.expose('averageBy', { type: 'DateTime' }),
    latestBy: t.expose('latestBy', { type: 'DateTime' }),
    averageByLocal: t.string({
      description: 'averageBy in Asia/Shanghai time, e.g. 2026-02-03T17:30:00+08:00.',
      resolve: (deadline) => shanghaiTime(deadline.averageBy),
    }),
    latestByLocal: t.string({
      description: 'latestBy in Asia/Shanghai time.',
      resolve: (deadline) => shanghaiTime(deadline.latestBy),
    }),
    timeZone: t.string({ resolve: () => COMPLAINT_TIME_ZONE }),
  }),
});

builder.queryFields((t) => ({
  complaintPolicy: t.field({
    type: [GradePolicy],
    description: 'The complaint grades with their average and latest answer times.',
    resolve: () => [...COMPLAINT_POLICY],
  }),
  complaintDeadline: t.field({
    type: Deadline,
    description: 'When a complaint of this grade must be answered (receivedAt defaults to now).',
    args: {
      grade: t.arg({ type: ComplaintGradeEnum, required: true }),
      receivedAt: t.arg({ type: 'DateTime', required: false }),
    },
    resolve: (_root, args) => complaintDeadline(args.grade, args.receivedAt ?? new Date()),
  }),
}));
