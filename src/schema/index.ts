import { lexicographicSortSchema } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './labels.js';
import '../modules/system/schema.js';
import '../modules/knowledge/schema.js';
import '../modules/search/schema.js';
import '../modules/complaints/schema.js';
import '../modules/channels/schema.js';

/** Builds the executable schema from every module's types (sorted, so the printed SDL is stable). */
export function buildSchema(): GraphQLSchema {
  return lexicographicSortSchema(builder.toSchema());
}
