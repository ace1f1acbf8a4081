/**
 * The knowledge module's GraphQL surface: importing it registers the module's types, queries and
 * mutations; other modules' GraphQL layers may use the refs it exports. Services never import it.
 */
import './knowledge.graphql.js';
import './feedback.graphql.js';
export { UseChannelEnum } from './feedback.graphql.js';
export { ArticleRef, AudienceEnum, LocaleEnum } from './knowledge.graphql.js';
