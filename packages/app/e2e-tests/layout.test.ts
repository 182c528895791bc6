/*
 * The portal at 1280×800, the size of a small laptop: the credential table fits, "Sync now" shows real progress
 * and its result, the catalog holds one entity per environment, a host's page shows that host's credentials, Back
 * restores a filtered table, and no VCF page logs a console error. Every page is saved to
 * e2e-screenshots/layout-*.png (named in the README). Nothing here waits for a duration: each step waits for a
 * state of the page or of the API.
 */
import {
  request as requests,
  type APIRequestContext,
  type Page,
} from '@playwright/test';
import {
  BACKEND_URL,
  EAST,
  credentialsPath,
  expect,
  paginationText,
  screenshot,
  test,
} from './fixtures';

const WIDTH = 1280;
const HEIGHT = 800;
const LAB = 'vcf-lab';
const SIMULATOR_URL = `https://127.0.0.1:${
  process.env.VCF_DEMO_SIMULATOR_PORT ?? '5443'
}`;

test.use({ viewport: { width: WIDTH, height: HEIGHT } });

/** The catalog's entities that match a filter, as the guest. */
async function catalogEntities(
  request: APIRequestContext,
  token: string,
  filter: string,
): Promise<any[]> {
  const response = await request.get(
    `${BACKEND_URL}/api/catalog/entities/by-query?filter=${encodeURIComponent(
      filter,
    )}&limit=500`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()).items;
}

/** Whether the page scrolls sideways (a layout wider than the window). */
async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(
    () => document.documentElement.scrollWidth > window.innerWidth,
  );
}

test('the Reveal button of the first credential is on screen without scrolling', async ({
  page,
}) => {
  await page.goto(credentialsPath(EAST));
  const reveal = page
    .getByRole('button', { name: /^Reveal password for / })
    .first();
  await expect(reveal).toBeVisible();
  await expect(reveal).toBeInViewport({ ratio: 1 });
  const box = (await reveal.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
  expect(box.y + box.height).toBeLessThanOrEqual(HEIGHT);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  expect(await scrollsSideways(page)).toBe(false);
  await screenshot(page, 'layout-credentials');
});

test.describe('sync progress', () => {
  let simulator: APIRequestContext;

  test.beforeAll(async () => {
    simulator = await requests.newContext({
      baseURL: `${SIMULATOR_URL}/_simulator/`,
      ignoreHTTPSErrors: true,
    });
  });
  test.afterAll(async () => {
    await simulator.delete('faults');
    await simulator.dispose();
  });

  test('"Sync now" names the source and the page it reads while it runs, then the result with counts and pages', async ({
    page,
  }) => {
    // The demo reads SDDC Manager in pages of 50 (vcf.sync.sddcManagerPageSize in startDemoEstate.ts), so vcf-lab's
    // credentials take two pages or more. The simulator holds vcf-lab's second page until the test lifts the
    // fault: the sync stays at "page 1 of n" for as long as the test needs to see it, with no timing involved.
    const scope = `faults?environmentId=${LAB}&service=sddc-manager`;
    const held = await simulator.post(scope, { data: { holdPagesFrom: 1 } });
    expect(held.status(), await held.text()).toBe(200);

    await page.goto(`/vcf/environments/${LAB}`);
    await page.getByRole('button', { name: 'Sync now' }).first().click();
    const progress = page
      .getByRole('status')
      .filter({ hasText: /SDDC Manager: page 1 of ([2-9]|\d{2,})\b/ })
      .first();
    await expect(progress).toBeVisible({ timeout: 60_000 });
    await screenshot(page, 'layout-sync-progress');

    const lifted = await simulator.post(scope, {
      data: { holdPagesFrom: null },
    });
    expect(lifted.status(), await lifted.text()).toBe(200);
    const result = page
      .getByRole('status')
      .filter({ hasText: /Sync finished:/ })
      .first();
    await expect(result).toBeVisible({ timeout: 120_000 });
    await expect(result).toContainText(
      /SDDC Manager: [\d,]+ credentials in \d+ pages, .*\d+ passwords? changed/,
    );
    const pages = Number(
      /SDDC Manager: [\d,]+ credentials in (\d+) pages/.exec(
        (await result.textContent()) ?? '',
      )![1],
    );
    expect(pages).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'layout-sync-result');
  });
});

