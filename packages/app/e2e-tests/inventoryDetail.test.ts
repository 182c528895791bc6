/*
 * The VM and host detail pages and the inventory workbook, against the inventory the backend syncs from vcsim (the
 * vCenter of vcf-east in the demo estate; see inventory.test.ts for vcsim's names). Each page is compared with what
 * the backend's detail route answers for the same object, so the test checks that the page shows the stored data,
 * whatever vcsim's version puts in it.
 */
import type { APIRequestContext, Locator, Page } from '@playwright/test';
// exceljs is a root devDependency; packages/app does not declare it.
import ExcelJS from 'exceljs';
import {
  expect,
  paginationText,
  screenshot,
  tableWithColumn,
  test,
} from './fixtures';

/** What the test reads of `GET /api/vcf/inventory/{vms|hosts}/{id}`. */
interface VmDetail {
  kind: 'vms';
  disks: Array<{ label: string; datastore?: string; file?: string }>;
  nics: Array<{
    label: string;
    network?: string;
    switchName?: string;
    uplinks: string[];
  }>;
}
interface HostDetail {
  kind: 'hosts';
  nics: Array<{ device: string }>;
  vmkernelAdapters: Array<{
    device: string;
    ipAddress?: string;
    portgroup?: string;
  }>;
}

const VM = 'DC0_C0_H1_VM1';
const HOST = 'dc0-c0-h1.vcf-east.example.test';
const SYNC_TIMEOUT_MS = 90_000;

/** The sheets of the workbook, one per kind, in the workbook's order. */
const WORKBOOK_SHEETS: Array<[sheet: string, kind: string]> = [
  ['Virtual machines', 'vms'],
  ['VM disks', 'vm-disks'],
  ['VM NICs', 'vm-nics'],
  ['ESXi hosts', 'hosts'],
  ['Host NICs', 'host-nics'],
  ['VMkernel adapters', 'host-vmkernel-adapters'],
  ['Clusters', 'clusters'],
  ['Datastores', 'datastores'],
  ['Datastore clusters', 'datastore-clusters'],
  ['Networks', 'networks'],
  ['Snapshots', 'snapshots'],
  ['Alarms', 'alarms'],
];

/** The row id of the only object of a kind with this exact name, once a sync has stored it. */
async function idOf(
  vcfApi: APIRequestContext,
  kind: 'vms' | 'hosts',
  name: string,
): Promise<string> {
  let id: string | undefined;
  await expect
    .poll(
      async () => {
        const response = await vcfApi.get(
          `inventory/${kind}?q=${encodeURIComponent(name)}&limit=50`,
        );
        expect(response.status(), await response.text()).toBe(200);
        const { items } = (await response.json()) as {
          items: Array<{ id: string; name: string }>;
        };
        id = items.find(item => item.name === name)?.id;
        return id;
      },
      {
        timeout: SYNC_TIMEOUT_MS,
        message: `${name} in the synced inventory`,
      },
    )
    .toBeTruthy();
  return id!;
}

async function detailOf<T extends VmDetail | HostDetail>(
  vcfApi: APIRequestContext,
  kind: T['kind'],
  id: string,
): Promise<T> {
  const response = await vcfApi.get(
    `inventory/${kind}/${encodeURIComponent(id)}`,
  );
  expect(response.status(), await response.text()).toBe(200);
  return response.json();
}

/** The table of a detail page's section: the card (material-table's Paper) titled so. */
function section(page: Page, title: string): Locator {
  return page
    .locator('.MuiPaper-root')
    .filter({ has: page.getByRole('heading', { name: title, exact: true }) })
    .last()
    .locator('table');
}

/** Opens the list of a kind, searches a name and follows the name's link to its detail page. */
async function openFromTable(
  page: Page,
  kind: 'vms' | 'hosts',
  name: string,
  id: string,
) {
  await page.goto(`/vcf/inventory/${kind}`);
  const table = tableWithColumn(page, kind === 'vms' ? 'vCPU' : 'Version');
  await page.getByRole('textbox', { name: 'Search' }).fill(name);
  await expect(paginationText(page)).toHaveText('1-1 of 1');
  await table.getByRole('link', { name, exact: true }).click();
  await expect(page).toHaveURL(
    new RegExp(`/vcf/inventory/${kind}/${encodeURIComponent(id)}$`),
  );
  await expect(
    page.getByText(`${kind === 'vms' ? 'Virtual machine' : 'ESXi host'} in `, {
      exact: false,
    }),
  ).toBeVisible();
}

/**
 * A VM with a NIC on a distributed portgroup, whose whole path is known: every vcsim host carries the distributed
 * switch on its uplink vmnic1 (tools/vcsim), and vSwitch0 on vmnic0; the launcher spreads VMs over both kinds of
 * portgroup.
 */
