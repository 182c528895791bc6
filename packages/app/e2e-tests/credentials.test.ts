/*
 * The credentials of vcf-east as a VCF admin (the demo's guest, a member of vcf-admins): reveal, filter, export.
 */
// exceljs is a root devDependency; packages/app does not declare it.
import ExcelJS from 'exceljs';
import {
  EAST,
  columnValues,
  credentialsPath,
  expect,
  paginationText,
  tableWithColumn,
  test,
} from './fixtures';

/** The reveal timeout of the UI (REVEAL_SECONDS in plugins/vcf/src/components/RevealPassword). */
const REVEAL_SECONDS = 20;

/** Rows per page of the credential table (RemoteTable's default). */
const PAGE_SIZE = 25;

async function credentialTotal(
  vcfApi: import('@playwright/test').APIRequestContext,
  query = '',
): Promise<number> {
  const response = await vcfApi.get(
    `environments/${EAST}/credentials?limit=1${query}`,
  );
  expect(response.status()).toBe(200);
  return (await response.json()).totalCount;
}

test('a VCF admin reveals a password, which is hidden again after 20 seconds', async ({
  page,
}) => {
  // Timers run on a clock the test moves, so the countdown is checked to the second without waiting 20 s.
  await page.clock.install();
  await page.goto(credentialsPath(EAST));

  const reveal = page
    .getByRole('button', { name: /^Reveal password for / })
    .first();
  await expect(reveal).toBeVisible();
  const label = (await reveal.getAttribute('aria-label'))!.replace(
    /^Reveal password for /,
    '',
  );
  await expect(page.getByTestId('vcf-password')).toHaveCount(0);

  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 100));
  const revealed = page.waitForResponse(
    response =>
      response.request().method() === 'POST' &&
      /\/api\/vcf\/credentials\/[^/]+\/reveal$/.test(response.url()),
  );
  await reveal.click();
  const response = await revealed;
  expect(response.status()).toBe(200);
  const { password } = await response.json();
  expect(typeof password).toBe('string');
  expect(password.length).toBeGreaterThan(0);

  // The password the backend returned is on the page, with its countdown and a way to hide it now.
  const shown = page.getByTestId('vcf-password');
  await expect(shown).toHaveCount(1);
  await expect(shown).toHaveText(password);
  await expect(
    page.getByRole('button', { name: `Hide password for ${label}` }),
  ).toBeVisible();
  await expect(page.getByText(`hides in ${REVEAL_SECONDS} s`)).toBeVisible();

  // One second before the timeout it is still there …
  await page.clock.runFor(REVEAL_SECONDS * 1000 - 1000);
  await expect(shown).toHaveText(password);
  await expect(page.getByText('hides in 1 s')).toBeVisible();

  // … and at the timeout it is gone from the page, and the Reveal button is back.
  await page.clock.runFor(1000);
  await expect(shown).toHaveCount(0);
  await expect(page.getByText(password, { exact: true })).toHaveCount(0);
  await expect(
    page.getByRole('button', { name: `Hide password for ${label}` }),
  ).toHaveCount(0);
  await expect(
    page.getByRole('button', { name: `Reveal password for ${label}` }).first(),
  ).toBeVisible();
});

test('the Resource type filter narrows the credentials to ESXi hosts', async ({
  page,
  vcfApi,
}) => {
  const total = await credentialTotal(vcfApi);
  const esxiTotal = await credentialTotal(vcfApi, '&resourceType=ESXI');
  expect(esxiTotal).toBeGreaterThan(0);
  expect(esxiTotal).toBeLessThan(total);

  await page.goto(credentialsPath(EAST));
  const table = tableWithColumn(page, 'Resource type');
  await expect(paginationText(page)).toHaveText(
    `1-${Math.min(PAGE_SIZE, total)} of ${total}`,
  );
  const typesBefore = new Set(await columnValues(table, 'Resource type'));
  expect(typesBefore.size).toBeGreaterThan(1);

  await page
    .getByRole('combobox', { name: 'Resource type' })
    .selectOption('ESXI');

  // The total drops to the backend's count of ESXi credentials, and every row on the page is an ESXi one.
  await expect(paginationText(page)).toHaveText(
    `1-${Math.min(PAGE_SIZE, esxiTotal)} of ${esxiTotal}`,
  );
  const types = await columnValues(table, 'Resource type');
  expect(types).toHaveLength(Math.min(PAGE_SIZE, esxiTotal));
  expect(new Set(types)).toEqual(new Set(['ESXI']));

  // "All" brings every credential back.
  await page.getByRole('combobox', { name: 'Resource type' }).selectOption('');
  await expect(paginationText(page)).toHaveText(
    `1-${Math.min(PAGE_SIZE, total)} of ${total}`,
  );
});

