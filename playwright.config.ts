// Browser-level tests: the built renderer in Debian's Chromium, served by the preview with the real
// core, keychain and the PHLO simulator behind it. Playwright never downloads a browser here.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/support/catalogs-setup.ts',
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: 1,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list']],
  use: {
    viewport: { width: 420, height: 680 },
    launchOptions: {
      executablePath: process.env['HANDOFF_CHROMIUM'] ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
