/** The complaint rules' GraphQL surface: importing it registers complaintPolicy and complaintDeadline. */
import './complaints.graphql.js';
/** The complaint types other modules' fields return (answer cards show a grade's deadlines). */
export {
  Deadline as ComplaintDeadlineRef,
  GradePolicy as ComplaintGradePolicyRef,
} from './complaints.graphql.js';
