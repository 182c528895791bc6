import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ListQuery, Page } from '@vcf-backstage/plugin-vcf-common';
import { useLocation } from 'react-router-dom';
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

  it('asks for the page next to the one shown by the cursor its list gave, and for any other page by offset', async () => {
    const fetchPage = jest.fn(async (q: Query & { cursor?: string }) => {
      const page = (q.offset ?? 0) / 25;
      return {
        ...pageOf(`row-${page}`),
        totalCount: 100,
        nextCursor: `next-of-${page}`,
        ...(page > 0 && { prevCursor: `prev-of-${page}` }),
      };
    });
    await renderInTestApp(
      <RemoteTable<Row, Query> columns={columns} fetchPage={fetchPage} />,
    );
    await screen.findByText('row-0');

    await userEvent.click(screen.getByRole('button', { name: 'Next Page' }));
    expect(await screen.findByText('row-1')).toBeInTheDocument();
    expect(fetchPage).toHaveBeenLastCalledWith({
      offset: 25,
      limit: 25,
      cursor: 'next-of-0',
    });

    await userEvent.click(screen.getByRole('button', { name: 'Last Page' }));
    expect(await screen.findByText('row-3')).toBeInTheDocument();
    expect(fetchPage).toHaveBeenLastCalledWith({ offset: 75, limit: 25 });

    await userEvent.click(
      screen.getByRole('button', { name: 'Previous Page' }),
    );
    expect(await screen.findByText('row-2')).toBeInTheDocument();
    expect(fetchPage).toHaveBeenLastCalledWith({
      offset: 50,
      limit: 25,
      cursor: 'prev-of-3',
    });

    // A new sort is another list: its first page by offset, without the old list's cursor.
    await userEvent.click(screen.getByText('Name'));
    await waitFor(() =>
      expect(fetchPage).toHaveBeenLastCalledWith({
        offset: 0,
        limit: 25,
        orderBy: 'name',
        order: 'asc',
      }),
    );
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

  it('restores search, filters, sort and page from the URL', async () => {
    const fetchPage = jest.fn(async (_q: Query) => pageOf('alpha'));
    await renderInTestApp(
      <RemoteTable<Row, Query>
        columns={columns}
        fetchPage={fetchPage}
        filters={[{ name: 'color', label: 'Color', options: ['red', 'blue'] }]}
      />,
      {
        initialRouteEntries: [
          '/?q=esx&color=blue&orderBy=name&order=desc&page=2',
        ],
      },
    );
    await screen.findByText('alpha');

    expect(fetchPage).toHaveBeenCalledTimes(1);
    expect(fetchPage).toHaveBeenCalledWith({
      offset: 25,
      limit: 25,
      orderBy: 'name',
      order: 'desc',
      q: 'esx',
      color: 'blue',
    });
    expect(screen.getByLabelText('Search')).toHaveValue('esx');
    expect(screen.getByLabelText('Color')).toHaveValue('blue');
  });

  it('writes search, filters and sort to the URL', async () => {
    const fetchPage = jest.fn(async (_q: Query) => pageOf('alpha'));
    let search = '';
    const ShowLocation = () => {
      search = useLocation().search;
      return null;
    };
    await renderInTestApp(
      <>
        <RemoteTable<Row, Query>
          columns={columns}
          fetchPage={fetchPage}
          urlStateKey="things"
          filters={[
            { name: 'color', label: 'Color', options: ['red', 'blue'] },
          ]}
        />
        <ShowLocation />
      </>,
      { initialRouteEntries: ['/?other=kept'] },
    );
    await screen.findByText('alpha');

    await userEvent.selectOptions(screen.getByLabelText('Color'), 'red');
    await userEvent.type(screen.getByLabelText('Search'), 'esx');
    await userEvent.click(screen.getByText('Name'));

    await waitFor(() => {
      const params = new URLSearchParams(search);
      expect(Object.fromEntries(params)).toEqual({
        other: 'kept',
        'things.color': 'red',
        'things.q': 'esx',
        'things.orderBy': 'name',
        'things.order': 'asc',
      });
    });
  });

  it('offers the optional columns in a column chooser', async () => {
    const fetchPage = jest.fn(async () => ({
      items: [{ id: 'a', name: 'alpha', color: 'blue' }],
      totalCount: 1,
    }));
    await renderInTestApp(
      <RemoteTable<Row & { color: string }>
        columns={[
          { title: 'Name', field: 'name' },
          { title: 'Color', field: 'color', choice: 'hidden' },
        ]}
        fetchPage={fetchPage}
      />,
    );
    await screen.findByText('alpha');
    expect(screen.queryByText('blue')).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Columns' }));
    await userEvent.click(
      screen.getByRole('menuitemcheckbox', { name: 'Color' }),
    );

    expect(await screen.findByText('blue')).toBeInTheDocument();
  });
});
