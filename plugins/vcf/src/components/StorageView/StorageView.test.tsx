import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vcfApiRef } from '../../api';
import { datastore, mockVcfApi, page, vcenter } from '../../__testUtils__';
import { buildHostAccess } from './HostAccessMatrix';
import { StorageView } from './StorageView';

const datastores = [
  datastore({ name: 'vsan-ds', usedPercent: 60 }),
  datastore({
    id: 'vc01:datastore-2',
    name: 'nfs-ds',
    usedPercent: 93,
    hosts: ['esx01.lab.example.com'],
    datastoreCluster: 'pod-1',
  }),
  datastore({
    id: 'vc01:datastore-3',
    name: 'iscsi-ds',
    usedPercent: 80,
    hosts: ['esx02.lab.example.com'],
    datastoreCluster: 'pod-1',
  }),
];

describe('buildHostAccess', () => {
  it('lists every host once and which datastores it can reach', () => {
    const matrix = buildHostAccess(datastores);
    expect(matrix.hosts).toEqual([
      'esx01.lab.example.com',
      'esx02.lab.example.com',
    ]);
    expect(matrix.canAccess('esx02.lab.example.com', datastores[1])).toBe(
      false,
    );
    expect(matrix.canAccess('esx02.lab.example.com', datastores[2])).toBe(true);
  });
});

describe('StorageView', () => {
  function setup() {
    const api = mockVcfApi();
    api.listVcenters.mockResolvedValue([vcenter()]);
    api.listInventory.mockImplementation(async kind => {
      if (kind === 'datastores') {
        return page(datastores);
      }
      if (kind === 'datastore-clusters') {
        return page([
          {
            id: 'vc01:pod-1',
            vcenterId: 'vc01',
            moref: 'group-p1',
            name: 'pod-1',
            usedPercent: 86,
            capacityBytes: 20 * 1024 ** 4,
            freeBytes: 2.8 * 1024 ** 4,
            datastores: ['nfs-ds', 'iscsi-ds'],
          },
        ]);
      }
      return page([]);
    });
    return api;
  }

  it('colours the capacity bars by how full the datastores are', async () => {
    const api = setup();
    renderInTestApp(<StorageView />, { apis: [[vcfApiRef, api]] });

    expect((await screen.findAllByLabelText('nfs-ds: 93%'))[0]).toHaveAttribute(
      'data-usage-level',
      'error',
    );
    expect(screen.getAllByLabelText('iscsi-ds: 80%')[0]).toHaveAttribute(
      'data-usage-level',
      'warning',
    );
    expect(screen.getAllByLabelText('vsan-ds: 60%')[0]).toHaveAttribute(
      'data-usage-level',
      'ok',
    );
  });

  it('shows the host access matrix of the chosen vCenter', async () => {
    const api = setup();
    renderInTestApp(<StorageView />, { apis: [[vcfApiRef, api]] });

    const matrix = await screen.findByRole('table', {
      name: 'Host access matrix',
    });
    expect(
      within(matrix).getByTitle('esx01.lab.example.com can access nfs-ds'),
    ).toBeInTheDocument();
    expect(
      within(matrix).getByLabelText(
        'esx02.lab.example.com cannot access nfs-ds',
      ),
    ).toBeInTheDocument();
    expect(api.listInventory).toHaveBeenCalledWith('datastores', {
      vcenterId: 'vc01',
      limit: 500,
      orderBy: 'name',
    });
  });

  it('nests the datastores of a datastore cluster', async () => {
    const api = setup();
    renderInTestApp(<StorageView />, { apis: [[vcfApiRef, api]] });

    await screen.findByLabelText('pod-1: 86%');
    // material-table names its detail panel toggle (sic).
    await userEvent.click(
      screen.getByRole('button', { name: 'Detail panel visiblity toggle' }),
    );

    const members = await screen.findByRole('table', {
      name: 'Datastores of pod-1',
    });
    expect(within(members).getByText('nfs-ds')).toBeInTheDocument();
    expect(within(members).getByText('iscsi-ds')).toBeInTheDocument();
    expect(within(members).queryByText('vsan-ds')).not.toBeInTheDocument();
  });
});
