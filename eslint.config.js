// Lint rules the code review would otherwise have to remember.
import js from '@eslint/js';
import intlifySvelte from '@intlify/eslint-plugin-svelte';
import i18next from 'eslint-plugin-i18next';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronOnlyHere = ['main/electron/**', 'preload/**'];
const ELECTRON_ONLY = 'Only main/electron/ and preload/ may import electron.';

// no-restricted-imports replaces itself per file, so every rule keeps Electron out and adds its own patterns.
// Words an agent reads come from the catalog (locales/). A string of two or more words separated by a
// space reads as a sentence: in the renderer and the core it is a message out of place. Log lines,
// thrown errors and test names are for developers and stay English.
const PROSE_ONLY = '(?![\\s\\S]*[A-Za-z]{2,}[ ]+[A-Za-z]{2,})[\\s\\S]*';
const noLiteralString = [
  'error',
  {
    mode: 'all',
    'should-validate-template': true,
    words: { exclude: [PROSE_ONLY] },
    callees: {
      exclude: ['t', 'say', 'Error', 'TypeError', 'RangeError', 'trace', 'debug', 'info', 'warn', 'error', 'fatal', 'child', 'require', 'addEventListener', 'removeEventListener', 'querySelector', 'querySelectorAll', 'matchMedia', 'includes', 'startsWith', 'endsWith'],
    },
    message: 'Words an agent reads belong in the catalog (locales/en.json)',
  },
];

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
    // Raw text in a Svelte template, and in the attributes a person reads or hears.
    files: ['renderer/**/*.svelte'],
    plugins: { '@intlify/svelte': intlifySvelte },
    rules: {
      '@intlify/svelte/no-raw-text': [
        'error',
        {
          attributes: { '/.+/': ['aria-label', 'aria-description', 'aria-roledescription', 'title', 'placeholder', 'alt', 'label'] },
          // Punctuation, digits and symbols only (a separator, a times sign): nothing to translate.
          ignorePattern: '^[\\p{P}\\p{S}\\p{N}\\s]+$',
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.svelte', 'main/**/*.ts'],
    ignores: ['renderer/preview-bridge.ts', 'main/simulator/**', 'main/preview/cli.ts'],
    plugins: { i18next },
    rules: { 'i18next/no-literal-string': noLiteralString },
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
          regex: '^(\\.\\./)+main/(?!contract/|address/country$|session/transitions$|shortcuts/shortcut-map$|i18n/(translator|languages)$|connection/check-pace$)',
          message:
            'The renderer imports from main/ only the contract (types), main/address/country, main/session/transitions, main/shortcuts/shortcut-map, main/i18n/translator and languages, and main/connection/check-pace.',
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
