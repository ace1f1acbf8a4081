/** The search-log module's GraphQL surface: importing it registers `searchInsights`. */
import './search-insights.graphql.js';
