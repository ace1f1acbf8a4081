import { definePolicy } from '../../auth/policy.js';

/** What the channel directory lets whom do (see src/auth/policy.ts). */
export type ChannelsAction =
  'exportHalls' | 'createHall' | 'updateHall' | 'changeHallStatus' | 'importHalls' | 'changeChannels';

const ADMINS = { roles: ['admin'], who: 'admins' } as const;

/**
 * The channel directory is public to read; only admins change (or export) it. Services call
 * `channelsPolicy.authorize(principal, action)`; the GraphQL fields do not check again.
 */
export const channelsPolicy = definePolicy<ChannelsAction>({
  exportHalls: { ...ADMINS, describe: 'export halls' },
  createHall: { ...ADMINS, describe: 'create halls' },
  updateHall: { ...ADMINS, describe: 'update halls' },
  changeHallStatus: { ...ADMINS, describe: 'change hall status' },
  importHalls: { ...ADMINS, describe: 'import halls' },
  changeChannels: { ...ADMINS, describe: 'change channels' },
});
