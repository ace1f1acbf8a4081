import { definePolicy } from '../../auth/policy.js';

/** What the search module lets whom do (see src/auth/policy.ts); searching itself is open to all. */
export type SearchAction = 'readSynonyms' | 'editSynonyms' | 'readInsights';

const EDITORS = { roles: ['editor'], who: 'editors (or admins)' } as const;

/** The search module's policy: synonyms and insights are for editors. */
export const searchPolicy = definePolicy<SearchAction>({
  readSynonyms: { ...EDITORS, describe: 'read synonyms' },
  editSynonyms: { ...EDITORS, describe: 'edit synonyms' },
  readInsights: { ...EDITORS, describe: 'see search insights' },
});
