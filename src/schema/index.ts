import { lexicographicSortSchema } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './labels.js';
import '../modules/system/schema.js';
import '../modules/regions/schema.js';
import '../modules/channels/schema.js';
import '../modules/halls/schema.js';
import '../modules/coverage/schema.js';
import '../modules/articles/schema.js';
import '../modules/feedback/schema.js';
import '../modules/complaints/schema.js';
import '../modules/search/schema.js';
import '../modules/synonyms/schema.js';
import '../modules/search-log/schema.js';

/** Builds the executable schema from every module's types (sorted, so the printed SDL is stable). */
export function buildSchema(): GraphQLSchema {
  return lexicographicSortSchema(builder.toSchema());
}
