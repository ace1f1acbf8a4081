/**
 * The knowledge module's GraphQL surface: importing it registers the module's types, queries and
 * mutations; other modules' GraphQL layers may use the refs it exports. Services never import it.
 */
import './category.graphql.js';
import './revision.graphql.js';
import './article.graphql.js';
import './article.queries.graphql.js';
import './article.mutations.graphql.js';
import './feedback.graphql.js';
export { UseChannelEnum } from './feedback.graphql.js';
export { ArticleRef, AudienceEnum, LocaleEnum } from './knowledge.refs.graphql.js';
