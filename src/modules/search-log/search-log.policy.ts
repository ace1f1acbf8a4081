import { definePolicy } from '../../auth/policy.js';

/** What the search-log module lets whom do (see src/auth/policy.ts). */
export type SearchLogAction = 'readInsights';

/** Search insights are for editors (the log itself is never served). */
export const searchLogPolicy = definePolicy<SearchLogAction>({
  readInsights: { roles: ['editor'], who: 'editors (or admins)', describe: 'see search insights' },
});
