import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, waitFor } from '@testing-library/react';
import { vcfApiRef } from '../../api';
import {
  allow,
  credential,
  environment,
  inventorySummary,
  mockVcfApi,
  page,
  vm,
} from '../../__testUtils__';
import { rootRouteRef } from '../../routes';
import { EntityVcfEnvironmentContent } from './EntityVcfEnvironmentContent';

function entity(annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'lab-estate', annotations },
    spec: { owner: 'vcf-admins' },
  };
}

function render(subject: Entity, api = mockVcfApi()) {
  return renderInTestApp(
    <EntityProvider entity={subject}>
      <EntityVcfEnvironmentContent />
    </EntityProvider>,
    {
      apis: [[vcfApiRef, api], mockApis.permission({ authorize: allow })],
      mountedRoutes: { '/vcf': rootRouteRef },
    },
  );
}

describe('EntityVcfEnvironmentContent', () => {
  it('asks for the annotation when the entity has none', async () => {
    render(entity());

    expect(await screen.findByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(
      screen.getAllByText(/vcf-backstage.io\/environment/).length,
    ).toBeGreaterThan(0);
  });

  it("shows the environment, its credentials and its vCenters' inventory", async () => {
    const api = mockVcfApi();
    api.getEnvironment.mockResolvedValue(environment());
    api.getInventorySummary.mockResolvedValue(inventorySummary());
    api.listCredentials.mockResolvedValue(page([credential()]));
    api.listInventory.mockResolvedValue(page([vm()]));

    render(entity({ 'vcf-backstage.io/environment': 'lab' }), api);

    expect(
      await screen.findByRole('button', {
        name: 'Reveal password for root@esx01.lab.example.com',
      }),
    ).toBeInTheDocument();
    expect(await screen.findByText('web-01')).toBeInTheDocument();
    expect(api.getEnvironment).toHaveBeenCalledWith('lab');
    await waitFor(() =>
      expect(api.listInventory).toHaveBeenCalledWith('vms', {
        offset: 0,
        limit: 25,
        environmentId: 'lab',
      }),
    );
  });
});
