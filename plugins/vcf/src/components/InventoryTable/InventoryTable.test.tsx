import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { VcfClient, vcfApiRef } from '../../api';
import { mockDownloads, page, vcenter, vm } from '../../__testUtils__';
import { InventoryTable } from './InventoryTable';

const baseUrl = 'http://localhost:7007/api/vcf';

describe('InventoryTable (with the real VcfClient)', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const requests: URL[] = [];
  beforeEach(() => {
    requests.length = 0;
    server.use(
      http.get(`${baseUrl}/vcenters`, () =>
        HttpResponse.json([
          vcenter(),
          vcenter({ id: 'vc02', title: 'vCenter 02', environmentId: 'other' }),
        ]),
      ),
      http.get(`${baseUrl}/inventory/vms`, ({ request }) => {
        requests.push(new URL(request.url));
        return HttpResponse.json(
          page([vm(), vm({ id: 'vc01:vm-2', name: 'db-01' })], 2),
        );
      }),
    );
  });

  function renderTable(environmentId?: string) {
    const client = new VcfClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
      fetchApi: mockApis.fetch(),
    });
    return renderInTestApp(
      <InventoryTable kind="vms" environmentId={environmentId} />,
      { apis: [[vcfApiRef, client]] },
    );
  }

  it('lists the rows with the kind columns', async () => {
    await renderTable();

    expect(await screen.findByText('db-01')).toBeInTheDocument();
    expect(screen.getByText('Virtual machines')).toBeInTheDocument();
    expect(screen.getAllByText('8.0 GB')).toHaveLength(2);
    expect(Object.fromEntries(requests[0].searchParams)).toEqual({
      offset: '0',
      limit: '25',
    });
  });

  it('the vCenter filter narrows the request', async () => {
    await renderTable();
    await screen.findByText('db-01');

    await userEvent.selectOptions(
      await screen.findByRole('combobox', { name: 'vCenter' }),
      await screen.findByRole('option', { name: 'vCenter 02' }),
    );

    await waitFor(() =>
      expect(
        Object.fromEntries(requests[requests.length - 1].searchParams),
      ).toEqual({ offset: '0', limit: '25', vcenterId: 'vc02' }),
    );
  });

  it('scopes the list and the vCenter options to an environment', async () => {
    await renderTable('lab');
    await screen.findByText('db-01');

    expect(requests[0].searchParams.get('environmentId')).toBe('lab');
    await screen.findByRole('option', { name: 'vCenter 01' });
    expect(
      screen.queryByRole('option', { name: 'vCenter 02' }),
    ).not.toBeInTheDocument();
  });

  it('export button requests the right URL', async () => {
    const exports: URL[] = [];
    server.use(
      http.get(`${baseUrl}/inventory/vms/export`, ({ request }) => {
        exports.push(new URL(request.url));
        return new HttpResponse('x', {
          headers: { 'Content-Disposition': 'attachment; filename="vms.xlsx"' },
        });
      }),
    );
    const downloads = mockDownloads();
    await renderTable();
    await screen.findByText('db-01');
    await userEvent.selectOptions(
      screen.getByRole('combobox', { name: 'Power state' }),
      'poweredOff',
    );
    await userEvent.type(screen.getByLabelText('Search'), 'web');
    await waitFor(() =>
      expect(requests[requests.length - 1].searchParams.get('q')).toBe('web'),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Export Excel' }));

    await waitFor(() =>
      expect(downloads.savedFilenames()).toEqual(['vms.xlsx']),
    );
    expect(exports[0].pathname).toBe('/api/vcf/inventory/vms/export');
    expect(Object.fromEntries(exports[0].searchParams)).toEqual({
      format: 'xlsx',
      q: 'web',
      powerState: 'poweredOff',
    });
  });
});
