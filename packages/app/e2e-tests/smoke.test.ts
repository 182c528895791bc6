import { test, expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';

/** Where the e2e run writes its screenshots (named in the README). */
export const SCREENSHOT_DIR = 'e2e-screenshots';

test('a guest signs in and opens the VCF page', async ({ page }) => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();

  const vcfLink = page.getByRole('link', { name: 'VCF', exact: true });
  await expect(vcfLink).toBeVisible();
  await vcfLink.click();
  await expect(page).toHaveURL(/\/vcf$/);
  await expect(page.getByText('VCF East (production)').first()).toBeVisible();
  await expect(page.getByText('VCF Lab').first()).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/vcf-home.png`, fullPage: true });
});
