// Lint rules the code review would otherwise have to remember.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronOnlyHere = ['main/electron/**', 'preload/**'];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'coverage/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Only the Electron shell and the preload may touch Electron: everything else runs under plain Node
    // in tests (architecture.md, "Three processes, one contract").
    files: ['**/*.{ts,mts,cts,js,mjs,cjs,svelte}'],
    ignores: electronOnlyHere,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only main/electron/ and preload/ may import electron.' }],
          patterns: [{ group: ['electron/*'], message: 'Only main/electron/ and preload/ may import electron.' }],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  ...svelte.configs.recommended,
  {
    // One set of parser options for .ts and .svelte files, so the project service is not reloaded per file.
    languageOptions: { parserOptions: { extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    // The renderer sees main/ only through the contract's types, plus the pure address module it
    // reuses to check numbers in the field (architecture.md, "Three processes, one contract").
    // The preview bridge is the preload's stand-in and builds the API object, so it is exempt.
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    ignores: ['renderer/preview-bridge.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only main/electron/ and preload/ may import electron.' }],
          patterns: [
            { group: ['electron/*'], message: 'Only main/electron/ and preload/ may import electron.' },
            {
              regex: '^(\\.\\./)+main/(?!contract/|address/address$)',
              message: 'The renderer imports from main/ only the contract (types) and main/address/address.',
            },
            {
              regex: '^(\\.\\./)+main/contract/',
              allowTypeImports: true,
              message: 'The renderer imports only types from main/contract/: values would pull the core into the page.',
            },
          ],
        },
      ],
    },
  },
);
