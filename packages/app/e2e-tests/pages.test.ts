/*
 * Screenshots of the main pages for the README (e2e-screenshots/), each taken once the page has its data.
 */
import {
  EAST,
  credentialsPath,
  expect,
  paginationText,
  screenshot,
  test,
} from './fixtures';

test('the home, environment and inventory pages render (screenshots in e2e-screenshots/)', async ({
  page,
}) => {
  await page.goto('/vcf');
  const sections = page.getByRole('tablist', { name: 'VCF sections' });
  await expect(sections.getByRole('tab', { name: 'Overview' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByTestId(`vcf-environment-${EAST}`)).toBeVisible();
  await expect(page.getByTestId('vcf-environment-vcf-lab')).toBeVisible();
  await screenshot(page, 'vcf-home');

  await page
    .getByTestId(`vcf-environment-${EAST}`)
    .getByRole('link', { name: 'Credentials', exact: true })
    .click();
  await expect(page).toHaveURL(new RegExp(`${credentialsPath(EAST)}$`));
  await expect(
    page.getByRole('heading', { name: 'VCF East (production)' }),
  ).toBeVisible();
  await expect(paginationText(page)).toHaveText(/^1-25 of \d+$/);
  await screenshot(page, 'vcf-environment-credentials');

  await sections.getByRole('tab', { name: 'Inventory' }).click();
  await expect(page).toHaveURL(/\/vcf\/inventory\/vms$/);
  await expect(
    page.getByRole('tablist', { name: 'Inventory views' }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { name: 'Virtual machines' }),
  ).toBeVisible();
  await page.waitForLoadState('networkidle');
  await screenshot(page, 'vcf-inventory');
});
