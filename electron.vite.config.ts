// The build of every process. The main process bundles the core and the simulator's command line;
// keytar stays external (a native module is loaded from node_modules at run time).
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: {
        input: {
          core: resolve(import.meta.dirname, 'main/core.ts'),
          simulator: resolve(import.meta.dirname, 'main/simulator/cli.ts'),
        },
      },
    },
  },
});
