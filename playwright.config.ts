import { defineConfig } from '@playwright/test';

/**
 * Browser tests in Debian's Chromium (`apt-get install chromium`; Playwright's own browser downloads are not
 * used) against the real app, backend and simulators.
 *
 * Projects:
 * - `estate` (setup): waits until the demo estate is synced and signs in once;
 * - `guest`: everything a VCF admin does (the demo's guest, `user:default/guest`);
 * - `viewer`: what a read-only user may not do. It needs the backend started with
 *   `VCF_GUEST_USER=user:default/viewer`; against a backend that signs guests in as someone else its tests are
 *   skipped (or fail, with `VCF_E2E_REQUIRE_IDENTITY=1`).
 *
 * scripts/test starts the estate, the app and the backend itself, runs `--project=guest`, restarts only the
 * backend as the viewer and runs `--project=viewer`. Run alone, `yarn test:e2e` starts the portal through
 * scripts/start-portal.sh unless one is already running (set VCF_E2E_NO_WEBSERVER=1 to never start one).
 */
const SIGNED_IN_STATE = 'e2e-test-results/.auth/guest-sign-in.json';

export default defineConfig<{}, { vcfUser: string }>({
  testDir: 'packages/app/e2e-tests',
  timeout: 90_000,
  expect: { timeout: 30_000 },
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  webServer: process.env.VCF_E2E_NO_WEBSERVER
    ? undefined
    : {
        command: './scripts/start-portal.sh',
        url: 'http://localhost:7007/api/vcf/health',
        reuseExistingServer: true,
        timeout: 300_000,
      },
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    acceptDownloads: true,
    // Wide enough that the tables in the screenshots do not wrap every cell.
    viewport: { width: 1600, height: 1000 },
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
  projects: [
    {
      name: 'estate',
      testMatch: /estate\.setup\.ts$/,
      outputDir: 'e2e-test-results/estate',
    },
    {
      name: 'guest',
      testMatch: /\.test\.ts$/,
      testIgnore: /[\\/]viewer[\\/]/,
      dependencies: ['estate'],
      outputDir: 'e2e-test-results/guest',
      use: { storageState: SIGNED_IN_STATE, vcfUser: 'user:default/guest' },
    },
    {
      name: 'viewer',
      testMatch: /[\\/]viewer[\\/].*\.test\.ts$/,
      dependencies: ['estate'],
      outputDir: 'e2e-test-results/viewer',
      use: { storageState: SIGNED_IN_STATE, vcfUser: 'user:default/viewer' },
    },
  ],
});
