import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ListQuery, Page } from '@vcf-backstage/plugin-vcf-common';
import { mockDownloads } from '../../__testUtils__';
import { RemoteTable } from './RemoteTable';

type Row = { id: string; name: string };
type Query = ListQuery & { color?: string };

function pageOf(...names: string[]): Page<Row> {
  return { items: names.map(name => ({ id: name, name })), totalCount: 60 };
}

describe('RemoteTable', () => {
  const columns = [{ title: 'Name', field: 'name' as const }];

  it('loads the first page with paging parameters', async () => {
    const fetchPage = jest.fn(async (_q: Query) => pageOf('alpha', 'beta'));
    await renderInTestApp(
      <RemoteTable<Row, Query>
        title="Things"
        columns={columns}
        fetchPage={fetchPage}
      />,
    );

    expect(await screen.findByText('alpha')).toBeInTheDocument();
    expect(fetchPage).toHaveBeenCalledWith({ offset: 0, limit: 25 });
  });

  it('sends the search text as q and a filter narrows the request', async () => {
    const fetchPage = jest.fn(async (_q: Query) => pageOf('alpha'));
    await renderInTestApp(
      <RemoteTable<Row, Query>
        columns={columns}
        fetchPage={fetchPage}
        filters={[{ name: 'color', label: 'Color', options: ['red', 'blue'] }]}
      />,
    );
    await screen.findByText('alpha');

    await userEvent.selectOptions(screen.getByLabelText('Color'), 'blue');
    await waitFor(() =>
      expect(fetchPage).toHaveBeenLastCalledWith({
        offset: 0,
        limit: 25,
        color: 'blue',
      }),
    );

    await userEvent.type(screen.getByLabelText('Search'), 'esx');
    await waitFor(() =>
      expect(fetchPage).toHaveBeenLastCalledWith({
        offset: 0,
        limit: 25,
        q: 'esx',
        color: 'blue',
      }),
    );
  });

  it('sorts on the server by the column field', async () => {
    const fetchPage = jest.fn(async (_q: Query) => pageOf('alpha'));
    await renderInTestApp(
      <RemoteTable<Row, Query> columns={columns} fetchPage={fetchPage} />,
    );
    await screen.findByText('alpha');

    await userEvent.click(screen.getByText('Name'));

    await waitFor(() =>
      expect(fetchPage).toHaveBeenLastCalledWith(
        expect.objectContaining({ orderBy: 'name', order: 'asc' }),
      ),
    );
  });

  it('exports with the current search and filters but without paging', async () => {
    const fetchPage = jest.fn(async (_q: Query) => pageOf('alpha'));
    const exportData = jest.fn(async () => ({
      blob: new Blob(['x']),
      filename: 'things.csv',
    }));
    const downloads = mockDownloads();
    await renderInTestApp(
      <RemoteTable<Row, Query>
        columns={columns}
        fetchPage={fetchPage}
        filters={[{ name: 'color', label: 'Color', options: ['red'] }]}
        exportData={exportData}
      />,
    );
    await screen.findByText('alpha');
    await userEvent.selectOptions(screen.getByLabelText('Color'), 'red');
    await waitFor(() => expect(fetchPage).toHaveBeenCalledTimes(2));

    await userEvent.click(screen.getByRole('button', { name: 'Export Excel' }));

    await waitFor(() =>
      expect(exportData).toHaveBeenCalledWith(
        'xlsx',
        expect.objectContaining({ color: 'red' }),
      ),
    );
    await waitFor(() =>
      expect(downloads.savedFilenames()).toEqual(['things.csv']),
    );
  });

  it('shows the backend error instead of an empty list', async () => {
    const fetchPage = jest.fn(async () => {
      throw new Error('vcf backend is down');
    });
    await renderInTestApp(
      <RemoteTable<Row, Query> columns={columns} fetchPage={fetchPage} />,
    );

    expect(
      (await screen.findAllByText(/vcf backend is down/)).length,
    ).toBeGreaterThan(0);
    expect(
      screen.getByText('The list could not be loaded; see the error above.'),
    ).toBeInTheDocument();
  });
});
