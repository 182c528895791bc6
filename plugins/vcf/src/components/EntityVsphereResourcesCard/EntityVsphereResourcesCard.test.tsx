import type { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { vcfApiRef } from '../../api';
import { host, mockVcfApi, page, vm } from '../../__testUtils__';
import {
  EntityVsphereResourcesCard,
  parseVsphereRef,
} from './EntityVsphereResourcesCard';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'shop', annotations },
  };
}

describe('parseVsphereRef', () => {
  it('reads an optional vCenter prefix', () => {
    expect(parseVsphereRef('vc01/web-01')).toEqual({
      vcenterId: 'vc01',
      name: 'web-01',
    });
    expect(parseVsphereRef('web-01')).toEqual({ name: 'web-01' });
  });
});

describe('EntityVsphereResourcesCard', () => {
  it('looks up the annotated VMs and hosts by name and keeps exact matches', async () => {
    const api = mockVcfApi();
    api.listInventory.mockImplementation(async (kind, query) => {
      if (kind === 'vms' && query?.q === 'web-01') {
        return page([vm(), vm({ id: 'vc01:vm-9', name: 'web-010' })]);
      }
      if (kind === 'hosts') {
        return page([host()]);
      }
      return page([]);
    });

    renderInTestApp(
      <EntityProvider
        entity={entity({
          'vcf-backstage.io/vsphere-vms': 'vc01/web-01, web-02',
          'vcf-backstage.io/vsphere-hosts': 'esx01.lab.example.com',
        })}
      >
        <EntityVsphereResourcesCard />
      </EntityProvider>,
      { apis: [[vcfApiRef, api]] },
    );

    expect(await screen.findByText('web-01')).toBeInTheDocument();
    expect(screen.queryByText('web-010')).not.toBeInTheDocument();
    // The host row (its version column); the VM row names the host too.
    expect(screen.getByText('8.0.3')).toBeInTheDocument();
    expect(
      screen.getByText(/Not found in the synced inventory: web-02/),
    ).toBeInTheDocument();
    expect(api.listInventory).toHaveBeenCalledWith('vms', {
      q: 'web-01',
      vcenterId: 'vc01',
      limit: 50,
    });
  });

  it('asks for the annotations when the entity has none', async () => {
    renderInTestApp(
      <EntityProvider entity={entity({})}>
        <EntityVsphereResourcesCard />
      </EntityProvider>,
      { apis: [[vcfApiRef, mockVcfApi()]] },
    );

    expect(await screen.findByText(/Missing Annotation/i)).toBeInTheDocument();
  });
});
