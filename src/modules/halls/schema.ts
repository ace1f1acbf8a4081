/** The halls module's GraphQL surface: importing it registers Hall, the hall queries and mutations and `whereCanI`. */
import './hall-types.graphql.js';
import './halls.graphql.js';
import './hall-mutations.graphql.js';
import './where-can-i.graphql.js';
export { allBuckets, AreaCount, OperationCount, TierCount } from './hall-types.graphql.js';
export { HallRef } from './hall.refs.graphql.js';
