/** The channels module's GraphQL surface: importing it registers Channel, `channels` and `upsertChannel`. */
import './channels.graphql.js';
export { ChannelRef, ServiceKindEnum } from './channel.refs.graphql.js';
