/*
 * Shared fixtures of the end-to-end tests: the VCF backend API as the signed-in guest, the identity check that
 * keeps a project from running against a backend that signs guests in as someone else, and table helpers.
 */
import {
  test as base,
  expect,
  request as requests,
  type APIRequestContext,
  type Locator,
  type Page,
} from '@playwright/test';
import { mkdirSync } from 'node:fs';

export { expect };

/** Where the e2e run writes its screenshots (named in the README). */
export const SCREENSHOT_DIR = 'e2e-screenshots';

/** The backend the app talks to (app-config.yaml: backend.baseUrl). */
export const BACKEND_URL =
  process.env.VCF_E2E_BACKEND_URL ?? 'http://localhost:7007';

/** The demo environment the tests use (catalog-info.yaml, startDemoEstate.ts). */
export const EAST = 'vcf-east';

/** The browser storage of a guest who signed in once (written by estate.setup.ts). */
export const SIGNED_IN_STATE = 'e2e-test-results/.auth/guest-sign-in.json';

/**
 * Set by scripts/test: a backend that signs guests in as another user than the project expects fails the
 * project's tests instead of skipping them.
 */
const REQUIRE_IDENTITY = !!process.env.VCF_E2E_REQUIRE_IDENTITY;

/** What `GET /api/auth/guest/refresh` says about the guest. */
export interface GuestIdentity {
  token: string;
  userEntityRef: string;
  ownershipEntityRefs: string[];
}

/** Signs in as the guest through the backend, as the app does (the guest provider needs no cookie). */
export async function guestIdentity(
  request: APIRequestContext,
): Promise<GuestIdentity> {
  const response = await request.get(`${BACKEND_URL}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!response.ok()) {
    throw new Error(
      `Guest sign-in failed: ${response.status()} ${await response.text()}`,
    );
  }
  const { backstageIdentity } = await response.json();
  return {
    token: backstageIdentity.token,
    userEntityRef: backstageIdentity.identity.userEntityRef,
    ownershipEntityRefs: backstageIdentity.identity.ownershipEntityRefs ?? [],
  };
}

/** A request context for `/api/vcf/…` with the guest's token. */
export async function vcfApiFor(token: string): Promise<APIRequestContext> {
  return requests.newContext({
    baseURL: `${BACKEND_URL}/api/vcf/`,
    extraHTTPHeaders: { Authorization: `Bearer ${token}` },
  });
}

type WorkerFixtures = {
  /** The user the project's tests expect the guest sign-in to be (set per project in playwright.config.ts). */
  vcfUser: string;
  /** The backend's guest identity, fetched once per worker. */
  identity: GuestIdentity;
};

type TestFixtures = {
  /** `/api/vcf/…` as the signed-in guest: `vcfApi.get('environments')`. */
  vcfApi: APIRequestContext;
  /** Fails (scripts/test) or skips (a local run) tests whose backend signs guests in as another user. */
  checkIdentity: void;
};

export const test = base.extend<TestFixtures, WorkerFixtures>({
  vcfUser: ['user:default/guest', { option: true, scope: 'worker' }],

  identity: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, provide) => {
      const request = await requests.newContext();
      try {
        await provide(await guestIdentity(request));
      } finally {
        await request.dispose();
      }
    },
    { scope: 'worker' },
  ],

  checkIdentity: [
    async ({ identity, vcfUser }, provide, testInfo) => {
      if (identity.userEntityRef !== vcfUser) {
        const reason =
          `These tests need the backend to sign guests in as ${vcfUser}, but it signs them in as ` +
          `${identity.userEntityRef}. Restart the backend with VCF_GUEST_USER=${vcfUser} ` +
          `(scripts/test does: it runs the "guest" project, then restarts the backend for the "viewer" project).`;
        if (REQUIRE_IDENTITY) throw new Error(reason);
        testInfo.skip(true, reason);
      }
      await provide();
    },
    { auto: true },
  ],

  vcfApi: async ({ identity }, provide) => {
    const api = await vcfApiFor(identity.token);
    await provide(api);
    await api.dispose();
  },
});

/** The credentials page of an environment (the "Credentials" tab of /vcf/environments/:id). */
export function credentialsPath(environmentId: string) {
  return `/vcf/environments/${encodeURIComponent(environmentId)}/credentials`;
}

/** The "1-25 of 258" text in the pagination of a table, as a locator. */
export function paginationText(scope: Page | Locator): Locator {
  return scope.getByText(/^\d+-\d+ of \d+$/).first();
}

/** The total of a table, from its pagination ("1-25 of 258" → 258); waits until the table has loaded. */
export async function tableTotal(scope: Page | Locator): Promise<number> {
  const text = paginationText(scope);
  await expect(text).toBeVisible();
  const match = /of (\d+)$/.exec((await text.textContent()) ?? '');
  if (!match) throw new Error('The table shows no total');
  return Number(match[1]);
}

/**
 * The cell texts of one column of the visible rows of a table, by the column's title (as written in the
 * column definition, not as CSS capitalises it).
 */
export async function columnValues(
  table: Locator,
  title: string,
): Promise<string[]> {
  const headers = (await table.locator('thead th').allTextContents()).map(h =>
    h.trim(),
  );
  const index = headers.findIndex(h => h === title);
  if (index < 0) {
    throw new Error(`No column "${title}" among ${JSON.stringify(headers)}`);
  }
  const rows = table.locator('tbody tr');
  const values: string[] = [];
  for (const row of await rows.all()) {
    const cells = row.locator('> td');
    if ((await cells.count()) <= index) continue; // the "nothing matches" row
    values.push(((await cells.nth(index).textContent()) ?? '').trim());
  }
  return values;
}

/** The table (material-table's <table>) that has a column with this title. */
export function tableWithColumn(page: Page, title: string): Locator {
  return page
    .locator('table')
    .filter({ has: page.locator('thead th', { hasText: title }) })
    .first();
}

/** Writes a full-page screenshot to e2e-screenshots/<name>.png. */
export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({
    path: `${SCREENSHOT_DIR}/${name}.png`,
    fullPage: true,
  });
}
