import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import moduleBoundaries from './dev/eslint/module-boundaries.js';
import noDevImports from './dev/eslint/no-dev-imports.js';

const channelKb = { rules: { ...noDevImports.rules, ...moduleBoundaries.rules } };

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      '.data/',
      'coverage/',
      'console/dist/',
      'console/dist.*/',
      'console/src/graphql-env.d.ts',
      'test-results/',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
    },
  },
  {
    // The web console (its own tsconfig: DOM, JSX, bundler resolution), held to the same rules plus React's hooks rules.
    files: ['console/**/*.{ts,tsx}'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ['console/scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly' } },
  },
  {
    // Production code never imports dev/ (development-only infrastructure that builds do not ship);
    // src/infrastructure.ts is the one seam that loads the development launcher, at run time.
    // tests/unit/dev-boundary.test.ts shows that a planted violation fails the lint.
    files: ['src/**/*.{ts,mts,cts,js,mjs,cjs}', 'seed/**/*.{ts,mts,cts,js,mjs,cjs}'],
    plugins: { 'channel-kb': channelKb },
    rules: {
      'channel-kb/no-dev-imports': [
        'error',
        { root: import.meta.dirname, devDir: 'dev', seams: ['src/infrastructure.ts'] },
      ],
      // A module is used from outside only through its index.ts (domain) and schema.ts (GraphQL);
      // tests/unit/module-boundaries.test.ts shows that a planted violation fails the lint.
      'channel-kb/module-boundaries': ['error', { root: import.meta.dirname }],
    },
  },
  {
    // The GraphQL edge decodes arguments, calls a service and maps the result: no MongoDB in it.
    files: ['src/modules/**/*.graphql.ts', 'src/modules/**/schema.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'mongodb',
              message: 'GraphQL files know nothing of MongoDB: pass ids as strings to a service.',
            },
          ],
        },
      ],
    },
  },
  {
    // Only repositories (and the MongoDB platform code in src/db/) touch collections.
    files: ['src/**/*.ts', 'seed/**/*.ts'],
    ignores: ['src/**/*.repository.ts', 'src/db/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='collection']",
          message: 'Only repositories touch collections: add a repository method named for what it asks.',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        Buffer: 'readonly',
      },
    },
  },
);
