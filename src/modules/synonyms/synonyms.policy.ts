import { definePolicy } from '../../auth/policy.js';

/** What the synonyms module lets whom do (see src/auth/policy.ts). */
export type SynonymsAction = 'readSynonyms' | 'editSynonyms';

const EDITORS = { roles: ['editor'], who: 'editors (or admins)' } as const;

/** Managed synonyms are for editors. */
export const synonymsPolicy = definePolicy<SynonymsAction>({
  readSynonyms: { ...EDITORS, describe: 'read synonyms' },
  editSynonyms: { ...EDITORS, describe: 'edit synonyms' },
});
