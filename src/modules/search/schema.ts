/** The search module's GraphQL surface: importing it registers `searchArticles`. */
import './search.graphql.js';
import './suggest.graphql.js';
