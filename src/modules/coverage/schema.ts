/** The coverage module's GraphQL surface: importing it registers Coverage and `coverage`. */
import './coverage.graphql.js';
