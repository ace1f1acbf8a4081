import { definePolicy } from '../../auth/policy.js';

/** What the halls module lets whom do (see src/auth/policy.ts). */
export type HallsAction = 'exportHalls' | 'createHall' | 'updateHall' | 'changeHallStatus' | 'importHalls';

const ADMINS = { roles: ['admin'], who: 'admins' } as const;

/**
 * Halls are public to read; only admins change (or export) them. Services call
 * `hallsPolicy.authorize(principal, action)`; the GraphQL fields do not check again.
 */
export const hallsPolicy = definePolicy<HallsAction>({
  exportHalls: { ...ADMINS, describe: 'export halls' },
  createHall: { ...ADMINS, describe: 'create halls' },
  updateHall: { ...ADMINS, describe: 'update halls' },
  changeHallStatus: { ...ADMINS, describe: 'change hall status' },
  importHalls: { ...ADMINS, describe: 'import halls' },
});
