/** The synonyms module's GraphQL surface: importing it registers SynonymSet, `synonymSets` and its mutations. */
import './synonyms.graphql.js';
