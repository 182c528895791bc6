import type { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, waitFor } from '@testing-library/react';
import { vcfApiRef } from '../../api';
import {
  allow,
  credential,
  environment,
  host,
  inventorySummary,
  mockVcfApi,
  page,
  vcenter,
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

  /** An entity as the VCF catalog provider emits it for a vSphere object. */
  function providerEntity(
    type: string,
    annotations: Record<string, string>,
  ): Entity {
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: `vc01-${type}`,
        namespace: 'vcf',
        annotations: {
          'vcf-backstage.io/environment': 'lab',
          'vcf-backstage.io/vcenter': 'vc01',
          ...annotations,
        },
      },
      spec: { type, owner: 'group:default/vcf-admins' },
    };
  }

  it("lists only an ESXi host's own credentials on its page, without the environment card", async () => {
    const api = mockVcfApi();
    api.listCredentials.mockResolvedValue(page([credential()]));

    render(
      providerEntity('esxi-host', {
        'vcf-backstage.io/vsphere-hosts': 'vc01/esx01.lab.example.com',
      }),
      api,
    );

    expect(
      await screen.findByText('Credentials of esx01.lab.example.com'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(api.listCredentials).toHaveBeenCalledWith(
        'lab',
        expect.objectContaining({ resourceName: 'esx01.lab.example.com' }),
      ),
    );
    expect(
      api.listCredentials.mock.calls.every(
        ([, query]) => query?.resourceName === 'esx01.lab.example.com',
      ),
    ).toBe(true);
    expect(api.getEnvironment).not.toHaveBeenCalled();
    expect(
      screen.queryByRole('button', { name: 'Sync now' }),
    ).not.toBeInTheDocument();
  });

  it("lists a cluster's hosts, and only those", async () => {
    const api = mockVcfApi();
    api.listInventory.mockResolvedValue(
      page([
        host({ name: 'esx01.lab.example.com', cluster: 'mgmt' }),
        host({
          id: 'vc01:host-2',
          name: 'esx02.lab.example.com',
          cluster: 'mgmt-2',
        }),
      ]),
    );

    render(
      providerEntity('vsphere-cluster', {
        'vcf-backstage.io/vsphere-cluster': 'vc01/mgmt',
      }),
      api,
    );

    expect(await screen.findByText('Hosts of mgmt')).toBeInTheDocument();
    expect(
      await screen.findByText('esx01.lab.example.com'),
    ).toBeInTheDocument();
    expect(screen.queryByText('esx02.lab.example.com')).not.toBeInTheDocument();
    expect(api.listInventory).toHaveBeenCalledWith('hosts', {
      vcenterId: 'vc01',
      q: 'mgmt',
      offset: 0,
      limit: 500,
    });
    expect(api.listCredentials).not.toHaveBeenCalled();
  });

  it("summarises a vCenter on its page: its state and its own inventory's counts", async () => {
    const api = mockVcfApi();
    api.listVcenters.mockResolvedValue([
      vcenter({ id: 'vc02', baseUrl: 'https://vc02.example.com' }),
      vcenter(),
    ]);

    render(providerEntity('vcenter', {}), api);

    expect(
      await screen.findByText('https://vc01.lab.example.com'),
    ).toBeInTheDocument();
    expect(screen.getByText('connected')).toBeInTheDocument();
    expect(api.getInventorySummary).toHaveBeenCalledWith({
      environmentId: undefined,
      vcenterId: 'vc01',
    });
    expect(api.listCredentials).not.toHaveBeenCalled();
  });
});
