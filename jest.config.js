/**
 * Jest runs the TypeScript sources as native ESM (node --experimental-vm-modules), compiled by SWC.
 * Type checking is `npm run typecheck`'s job. The global setup starts (or connects to) one
 * MongoDB-protocol server and one Meilisearch for the whole run; each test file then uses its
 * own database name and index prefix.
 * @type {import('jest').Config}
 */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2023' },
        module: { type: 'es6' },
        sourceMaps: 'inline',
      },
    ],
  },
  globalSetup: '<rootDir>/tests/helpers/global-setup.mjs',
  globalTeardown: '<rootDir>/tests/helpers/global-teardown.mjs',
  testTimeout: 60_000,
  maxWorkers: 2,
};
