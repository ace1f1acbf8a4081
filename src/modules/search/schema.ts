/** The search module's GraphQL surface: importing it registers search, synonyms and insights. */
import './search.graphql.js';
