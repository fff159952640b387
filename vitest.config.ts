import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 15_000,
    coverage: {
      provider: 'v8',
      include: ['main/**/*.ts'],
      exclude: ['main/electron/**'],
      reporter: ['text-summary', 'text'],
    },
  },
});