test('Next and previous page move through the credentials by the cursors of the page shown', async ({
  page,
  vcfApi,
}) => {
  const total = await credentialTotal(vcfApi);
  expect(total).toBeGreaterThan(PAGE_SIZE);
  const pageByOffset = async (offset: number) => {
    const response = await vcfApi.get(
      `environments/${EAST}/credentials?limit=${PAGE_SIZE}&offset=${offset}`,
    );
    expect(response.status()).toBe(200);
    return (await response.json()).items as Array<{
      resourceName: string;
      username: string;
    }>;
  };
  const table = tableWithColumn(page, 'Resource');
  // The rows shown, each as its resource name and username, in table order.
  const expectRows = async (
    expected: Array<{ resourceName: string; username: string }>,
  ) => {
    const resources = await columnValues(table, 'Resource');
    const usernames = await columnValues(table, 'Username');
    expect(resources).toHaveLength(expected.length);
    expected.forEach((row, i) => {
      expect(resources[i].startsWith(row.resourceName)).toBe(true);
      expect(usernames[i]).toBe(row.username);
    });
  };

  await page.goto(credentialsPath(EAST));
  await expect(paginationText(page)).toHaveText(`1-${PAGE_SIZE} of ${total}`);
  await expectRows(await pageByOffset(0));

  // The table's next list request, which must carry a cursor.
  const cursorRequest = () =>
    page.waitForRequest(
      request =>
        request.url().includes(`/environments/${EAST}/credentials?`) &&
        new URL(request.url()).searchParams.has('cursor'),
    );
  const next = cursorRequest();
  await page.getByRole('button', { name: 'Next Page' }).click();
  await next;
  await expect(paginationText(page)).toHaveText(
    `${PAGE_SIZE + 1}-${Math.min(2 * PAGE_SIZE, total)} of ${total}`,
  );
  await expectRows(await pageByOffset(PAGE_SIZE));

  const previous = cursorRequest();
  await page.getByRole('button', { name: 'Previous Page' }).click();
  await previous;
  await expect(paginationText(page)).toHaveText(`1-${PAGE_SIZE} of ${total}`);
  await expectRows(await pageByOffset(0));
});

test('Export Excel downloads a workbook with every credential of the table and its password', async ({
  page,
  vcfApi,
}, testInfo) => {
  const total = await credentialTotal(vcfApi);
  expect(total).toBeGreaterThan(PAGE_SIZE); // so the export is more than the page on screen

  await page.goto(credentialsPath(EAST));
  await expect(paginationText(page)).toHaveText(`1-${PAGE_SIZE} of ${total}`);

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Excel' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  expect(workbook.worksheets).toHaveLength(1);
  const sheet = workbook.worksheets[0];
  const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  expect(header).toEqual(
    expect.arrayContaining([
      'Resource',
      'Resource type',
      'Username',
      'Credential type',
      'Password',
    ]),
  );

  const rows: Record<string, string>[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const values = row.values as unknown[];
    rows.push(
      Object.fromEntries(
        header.map((title, i) => [title, String(values[i + 1] ?? '')]),
      ),
    );
  });
  // One row per credential in the table's total, each with its password (the guest may export them).
  expect(rows).toHaveLength(total);
  expect(rows.filter(row => row.Password === '')).toEqual([]);
  expect(rows.filter(row => row['Resource type'] === 'ESXI').length).toBe(
    await credentialTotal(vcfApi, '&resourceType=ESXI'),
  );
});