async function vmWithFullNicPath(vcfApi: APIRequestContext): Promise<string> {
  const response = await vcfApi.get('inventory/vm-nics?limit=500');
  expect(response.status(), await response.text()).toBe(200);
  const { items } = (await response.json()) as {
    items: Array<{ vm: string; uplinks: string[] }>;
  };
  const nic = items.find(item => item.uplinks.includes('vmnic1'));
  expect(
    nic,
    'a VM NIC on the distributed switch, with its uplink',
  ).toBeDefined();
  return nic!.vm;
}

test("from the VM table to a VM's page: its disks and each NIC's portgroup → switch → uplink path", async ({
  page,
  vcfApi,
}) => {
  test.setTimeout(SYNC_TIMEOUT_MS + 60_000);
  await idOf(vcfApi, 'vms', VM);
  const vm = await vmWithFullNicPath(vcfApi);
  const id = await idOf(vcfApi, 'vms', vm);
  const detail = await detailOf<VmDetail>(vcfApi, 'vms', id);
  expect(detail.disks.length).toBeGreaterThan(0);
  expect(detail.nics.length).toBeGreaterThan(0);

  await openFromTable(page, 'vms', vm, id);

  const disks = section(page, 'Disks');
  for (const disk of detail.disks) {
    const row = disks.getByRole('row').filter({ hasText: disk.label });
    await expect(row).toHaveCount(1);
    if (disk.datastore) await expect(row).toContainText(disk.datastore);
    if (disk.file) await expect(row).toContainText(disk.file);
  }
  const nics = section(page, 'Network adapters');
  expect(detail.nics.every(nic => nic.uplinks.length > 0)).toBe(true);
  for (const nic of detail.nics) {
    const path = [
      nic.network ?? '?',
      nic.switchName ?? '?',
      nic.uplinks.join(', ') || '?',
    ].join(' → ');
    await expect(
      nics.getByRole('row').filter({ hasText: nic.label }),
    ).toContainText(path);
  }
  await expect(
    page.getByRole('link', { name: /Open in vSphere Client/ }),
  ).toHaveAttribute('href', /\/ui\/app\//);
  await screenshot(page, 'vcf-inventory-vm-detail');
});

test("a host's page shows its physical NICs and VMkernel adapters", async ({
  page,
  vcfApi,
}) => {
  test.setTimeout(SYNC_TIMEOUT_MS + 60_000);
  const id = await idOf(vcfApi, 'hosts', HOST);
  const detail = await detailOf<HostDetail>(vcfApi, 'hosts', id);
  expect(detail.nics.length).toBeGreaterThan(0);
  expect(detail.vmkernelAdapters.length).toBeGreaterThan(0);

  await openFromTable(page, 'hosts', HOST, id);

  const nics = section(page, 'Physical NICs');
  for (const nic of detail.nics) {
    await expect(
      nics.getByRole('row').filter({ hasText: nic.device }),
    ).not.toHaveCount(0);
  }
  const adapters = section(page, 'VMkernel adapters');
  for (const adapter of detail.vmkernelAdapters) {
    const row = adapters.getByRole('row').filter({ hasText: adapter.device });
    await expect(row).toHaveCount(1);
    if (adapter.ipAddress) await expect(row).toContainText(adapter.ipAddress);
    if (adapter.portgroup) await expect(row).toContainText(adapter.portgroup);
  }
  await screenshot(page, 'vcf-inventory-host-detail');
});

test('"Download all" saves one workbook with a sheet per kind that opens with exceljs', async ({
  page,
  vcfApi,
}, testInfo) => {
  test.setTimeout(SYNC_TIMEOUT_MS + 60_000);
  await idOf(vcfApi, 'vms', VM);

  await page.goto('/vcf/inventory/vms');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download all' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  expect(workbook.worksheets.map(sheet => sheet.name)).toEqual(
    WORKBOOK_SHEETS.map(([name]) => name),
  );
  for (const [name, kind] of WORKBOOK_SHEETS) {
    const sheet = workbook.getWorksheet(name)!;
    // A header row, then one row per object the list of that kind counts (kinds that a sync does not change).
    expect(sheet.getRow(1).cellCount, name).toBeGreaterThan(1);
    if (kind === 'alarms' || kind === 'snapshots') continue;
    const response = await vcfApi.get(`inventory/${kind}?limit=1`);
    expect(response.status(), await response.text()).toBe(200);
    const { totalCount } = await response.json();
    expect(totalCount, name).toBeGreaterThan(0);
    expect(sheet.actualRowCount - 1, name).toBe(totalCount);
  }
  const vms = workbook.getWorksheet('Virtual machines')!;
  const vmNames: string[] = [];
  vms.eachRow((row, number) => {
    if (number > 1) vmNames.push(String((row.values as unknown[])[1]));
  });
  expect(vmNames.some(name => name.includes(VM))).toBe(true);
});
