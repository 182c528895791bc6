import { defineConfig } from '@playwright/test';

/**
 * Browser tests in Debian's Chromium (`apt-get install chromium`; Playwright's own browser downloads are not
 * used) against the real app, backend and simulators. scripts/test starts the portal first; run alone,
 * `yarn test:e2e` starts it through scripts/start-portal.sh unless one is already running.
 */
export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'e2e-test-report' }]],
  webServer: {
    command: './scripts/start-portal.sh',
    url: 'http://localhost:7007/api/vcf/health',
    reuseExistingServer: true,
    timeout: 300_000,
  },
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
  outputDir: 'e2e-test-results',
});