test('the catalog has one entity per environment, the provider’s', async ({
  page,
  request,
  identity,
  vcfApi,
}) => {
  const environments: Array<{ id: string; title: string }> = await (
    await vcfApi.get('environments')
  ).json();
  expect(environments.length).toBeGreaterThan(1);
  // The provider runs on a schedule after the backend starts: wait until it has written the environments.
  await expect
    .poll(
      async () =>
        (
          await catalogEntities(
            request,
            identity.token,
            'kind=resource,spec.type=vcf-environment',
          )
        ).length,
      { timeout: 120_000 },
    )
    .toBe(environments.length);
  for (const environment of environments) {
    const annotated = await catalogEntities(
      request,
      identity.token,
      `kind=resource,metadata.annotations.vcf-backstage.io/environment=${environment.id}`,
    );
    // vCenters, clusters and hosts carry the annotation too; exactly one entity is the environment itself.
    const environmentEntities = annotated.filter(
      e => e.spec?.type === 'vcf-environment',
    );
    expect(
      environmentEntities.map(
        e => `${e.metadata.namespace}/${e.metadata.name}`,
      ),
    ).toEqual([`vcf/${environment.id}`]);
    const sameTitle = await catalogEntities(
      request,
      identity.token,
      `metadata.title=${environment.title}`,
    );
    expect(sameTitle).toHaveLength(1);
  }

  // A user's component reaches the environment through its annotation, not a second entity.
  await expect
    .poll(
      async () => {
        const response = await request.get(
          `${BACKEND_URL}/api/catalog/entities/by-name/component/default/payments-api`,
          { headers: { Authorization: `Bearer ${identity.token}` } },
        );
        const component = await response.json();
        return (component.relations ?? [])
          .filter((r: any) => r.type === 'dependsOn')
          .map((r: any) => r.targetRef);
      },
      { timeout: 120_000 },
    )
    .toContain(`resource:vcf/${EAST}`);
  await page.goto('/catalog/default/component/payments-api');
  await expect(
    page.getByRole('heading', { name: 'payments-api', level: 2 }),
  ).toBeVisible();
  await expect(page.getByText(/VCF East \(production\)/).first()).toBeVisible();
  await screenshot(page, 'layout-catalog-component');

  await page.goto(`/catalog/vcf/resource/${EAST}`);
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeVisible();
  expect(await scrollsSideways(page)).toBe(false);
  await screenshot(page, 'layout-catalog-environment');
});

test("a host's VCF tab lists only that host's credentials, without the environment card", async ({
  page,
  request,
  identity,
  vcfApi,
}) => {
  let hosts: any[] = [];
  await expect
    .poll(
      async () => {
        hosts = await catalogEntities(
          request,
          identity.token,
          `kind=resource,spec.type=esxi-host,metadata.annotations.vcf-backstage.io/environment=${EAST}`,
        );
        return hosts.length;
      },
      { timeout: 120_000 },
    )
    .toBeGreaterThan(0);
  const host = hosts[0];
  const hostName = String(
    host.metadata.annotations['vcf-backstage.io/vsphere-hosts'],
  ).replace(/^[^/]*\//, '');
  const expected: number = (
    await (
      await vcfApi.get(
        `environments/${EAST}/credentials?limit=1&resourceName=${encodeURIComponent(
          hostName,
        )}`,
      )
    ).json()
  ).totalCount;
  const all: number = (
    await (await vcfApi.get(`environments/${EAST}/credentials?limit=1`)).json()
  ).totalCount;

  await page.goto(`/catalog/vcf/resource/${host.metadata.name}`);
  await expect(
    page.getByRole('heading', { name: hostName, level: 2 }),
  ).toBeVisible();
  // The overview has no environment card and no "Sync now": they belong to the environment's page.
  await expect(
    page.getByText('vSphere', { exact: true }).first(),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sync now' })).toHaveCount(0);
  await screenshot(page, 'layout-catalog-host');

  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'VCF', exact: true })
    .click();
  await expect(page.getByText(`Credentials of ${hostName}`)).toBeVisible();
  // The demo names vcsim's hosts by FQDN in vcf-east's domain and the simulator holds ESXi credentials for exactly
  // those hosts (startDemoEstate.ts), so every host has some: its root and service accounts.
  expect(expected).toBeGreaterThan(0);
  expect(await loadedTotal(page)).toBe(expected);
  const resources = await page
    .getByRole('button', { name: /^Reveal password for / })
    .evaluateAll(buttons =>
      buttons.map(b => b.getAttribute('aria-label') ?? ''),
    );
  expect(resources.length).toBeGreaterThan(0);
  expect(resources.every(label => label.endsWith(`@${hostName}`))).toBe(true);
  expect(expected).toBeLessThan(all);
  await expect(page.getByRole('button', { name: 'Sync now' })).toHaveCount(0);
  await screenshot(page, 'layout-catalog-host-credentials');
});

