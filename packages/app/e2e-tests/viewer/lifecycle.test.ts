/*
 * The "viewer" project (user:default/viewer, a developer): no credential lifecycle control, and the API refuses a
 * rotation with 403 however it is asked.
 */
import { EAST, credentialsPath, expect, test } from '../fixtures';

test('a viewer sees no rotate, bulk rotate or expiry-check control, and a direct rotation answers 403', async ({
  page,
  vcfApi,
}) => {
  const listed = await vcfApi.get(
    `environments/${EAST}/credentials?source=sddc-manager&limit=1`,
  );
  expect(listed.status()).toBe(200);
  const [credential] = (await listed.json()).items;

  await page.goto(credentialsPath(EAST));
  // The row controls the viewer may use are there once the permission checks are answered …
  await expect(
    page.getByRole('button', { name: /^Password history for / }).first(),
  ).toBeVisible();
  await page.waitForLoadState('networkidle');
  // … and none of the lifecycle ones.
  await expect(
    page.getByRole('button', { name: /^Password actions for / }),
  ).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Rotate/ })).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: 'Select row' })).toHaveCount(
    0,
  );

  await page.getByRole('tab', { name: 'Credential tasks' }).click();
  await expect(page.getByText('Credential tasks').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expect(
    page.getByRole('button', { name: 'Check expiry now' }),
  ).toHaveCount(0);

  const rotate = await vcfApi.post(`credentials/${credential.id}/rotate`, {
    data: {},
  });
  expect(rotate.status()).toBe(403);
  const bulk = await vcfApi.post(`environments/${EAST}/credentials/rotate`, {
    data: { credentialIds: [credential.id] },
  });
  expect(bulk.status()).toBe(403);
});
