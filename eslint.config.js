// Lint rules the code review would otherwise have to remember.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronOnlyHere = ['main/electron/**', 'preload/**'];
const ELECTRON_ONLY = 'Only main/electron/ and preload/ may import electron.';

// no-restricted-imports replaces itself per file, so every rule keeps Electron out and adds its own patterns.
const restrictImports = (...patterns) => [
  'error',
  {
    paths: [{ name: 'electron', message: ELECTRON_ONLY }],
    patterns: [{ group: ['electron/*'], message: ELECTRON_ONLY }, ...patterns],
  },
];

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
      'no-restricted-imports': restrictImports(),
    },
  },
  {
    // The modules of main/ the renderer imports must not reach Node: even a type-only import of the
    // PHLO client or the logger would pull Node's types into the web project, and a value one Node
    // itself into the page.
    files: ['main/session/transitions.ts', 'main/address/*.ts', 'main/i18n/translator.ts', 'main/i18n/languages.ts'],
    rules: {
      'no-restricted-imports': restrictImports(
        { group: ['node:*'], message: 'The renderer imports this module: it must not need Node.' },
        {
          regex: '^\\.\\./(?!contract/|address/(address|country)$)',
          message: 'The renderer type-checks this module: from main/ it may import only the contract and main/address/.',
        },
      ),
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
    // The renderer sees main/ only through the contract's types, plus two pure modules: the default-
    // country rule (not main/address/address: libphonenumber's metadata would be most of the window's
    // weight; addresses are checked over `address:check`), and the call's transitions to offer only
    // valid actions (architecture.md, "Three processes, one contract"). Both import nothing that needs Node.
    // The preview bridge is the preload's stand-in and builds the API object, so it is exempt.
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte'],
    ignores: ['renderer/preview-bridge.ts'],
    rules: {
      'no-restricted-imports': restrictImports(
        {
          regex: '^(\\.\\./)+main/(?!contract/|address/country$|session/transitions$|shortcuts/shortcut-map$|i18n/(translator|languages)$)',
          message:
            'The renderer imports from main/ only the contract (types), main/address/country, main/session/transitions, main/shortcuts/shortcut-map and main/i18n/translator and languages.',
        },
        {
          regex: '^(\\.\\./)+main/contract/',
          allowTypeImports: true,
          message: 'The renderer imports only types from main/contract/: values would pull the core into the page.',
        },
      ),
    },
  },
);