/**
 * The total of the credential table once it has rows. At 1280×800 the pagination is below the fold, where
 * Playwright may report it hidden, so this waits for its text instead of its visibility.
 */
async function loadedTotal(page: Page): Promise<number> {
  const text = paginationText(page);
  await expect(text).toHaveText(/ of [1-9]\d*$/);
  return Number(/of (\d+)$/.exec((await text.textContent()) ?? '')![1]);
}

test('Back restores a filtered table', async ({ page }) => {
  await page.goto(credentialsPath(EAST));
  const all = await loadedTotal(page);
  await page.getByLabel('Resource type').selectOption('ESXI');
  await page.getByRole('textbox', { name: 'Search' }).fill('root');
  await expect(page).toHaveURL(/resourceType=ESXI/);
  await expect(page).toHaveURL(/q=root/);
  await expect(paginationText(page)).not.toHaveText(new RegExp(`of ${all}$`));
  const filtered = await loadedTotal(page);
  expect(filtered).toBeLessThan(all);

  await page
    .getByRole('tablist', { name: 'VCF sections' })
    .getByRole('tab', { name: 'Inventory' })
    .click();
  await expect(page).toHaveURL(/\/vcf\/inventory/);
  await page.goBack();

  await expect(page.getByLabel('Resource type')).toHaveValue('ESXI');
  await expect(page.getByRole('textbox', { name: 'Search' })).toHaveValue(
    'root',
  );
  await expect(paginationText(page)).toHaveText(new RegExp(`of ${filtered}$`));
});

/** Every page of the VCF plugin, by name (screenshot) and path. */
const PAGES: Array<[name: string, path: string]> = [
  ['home', '/vcf'],
  ['environment-overview', `/vcf/environments/${EAST}`],
  ['environment-credentials', credentialsPath(EAST)],
  [
    'environment-credential-tasks',
    `/vcf/environments/${EAST}/credential-tasks`,
  ],
  ['environment-sync-history', `/vcf/environments/${EAST}/sync-history`],
  ['environment-settings', `/vcf/environments/${EAST}/settings`],
  ...[
    'vms',
    'hosts',
    'clusters',
    'storage',
    'networks',
    'snapshots',
    'alarms',
    'events',
    'top',
  ].map((view): [string, string] => [
    `inventory-${view}`,
    `/vcf/inventory/${view}`,
  ]),
  ['vcenters', '/vcf/vcenters'],
  ['changes', '/vcf/changes'],
  ['audit', '/vcf/audit'],
  ['entity-environment', `/catalog/vcf/resource/${EAST}/vcf`],
];

test('no VCF page logs a console error (screenshots of each at 1280×800)', async ({
  page,
}) => {
  test.setTimeout(PAGES.length * 60_000);
  const errors: string[] = [];
  page.on('console', message => {
    // React's development-only deprecation warnings (findDOMNode, defaultProps) come from material-table and
    // MUI v4 in the dev server and never reach a production build; every other console error fails the test.
    if (message.type() === 'error' && !/^Warning: /.test(message.text()))
      errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', error => errors.push(`${page.url()}: ${error.message}`));

  for (const [name, path] of PAGES) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
    // Every page has its header's title (level 1) once the app has rendered it.
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    await screenshot(page, `layout-${name}`);
  }
  expect(errors).toEqual([]);
});
