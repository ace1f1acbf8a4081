import { definePolicy } from '../../auth/policy.js';

/** What the channels module lets whom do (see src/auth/policy.ts). */
export type ChannelsAction = 'changeChannels';

/**
 * Channels are public to read; only admins change them. Services call
 * `channelsPolicy.authorize(principal, action)`; the GraphQL fields do not check again.
 */
export const channelsPolicy = definePolicy<ChannelsAction>({
  changeChannels: { roles: ['admin'], who: 'admins', describe: 'change channels' },
});
