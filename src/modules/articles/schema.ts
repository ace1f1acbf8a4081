/**
 * The articles module's GraphQL surface: importing it registers the module's types, queries and
 * mutations; other modules' GraphQL layers may use the refs it exports. Services never import it.
 */
import './category.graphql.js';
import './revision.graphql.js';
import './article.graphql.js';
import './article.queries.graphql.js';
import './article.mutations.graphql.js';
import './review-queue.graphql.js';
export { ArticleRef, AudienceEnum, LocaleEnum } from './article.refs.graphql.js';
export { articleIdOf } from './article.refs.graphql.js';
