/** The complaint rules' GraphQL surface: importing it registers complaintPolicy and complaintDeadline. */
import './complaints.graphql.js';
