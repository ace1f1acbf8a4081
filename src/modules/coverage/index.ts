/** The coverage module's public surface: what the halls under a region cover, for planners. */
export { CoverageService, ROSTER_POPULATION_THRESHOLD } from './coverage.service.js';
export type { CoverageReport } from './coverage.service.js';
