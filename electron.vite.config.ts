// The build of every process. The main process bundles the Electron entry, the preview and the
// simulator's command lines; keytar stays external (a native module is loaded from node_modules).
import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'electron-vite';
import { getCountries } from 'libphonenumber-js/max';
import { buildCatalogs } from './main/i18n/catalog-files';

// The catalogs are app files, not part of any bundle: the core hands the window only the language in use.
const catalogs = {
  name: 'handoff-catalogs',
  async closeBundle() {
    await buildCatalogs(resolve(import.meta.dirname, 'locales'), resolve(import.meta.dirname, 'out/locales'));
  },
};

export default defineConfig({
  main: {
    plugins: [catalogs],
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          index: resolve(import.meta.dirname, 'main/index.ts'),
          preview: resolve(import.meta.dirname, 'main/preview/cli.ts'),
          simulator: resolve(import.meta.dirname, 'main/simulator/cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve(import.meta.dirname, 'preload/index.ts') },
        // A sandboxed preload runs without Node's module loader: one CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    // CSS goes to files, never inline <style>: the page's CSP allows style-src 'self' only.
    plugins: [svelte({ configFile: false, emitCss: true })],
    // The countries the core's libphonenumber reads numbers for, as a list (about 1 KB): the Settings
    // form checks the default country without the 130 KB of metadata behind it (renderer/lib/fields.ts).
    define: { __HANDOFF_COUNTRIES__: JSON.stringify(getCountries()) },
    build: {
      outDir: 'out/renderer',
      // electron-vite leaves the renderer unminified; minified, the window loads about a third as much.
      minify: true,
      rolldownOptions: {
        input: {
          index: resolve(import.meta.dirname, 'renderer/index.html'),
          // The browser preview's stand-in for the preload, served at /preview-bridge.js; Electron never loads it.
          'preview-bridge': resolve(import.meta.dirname, 'renderer/preview-bridge.ts'),
        },
        output: {
          entryFileNames: (chunk) => (chunk.name === 'preview-bridge' ? '[name].js' : 'assets/[name]-[hash].js'),
        },
      },
    },
  },
});
