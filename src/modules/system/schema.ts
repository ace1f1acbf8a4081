/** The system module's GraphQL surface: `viewer`, `node` and `nodes`. */
import './system.graphql.js';
