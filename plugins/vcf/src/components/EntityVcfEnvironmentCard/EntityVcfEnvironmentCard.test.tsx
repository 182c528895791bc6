import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { vcfApiRef } from '../../api';
import {
  allow,
  environment,
  mockVcfApi,
  syncStatus,
} from '../../__testUtils__';
import { rootRouteRef } from '../../routes';
import { EntityVcfEnvironmentCard } from './EntityVcfEnvironmentCard';

const subject: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'lab-estate',
    annotations: { 'vcf-backstage.io/environment': 'lab' },
  },
};

describe('EntityVcfEnvironmentCard', () => {
  it('summarises the environment and links to its page', async () => {
    const api = mockVcfApi();
    api.getEnvironment.mockResolvedValue(
      environment({
        sync: {
          'sddc-manager': syncStatus({
            status: 'failed',
            lastError: 'SDDC Manager rejected the service account',
          }),
        },
      }),
    );

    renderInTestApp(
      <EntityProvider entity={subject}>
        <EntityVcfEnvironmentCard />
      </EntityProvider>,
      {
        apis: [[vcfApiRef, api], mockApis.permission({ authorize: allow })],
        mountedRoutes: { '/vcf': rootRouteRef },
      },
    );

    expect(await screen.findByText('VCF environment: Lab')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'SDDC Manager rejected the service account',
    );
    expect(
      screen.getByRole('link', { name: /Open environment/ }),
    ).toHaveAttribute('href', '/vcf/environments/lab');
  });

  it('still renders without the VCF page installed, just without links', async () => {
    const api = mockVcfApi();
    api.getEnvironment.mockResolvedValue(environment());

    renderInTestApp(
      <EntityProvider entity={subject}>
        <EntityVcfEnvironmentCard />
      </EntityProvider>,
      { apis: [[vcfApiRef, api], mockApis.permission({ authorize: allow })] },
    );

    expect(await screen.findByText('VCF environment: Lab')).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: /Open environment/ }),
    ).not.toBeInTheDocument();
  });
});
