/**
 * Complaint grades and their external answer promises (DOMAIN.md section 3), as data.
 * Hours are calendar hours from receipt; "immediate" means the average answer is due on receipt.
 */
export const COMPLAINT_GRADES = ['GENERAL', 'PROVINCIAL', 'NATIONAL'] as const;
export type ComplaintGrade = (typeof COMPLAINT_GRADES)[number];

export interface ComplaintGradePolicy {
  grade: ComplaintGrade;
  name: { 'zh-CN': string; en: string };
  /** 0 for an immediate answer. */
  averageAnswerHours: number;
  latestAnswerHours: number;
}

export const COMPLAINT_POLICY: readonly ComplaintGradePolicy[] = [
  {
    grade: 'GENERAL',
    name: { 'zh-CN': '一般投诉', en: 'General complaint' },
    averageAnswerHours: 0,
    latestAnswerHours: 24,
  },
  {
    grade: 'PROVINCIAL',
    name: { 'zh-CN': '省级投诉', en: 'Provincial complaint' },
    averageAnswerHours: 24,
    latestAnswerHours: 48,
  },
  {
    grade: 'NATIONAL',
    name: { 'zh-CN': '全国级投诉', en: 'National complaint' },
    averageAnswerHours: 48,
    latestAnswerHours: 72,
  },
];

export const COMPLAINT_TIME_ZONE = 'Asia/Shanghai';
/** China Standard Time has no daylight saving: always UTC+8. */
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

export interface ComplaintDeadline {
  grade: ComplaintGrade;
  receivedAt: Date;
  averageBy: Date;
  latestBy: Date;
}

/** The policy of one grade. */
export function policyOf(grade: ComplaintGrade): ComplaintGradePolicy {
  const policy = COMPLAINT_POLICY.find((entry) => entry.grade === grade);
  if (!policy) throw new Error(`unknown complaint grade ${grade}`);
  return policy;
}

/** When a complaint received at `receivedAt` should on average, and must at the latest, be answered. */
export function complaintDeadline(grade: ComplaintGrade, receivedAt: Date): ComplaintDeadline {
  const policy = policyOf(grade);
  return {
    grade,
    receivedAt,
    averageBy: new Date(receivedAt.getTime() + policy.averageAnswerHours * HOUR_MS),
    latestBy: new Date(receivedAt.getTime() + policy.latestAnswerHours * HOUR_MS),
  };
}

/** An instant as local Asia/Shanghai time with its offset: `2026-02-03T17:30:00+08:00`. */
export function shanghaiTime(instant: Date): string {
  const local = new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return `${local.slice(0, 19)}+08:00`;
}
