/** The complaint rules' public surface: the grades and their deadlines, as data. */
export { complaintDeadline, COMPLAINT_POLICY } from './complaint-policy.js';
export type { ComplaintDeadline, ComplaintGradePolicy } from './complaint-policy.js';
