/*
 * The "estate" setup project, which the other projects depend on: waits until the backend knows the guest's
 * groups (the catalog has read examples/org.yaml) and vcf-east has been synced from the simulator, then signs
 * in through the sign-in page once and keeps the browser storage for the tests.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect, test } from '@playwright/test';
import { EAST, SIGNED_IN_STATE, guestIdentity, vcfApiFor } from './fixtures';

const READY_TIMEOUT_MS = 150_000;

test.use({ storageState: { cookies: [], origins: [] } });

test('the demo estate is synced and the guest can sign in', async ({
  page,
  request,
}) => {
  test.setTimeout(READY_TIMEOUT_MS + 60_000);

  // The guest's token carries its groups only once the catalog has ingested examples/org.yaml.
  let token = '';
  await expect
    .poll(
      async () => {
        const identity = await guestIdentity(request);
        token = identity.token;
        return identity.ownershipEntityRefs.filter(ref =>
          ref.startsWith('group:'),
        );
      },
      {
        message: 'the guest belongs to a group of examples/org.yaml',
        timeout: READY_TIMEOUT_MS,
      },
    )
    .not.toHaveLength(0);

  // Both sources of vcf-east have been synced at least once, so totals no longer change under the tests.
  const api = await vcfApiFor(token);
  try {
    await expect
      .poll(
        async () => {
          const response = await api.get(`environments/${EAST}`);
          if (!response.ok()) return `HTTP ${response.status()}`;
          const environment = await response.json();
          const synced = Object.values(environment.sync ?? {}).every(
            (status: any) => !!status?.lastSucceededAt,
          );
          return synced && environment.credentialCounts?.total > 0
            ? 'synced'
            : 'not synced yet';
        },
        {
          message: `${EAST} has been synced`,
          timeout: READY_TIMEOUT_MS,
          intervals: [1000],
        },
      )
      .toBe('synced');
  } finally {
    await api.dispose();
  }

  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('link', { name: 'VCF', exact: true }),
  ).toBeVisible();
  mkdirSync(dirname(SIGNED_IN_STATE), { recursive: true });
  await page.context().storageState({ path: SIGNED_IN_STATE });
});
