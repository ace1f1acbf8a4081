import { builder } from '../../schema/builder.js';
import { labelledEnum, localeArg } from '../../schema/labels.js';
import {
  COMPLAINT_POLICY,
  COMPLAINT_TIME_ZONE,
  complaintDeadline,
  shanghaiTime,
} from './complaint-policy.js';
import type { ComplaintDeadline, ComplaintGrade, ComplaintGradePolicy } from './complaint-policy.js';

const ComplaintGradeEnum = labelledEnum('ComplaintGrade', {
  description: 'How serious a customer complaint is, by where it was lodged.',
  labels: {
    GENERAL: { 'zh-CN': '一般投诉', en: 'General complaint' },
    PROVINCIAL: { 'zh-CN': '省级投诉', en: 'Provincial complaint' },
    NATIONAL: { 'zh-CN': '全国级投诉', en: 'National complaint' },
  } satisfies Record<ComplaintGrade, unknown>,
});

export const GradePolicy = builder.objectRef<ComplaintGradePolicy>('ComplaintGradePolicy').implement({
  description: 'The external answer promise for one complaint grade.',
  fields: (t) => ({
    grade: t.field({
      type: ComplaintGradeEnum,
      description: 'The grade.',
      resolve: (policy) => policy.grade,
    }),
    name: t.string({
      description: 'The grade name in the locale asked for.',
      args: { locale: t.arg(localeArg()) },
      resolve: (policy, args) => policy.name[args.locale ?? 'zh-CN'],
    }),
    averageAnswerHours: t.exposeInt('averageAnswerHours', { description: '0 means an immediate answer.' }),
    immediate: t.boolean({
      description: 'Answered on the spot.',
      resolve: (policy) => policy.averageAnswerHours === 0,
    }),
    latestAnswerHours: t.exposeInt('latestAnswerHours', {
      description: 'The promise: answered within this.',
    }),
  }),
});

export const Deadline = builder.objectRef<ComplaintDeadline>('ComplaintDeadline').implement({
  description: 'When one complaint must be answered.',
  fields: (t) => ({
    grade: t.field({
      type: ComplaintGradeEnum,
      description: 'The grade.',
      resolve: (deadline) => deadline.grade,
    }),
    receivedAt: t.expose('receivedAt', { type: 'DateTime', description: 'When it was received.' }),
    averageBy: t.expose('averageBy', { type: 'DateTime', description: 'The usual answer time.' }),
    latestBy: t.expose('latestBy', { type: 'DateTime', description: 'The promised latest answer time.' }),
    averageByLocal: t.string({
      description: 'averageBy in Asia/Shanghai time, e.g. 2026-02-03T17:30:00+08:00.',
      resolve: (deadline) => shanghaiTime(deadline.averageBy),
    }),
    latestByLocal: t.string({
      description: 'latestBy in Asia/Shanghai time.',
      resolve: (deadline) => shanghaiTime(deadline.latestBy),
    }),
    timeZone: t.string({ description: 'Always Asia/Shanghai.', resolve: () => COMPLAINT_TIME_ZONE }),
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
      grade: t.arg({ type: ComplaintGradeEnum, required: true, description: 'The grade.' }),
      receivedAt: t.arg({
        type: 'DateTime',
        required: false,
        description: 'When it was received (default now).',
      }),
    },
    resolve: (_root, args) => complaintDeadline(args.grade, args.receivedAt ?? new Date()),
  }),
}));
