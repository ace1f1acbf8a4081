/** The feedback module's GraphQL surface: importing it registers ratings, uses, flags and their mutations. */
import './feedback.graphql.js';
export { UseChannelEnum } from './feedback.graphql.js';
