/*
 * The vSphere inventory that the backend syncs from vcsim (the vCenter of vcf-east in the demo estate). The vcsim
 * launcher (tools/vcsim) names VMs <host>_VM<n>: the demo's clusters DC0_C0 and DC0_C1 have three hosts each
 * (DC0_C0_H0 … DC0_C0_H2) with four VMs each, so DC0_C0_H1_VM1 is one VM. The demo then names its hosts by FQDN
 * in vcf-east's domain (startDemoEstate.ts, vcsim's hostDomain), so DC0_C0_H1 is dc0-c0-h1.vcf-east.example.test.
 */
import type { APIRequestContext } from '@playwright/test';
import {
  columnValues,
  expect,
  paginationText,
  screenshot,
  tableWithColumn,
  test,
} from './fixtures';

const VM = 'DC0_C0_H1_VM1';
const VM_HOST = 'dc0-c0-h1.vcf-east.example.test';
const SYNC_TIMEOUT_MS = 90_000;

/** Waits until the backend lists the VM; fails at once when the inventory routes are missing. */
async function waitForVm(vcfApi: APIRequestContext, name: string) {
  const deadline = Date.now() + SYNC_TIMEOUT_MS;
  for (;;) {
    const response = await vcfApi.get(
      `inventory/vms?q=${encodeURIComponent(name)}&limit=5`,
    );
    if (response.status() === 404) {
      throw new Error(
        `GET /api/vcf/inventory/vms answered 404 (${await response.text()}): the backend has no inventory routes`,
      );
    }
    expect(response.status(), await response.text()).toBe(200);
    const page = await response.json();
    if (page.totalCount > 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        `vcsim's VM ${name} was not in the inventory after ${
          SYNC_TIMEOUT_MS / 1000
        } s`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

test('the VM search finds a vcsim VM on the inventory VMs page', async ({
  page,
  vcfApi,
}) => {
  test.setTimeout(SYNC_TIMEOUT_MS + 60_000);
  await waitForVm(vcfApi, VM);

  await page.goto('/vcf/inventory');
  await expect(page).toHaveURL(/\/vcf\/inventory\/vms$/);
  const views = page.getByRole('tablist', { name: 'Inventory views' });
  await expect(views.getByRole('tab', { name: 'VMs' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const table = tableWithColumn(page, 'vCPU');
  await expect(paginationText(page)).toHaveText(/^1-\d+ of ([2-9]|\d\d+)$/);

  await page.getByRole('textbox', { name: 'Search' }).fill(VM);
  await expect(paginationText(page)).toHaveText('1-1 of 1');
  const names = await columnValues(table, 'Name');
  expect(names).toHaveLength(1);
  expect(names[0].startsWith(VM)).toBe(true); // the guest OS follows the name in the cell
  expect(await columnValues(table, 'Host')).toEqual([VM_HOST]);
  await screenshot(page, 'vcf-inventory-vm-search');
});
