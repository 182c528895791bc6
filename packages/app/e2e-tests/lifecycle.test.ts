/*
 * The credential lifecycle of vcf-east as a VCF admin (the demo's guest, a member of vcf-admins): rotate a
 * password through SDDC Manager (the simulator), watch the task finish, reveal the new password and find the old
 * one in the history.
 */
import { EAST, credentialsPath, expect, test } from './fixtures';

interface Credential {
  id: string;
  username: string;
  resourceName: string;
}

test('a VCF admin rotates a password, watches the task finish, reveals the new password and finds the old one in the history', async ({
  page,
  vcfApi,
}) => {
  // Waits for an SDDC Manager task (polled every 5 s by the backend) and the re-sync it triggers.
  test.slow();
  // An ESXi credential of SDDC Manager whose "user@host" label is unique, so the row's controls are unambiguous.
  const listed = await vcfApi.get(
    `environments/${EAST}/credentials?source=sddc-manager&resourceType=ESXI&limit=100`,
  );
  expect(listed.status()).toBe(200);
  const items: Credential[] = (await listed.json()).items;
  const labelOf = (c: Credential) => `${c.username}@${c.resourceName}`;
  const credential = items.find(
    c => items.filter(o => labelOf(o) === labelOf(c)).length === 1,
  );
  expect(credential).toBeDefined();
  const label = labelOf(credential!);
  const reveal = async () =>
    (await (await vcfApi.post(`credentials/${credential!.id}/reveal`)).json())
      .password as string;
  const oldPassword = await reveal();

  // Rotate from the row menu, after the confirmation.
  await page.goto(credentialsPath(EAST));
  await page
    .getByRole('textbox', { name: 'Search' })
    .fill(credential!.resourceName);
  await page
    .getByRole('button', { name: `Password actions for ${label}` })
    .click();
  await page.getByRole('menuitem', { name: 'Rotate…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rotate password' });
  await expect(dialog).toContainText(label);
  const started = page.waitForResponse(
    r =>
      r.request().method() === 'POST' &&
      r.url().endsWith(`/api/vcf/credentials/${credential!.id}/rotate`),
  );
  await dialog.getByRole('button', { name: 'Rotate' }).click();
  const response = await started;
  expect(response.status()).toBe(202);
  const { taskId } = await response.json();
  expect(JSON.stringify(await response.json())).not.toContain(oldPassword);

  // The tasks tab follows the task until SDDC Manager reports it successful.
  await page.getByRole('tab', { name: 'Credential tasks' }).click();
  const task = page.getByTestId(`vcf-credential-task-${taskId}`);
  await expect(task).toContainText('Rotate');
  await expect(task).toContainText(label);
  await expect(task).toContainText('successful', { timeout: 60_000 });

  // The re-sync after the task brings the new password.
  await expect.poll(reveal, { timeout: 60_000 }).not.toBe(oldPassword);
  const newPassword = await reveal();

  await page.getByRole('tab', { name: 'Credentials' }).click();
  await page
    .getByRole('textbox', { name: 'Search' })
    .fill(credential!.resourceName);
  await page
    .getByRole('button', { name: `Reveal password for ${label}` })
    .click();
  await expect(page.getByTestId('vcf-password')).toHaveText(newPassword);

  await page
    .getByRole('button', { name: `Password history for ${label}` })
    .click();
  const history = page.getByRole('dialog', {
    name: `Password history of ${label}`,
  });
  await history.getByRole('button', { name: 'Reveal old passwords' }).click();
  await expect(
    history
      .getByTestId('vcf-history-password')
      .filter({ hasText: oldPassword }),
  ).not.toHaveCount(0);
});
