/** The regions module's GraphQL surface: importing it registers Region and `regions`. */
import './regions.graphql.js';
export { RegionLevelEnum, RegionRef } from './region.refs.graphql.js';
