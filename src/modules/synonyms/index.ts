/** The synonyms module's public surface (the managed synonym sets editors keep). */
export type { SynonymSet, SynonymSetDoc } from './synonym-set.model.js';
export { SynonymRepository, synonymIndexes } from './synonyms.repository.js';
export { SynonymService } from './synonyms.service.js';
