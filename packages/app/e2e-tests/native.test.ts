/*
 * The portal's own channels: a sync that keeps failing reaches the owners in the notifications page, and the
 * portal search finds vSphere objects. The failure is made with the simulator's fault knobs on vcf-lab, which
 * the guest's group (vcf-admins) owns; the faults are reset and the environment synced again afterwards.
 */
import { request as requests, type APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';

const LAB = 'vcf-lab';
const SIMULATOR_URL = `https://127.0.0.1:${
  process.env.VCF_DEMO_SIMULATOR_PORT ?? '5443'
}`;
const VM = 'DC0_C0_H1_VM1';
/** The demo notifies after 3 failed syncs in a row (vcf.notifications.syncFailureThreshold, default 3). */
const FAILURES = 3;

/** Requests a sync of the environment and waits until its SDDC Manager target has finished it. */
async function syncAndWait(vcfApi: APIRequestContext, environmentId: string) {
  const before = await (
    await vcfApi.get(`environments/${environmentId}`)
  ).json();
  const lastFinished = before.sync['sddc-manager']?.lastFinishedAt;
  expect(
    (await vcfApi.post(`environments/${environmentId}/sync`)).status(),
  ).toBe(202);
  await expect
    .poll(
      async () => {
        const environment = await (
          await vcfApi.get(`environments/${environmentId}`)
        ).json();
        const sync = environment.sync['sddc-manager'];
        return sync.status !== 'running' && sync.lastFinishedAt !== lastFinished
          ? sync.status
          : 'pending';
      },
      { timeout: 60_000 },
    )
    .not.toBe('pending');
}

test.describe('notifications and search', () => {
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

  test('a sync of an environment the guest owns that keeps failing shows in the notifications page', async ({
    page,
    vcfApi,
  }) => {
    test.setTimeout(FAILURES * 70_000 + 240_000);
    const faults = await simulator.post(
      `faults?environmentId=${LAB}&service=sddc-manager`,
      {
        data: { rejectServiceAccount: true },
      },
    );
    expect(faults.status(), await faults.text()).toBe(200);
    for (let i = 0; i < FAILURES; i++) await syncAndWait(vcfApi, LAB);

    await page.goto('/notifications');
    const notice = page
      .getByText(
        /Sync of the SDDC Manager credentials of VCF Lab failed 3 times in a row/,
      )
      .first();
    // The first visit may wait for the dev server to build the notifications page.
    await expect(notice).toBeVisible({ timeout: 120_000 });
    await notice.click();
    await expect(page).toHaveURL(/\/vcf\/environments\/vcf-lab\/sync-history/);

    // The environment works again: its owners hear that too.
    await simulator.delete('faults');
    await syncAndWait(vcfApi, LAB);
    await page.goto('/notifications');
    await expect(
      page
        .getByText(
          /Sync of the SDDC Manager credentials of VCF Lab works again/,
        )
        .first(),
    ).toBeVisible({
      timeout: 120_000,
    });
  });

  test('the portal search finds a vcsim VM by name and opens its page', async ({
    page,
  }) => {
    test.setTimeout(420_000);
    // The VCF collator indexes the synced inventory every minute in the demo (search.collators.vcf.schedule).
    await expect(async () => {
      await page.goto(`/search?query=${encodeURIComponent(VM)}`);
      await expect(
        page.getByRole('link', { name: VM, exact: true }),
      ).toBeVisible({ timeout: 60_000 });
    }).toPass({ timeout: 330_000, intervals: [5_000] });
    await page.screenshot({ path: 'e2e-screenshots/search-vcf-vm.png' });
    await page.getByRole('link', { name: VM, exact: true }).click();
    await expect(page).toHaveURL(
      /\/vcf\/inventory\/vms\/vcenter-east%3Avm-\d+$/,
    );
  });
});
