import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // The core loads compiled catalogs, as in the app: built once before any test.
    globalSetup: ['test/support/catalogs-setup.ts'],
    testTimeout: 15_000,
    coverage: {
      provider: 'v8',
      include: ['main/**/*.ts'],
      exclude: ['main/electron/**'],
      reporter: ['text-summary', 'text'],
    },
  },
});
