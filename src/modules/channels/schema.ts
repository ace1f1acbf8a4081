/** The channel directory's GraphQL surface: importing it registers halls, regions, channels and coverage. */
import './channel-enums.graphql.js';
import './hall-types.graphql.js';
import './regions.graphql.js';
import './halls.graphql.js';
import './hall-mutations.graphql.js';
import './channels.graphql.js';
