import { lexicographicSortSchema } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './labels.js';
import '../modules/system/system.graphql.js';
import '../modules/knowledge/knowledge.graphql.js';
import '../modules/knowledge/feedback.graphql.js';
import '../modules/search/search.graphql.js';
import '../modules/complaints/complaints.graphql.js';
import '../modules/channels/channel-enums.graphql.js';
import '../modules/channels/halls.graphql.js';
import '../modules/channels/channels.graphql.js';

/** Builds the executable schema from every module's types (sorted, so the printed SDL is stable). */
export function buildSchema(): GraphQLSchema {
  return lexicographicSortSchema(builder.toSchema());
}
