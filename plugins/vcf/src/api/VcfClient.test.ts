import { ResponseError } from '@backstage/errors';
import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  filenameFromContentDisposition,
  toQueryString,
  VcfClient,
} from './VcfClient';

const baseUrl = 'http://localhost:7007/api/vcf';

describe('VcfClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const fetchApi = mockApis.fetch();
  const client = new VcfClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
    fetchApi,
  });

  it('sends the credential filters and paging as query parameters', async () => {
    let requested: URL | undefined;
    server.use(
      http.get(`${baseUrl}/environments/:id/credentials`, ({ request }) => {
        requested = new URL(request.url);
        return HttpResponse.json({ items: [], totalCount: 0 });
      }),
    );

    await client.listCredentials('lab 1', {
      offset: 50,
      limit: 25,
      orderBy: 'resourceName',
      order: 'desc',
      q: 'esx',
      resourceType: 'ESXI',
      source: 'sddc-manager',
      domain: '',
      includeRemoved: true,
    });

    expect(requested?.pathname).toBe(
      '/api/vcf/environments/lab%201/credentials',
    );
    expect(Object.fromEntries(requested!.searchParams)).toEqual({
      offset: '50',
      limit: '25',
      orderBy: 'resourceName',
      order: 'desc',
      q: 'esx',
      resourceType: 'ESXI',
      source: 'sddc-manager',
      includeRemoved: 'true',
    });
  });

  it('posts JSON bodies and returns the parsed answer', async () => {
    let body: unknown;
    server.use(
      http.put(`${baseUrl}/vcenters/vc1`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json({ id: 'vc1', title: 'VC 1' });
      }),
    );

    const result = await client.updateVcenter('vc1', {
      id: 'vc1',
      title: 'VC 1',
      baseUrl: 'https://vc1',
      username: 'ro@vsphere.local',
    });

    expect(body).toEqual({
      id: 'vc1',
      title: 'VC 1',
      baseUrl: 'https://vc1',
      username: 'ro@vsphere.local',
    });
    expect(result).toEqual({ id: 'vc1', title: 'VC 1' });
  });

  it('accepts empty 202 and 204 answers', async () => {
    server.use(
      http.post(
        `${baseUrl}/vcenters/vc1/sync`,
        () => new HttpResponse(null, { status: 202 }),
      ),
      http.post(
        `${baseUrl}/vcenters/vc1/purge`,
        () => new HttpResponse(null, { status: 204 }),
      ),
    );

    await expect(client.syncVcenter('vc1')).resolves.toBeUndefined();
    await expect(client.purgeVcenter('vc1')).resolves.toBeUndefined();
  });

  it('reveals history passwords with a POST and lists them without', async () => {
    const calls: string[] = [];
    server.use(
      http.get(`${baseUrl}/credentials/c1/history`, () => {
        calls.push('GET history');
        return HttpResponse.json([]);
      }),
      http.post(`${baseUrl}/credentials/c1/history/reveal`, () => {
        calls.push('POST history/reveal');
        return HttpResponse.json([]);
      }),
    );

    await client.getCredentialHistory('c1');
    await client.getCredentialHistory('c1', { reveal: true });

    expect(calls).toEqual(['GET history', 'POST history/reveal']);
  });

  it('throws a ResponseError carrying the backend error', async () => {
    server.use(
      http.post(`${baseUrl}/credentials/c1/reveal`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'Unauthorized' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );

    const error = await client.revealPassword('c1').catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.cause.name).toBe('NotAllowedError');
    expect(error.cause.message).toBe('Unauthorized');
  });

  it('downloads inventory exports without paging, with the server file name', async () => {
    let requested: URL | undefined;
    server.use(
      http.get(`${baseUrl}/inventory/vms/export`, ({ request }) => {
        requested = new URL(request.url);
        return new HttpResponse('name\nvm1\n', {
          headers: {
            'Content-Type': 'text/csv',
            'Content-Disposition': 'attachment; filename="vms-2026.csv"',
          },
        });
      }),
    );

    const download = await client.exportInventory('vms', 'csv', {
      offset: 25,
      limit: 25,
      q: 'web',
      vcenterId: 'vc1',
    });

    expect(Object.fromEntries(requested!.searchParams)).toEqual({
      format: 'csv',
      q: 'web',
      vcenterId: 'vc1',
    });
    expect(download.filename).toBe('vms-2026.csv');
    expect(await download.blob.text()).toBe('name\nvm1\n');
  });

  it('names a download after the kind when the server sends no file name', async () => {
    server.use(
      http.get(
        `${baseUrl}/environments/lab/export`,
        () => new HttpResponse('x'),
      ),
    );

    const download = await client.exportCredentials('lab', 'xlsx');

    expect(download.filename).toBe('vcf-credentials-lab.xlsx');
  });
});

describe('toQueryString', () => {
  it('skips empty values', () => {
    expect(
      toQueryString({ a: undefined, b: '', c: null, d: 0, e: false }),
    ).toBe('?d=0&e=false');
    expect(toQueryString({})).toBe('');
  });
});

describe('filenameFromContentDisposition', () => {
  it('prefers the RFC 5987 file name', () => {
    expect(
      filenameFromContentDisposition(
        `attachment; filename="fallback.csv"; filename*=UTF-8''cr%C3%A9dits.csv`,
      ),
    ).toBe('crédits.csv');
  });

  it('reads quoted and bare file names', () => {
    expect(
      filenameFromContentDisposition('attachment; filename="a b.xlsx"'),
    ).toBe('a b.xlsx');
    expect(filenameFromContentDisposition('attachment; filename=a.csv')).toBe(
      'a.csv',
    );
    expect(filenameFromContentDisposition(null)).toBeUndefined();
  });
});
