import { mockApis } from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { InventoryChange } from '@vcf-backstage/plugin-vcf-common';
import { vcfApiRef } from '../../api';
import {
  allow,
  mockVcfApi,
  page,
  renderVcfPage,
  vcenter,
} from '../../__testUtils__';

const changes: InventoryChange[] = [
  {
    id: 2,
    vcenterId: 'vc01',
    kind: 'vms',
    objectId: 'vc01:vm-1',
    objectName: 'web-01',
    change: 'changed',
    field: 'powerState',
    before: 'poweredOn',
    after: 'poweredOff',
    at: '2026-12-01T10:15:00.000Z',
  },
  {
    id: 1,
    vcenterId: 'vc01',
    kind: 'vms',
    objectId: 'vc01:vm-7',
    objectName: 'old-vm',
    change: 'removed',
    field: 'object',
    at: '2026-12-01T10:15:00.000Z',
  },
];

function renderChangesPage(api: ReturnType<typeof mockVcfApi>) {
  renderVcfPage('/vcf/changes', [
    [vcfApiRef, api],
    mockApis.permission({ authorize: allow }),
  ]);
}

/** Picks a kind in the Kind select (the table's Kind column header is a button too). */
async function chooseKind(kind: string) {
  const kindSelect = screen
    .getAllByRole('button', { name: /Kind/ })
    .find(button => button.getAttribute('aria-haspopup') === 'listbox')!;
  await userEvent.click(kindSelect);
  await userEvent.click(within(screen.getByRole('listbox')).getByText(kind));
}

describe('ChangesPage', () => {
  it('lists changes with before → after, vCenter titles and links to the changed VM, and filters by kind', async () => {
    const api = mockVcfApi();
    api.listVcenters.mockResolvedValue([vcenter()]);
    api.listInventoryChanges.mockResolvedValue(page(changes));
    renderChangesPage(api);

    expect(
      await screen.findByText('poweredOn → poweredOff'),
    ).toBeInTheDocument();
    expect(screen.getByText('removed')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'web-01' })).toHaveAttribute(
      'href',
      `/vcf/inventory/vms/${encodeURIComponent('vc01:vm-1')}`,
    );
    // A removed VM has no page to link to.
    expect(
      screen.queryByRole('link', { name: 'old-vm' }),
    ).not.toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getAllByText('vCenter 01').length).toBeGreaterThan(0),
    );
    expect(api.listInventoryChanges).toHaveBeenLastCalledWith({ limit: 50 });

    await chooseKind('hosts');
    await waitFor(() =>
      expect(api.listInventoryChanges).toHaveBeenLastCalledWith({
        kind: 'hosts',
        limit: 50,
      }),
    );
  });

  it('pages to older and newer changes by the cursors each page gives, and starts over on a new filter', async () => {
    const api = mockVcfApi();
    api.listVcenters.mockResolvedValue([vcenter()]);
    api.listInventoryChanges.mockImplementation(async query =>
      query?.cursor === 'older'
        ? { items: [changes[1]], totalCount: 2, prevCursor: 'newer' }
        : { items: [changes[0]], totalCount: 2, nextCursor: 'older' },
    );
    renderChangesPage(api);

    expect(
      await screen.findByText('poweredOn → poweredOff'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Newer' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Older' }));
    expect(await screen.findByText('removed')).toBeInTheDocument();
    expect(api.listInventoryChanges).toHaveBeenLastCalledWith({
      cursor: 'older',
      limit: 50,
    });
    expect(screen.getByRole('button', { name: 'Older' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: 'Newer' }));
    expect(
      await screen.findByText('poweredOn → poweredOff'),
    ).toBeInTheDocument();
    expect(api.listInventoryChanges).toHaveBeenLastCalledWith({
      cursor: 'newer',
      limit: 50,
    });

    await userEvent.click(screen.getByRole('button', { name: 'Older' }));
    await screen.findByText('removed');
    await chooseKind('vms');
    await waitFor(() =>
      expect(api.listInventoryChanges).toHaveBeenLastCalledWith({
        kind: 'vms',
        limit: 50,
      }),
    );
  });
});
