/*
 * The "VCF" tab on the catalog entity of an environment: resource:vcf/vcf-east, emitted by the VCF catalog provider,
 * carries the vcf-backstage.io/environment annotation.
 */
import {
  EAST,
  expect,
  paginationText,
  screenshot,
  tableWithColumn,
  test,
} from './fixtures';

test('the VCF tab of the vcf-east catalog entity shows the environment, its credentials and inventory', async ({
  page,
  vcfApi,
}) => {
  const response = await vcfApi.get(`environments/${EAST}/credentials?limit=1`);
  expect(response.status()).toBe(200);
  const total: number = (await response.json()).totalCount;

  await page.goto('/catalog/vcf/resource/vcf-east');
  await expect(
    page.getByRole('heading', { name: 'VCF East (production)', level: 2 }),
  ).toBeVisible();
  const tab = page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'VCF', exact: true });
  await expect(tab).toBeVisible();
  await tab.click();
  await expect(page).toHaveURL(/\/catalog\/vcf\/resource\/vcf-east\/vcf$/);

  // The environment's status, its credential table with every credential, and the inventory views.
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeVisible();
  await expect(
    page.getByRole('group', { name: 'Credential counts' }),
  ).toContainText(String(total));
  await expect(tableWithColumn(page, 'Resource type')).toBeVisible();
  await expect(paginationText(page)).toHaveText(
    new RegExp(`^1-\\d+ of ${total}$`),
  );
  await expect(
    page.getByRole('button', { name: /^Reveal password for / }).first(),
  ).toBeVisible();
  const views = page.getByRole('tablist', { name: 'Inventory views' });
  await expect(views).toBeVisible();
  await expect(views.getByRole('tab', { name: 'VMs' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await screenshot(page, 'vcf-entity-tab');
});
