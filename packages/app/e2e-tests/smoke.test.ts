import { expect, test } from './fixtures';

// Starts signed out: this test goes through the sign-in page.
test.use({ storageState: { cookies: [], origins: [] } });

test('a guest signs in and opens the VCF page', async ({ page }) => {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();

  const vcfLink = page.getByRole('link', { name: 'VCF', exact: true });
  await expect(vcfLink).toBeVisible();
  await vcfLink.click();
  await expect(page).toHaveURL(/\/vcf$/);
  await expect(
    page.getByRole('region', { name: 'VCF East (production)' }),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: 'VCF Lab' })).toBeVisible();
  await expect(page.getByTestId('vcf-environment-vcf-east')).toContainText(
    'credentials',
  );
});
