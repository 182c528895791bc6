import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import { vcfApiRef } from '../../api';
import {
  allow,
  deny,
  environment,
  mockVcfApi,
  syncStatus,
} from '../../__testUtils__';
import { rootRouteRef } from '../../routes';
import { EnvironmentCard } from './EnvironmentCard';

const failing = environment({
  id: 'east',
  title: 'VCF East',
  description: 'Production estate',
  sync: {
    'sddc-manager': syncStatus({
      targetId: 'env:east:sddc-manager',
      status: 'failed',
      lastError: 'SDDC Manager rejected the service account',
    }),
  },
  credentialCounts: { total: 1200, expiringSoon: 0, expired: 7, removed: 2 },
});

function renderCard(
  authorize: typeof allow | typeof deny,
  mounted: boolean,
  options: { title?: string; id?: string } = {},
) {
  // usePermission caches decisions per permission and resource across renders: each test uses its own id.
  const shown = { ...failing, id: options.id ?? failing.id };
  return renderInTestApp(
    <EnvironmentCard environment={shown} title={options.title} />,
    {
      apis: [[vcfApiRef, mockVcfApi()], mockApis.permission({ authorize })],
      ...(mounted ? { mountedRoutes: { '/vcf': rootRouteRef } } : {}),
    },
  );
}

describe('EnvironmentCard', () => {
  it('shows the environment at a glance, with links to its page', async () => {
    await renderCard(allow, true);
    const card = screen.getByRole('region', { name: 'VCF East' });
    expect(within(card).getByText('VCF East')).toBeInTheDocument();
    expect(within(card).getByText('Production estate')).toBeInTheDocument();
    expect(
      within(card).getByText('SDDC Manager: sync failed'),
    ).toBeInTheDocument();
    expect(within(card).getByRole('alert')).toHaveTextContent(
      'SDDC Manager rejected the service account',
    );
    expect(
      within(card).getByRole('group', { name: 'Credential counts' }),
    ).toHaveTextContent('1200credentials');
    expect(
      within(card).getByRole('link', { name: 'Credentials' }),
    ).toHaveAttribute('href', '/vcf/environments/east/credentials');
    expect(
      within(card).getByRole('link', { name: /Open environment/ }),
    ).toHaveAttribute('href', '/vcf/environments/east');
    expect(
      await within(card).findByRole('button', { name: 'Sync now' }),
    ).toBeInTheDocument();
  });

  it('hides Sync now from users who may not trigger a sync', async () => {
    const authorize = jest.fn(deny);
    await renderCard(authorize, true, { id: 'denied' });
    expect(screen.getByText('SDDC Manager: sync failed')).toBeInTheDocument();
    await waitFor(() =>
      expect(authorize).toHaveBeenCalledWith(
        expect.objectContaining({
          permission: expect.objectContaining({ name: 'vcf.sync.trigger' }),
          resourceRef: 'denied',
        }),
      ),
    );
    expect(
      screen.queryByRole('button', { name: 'Sync now' }),
    ).not.toBeInTheDocument();
  });

  it('links nowhere in an app without the VCF page, and takes another title', async () => {
    await renderCard(allow, false, { title: 'VCF environment', id: 'other' });
    expect(screen.getByText('VCF environment')).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
    expect(
      screen.getByRole('group', { name: 'Credential counts' }),
    ).toBeInTheDocument();
  });
});
