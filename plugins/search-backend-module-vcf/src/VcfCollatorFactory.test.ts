import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  vcfEnvironmentReadPermission,
  vcfInventoryReadPermission,
  type VcfSearchSource,
} from '@vcf-backstage/plugin-vcf-common';
import {
  VcfEnvironmentCollatorFactory,
  VcfInventoryCollatorFactory,
} from './VcfCollatorFactory';
import { VcfSearchSourceReader } from './VcfSearchSourceReader';
import type { VcfSearchDocument } from './VcfSearchDocument';

const BASE_URL = 'http://localhost:0/api/vcf';

const vm = (n: number): VcfSearchSource => ({
  kind: 'vms',
  id: `vc1:vm-${n}`,
  name: `app-${n}`,
  vcenterId: 'vc1',
  environmentId: 'east',
  owner: 'group:default/platform',
  cluster: 'cluster-a',
  guestOs: 'Ubuntu Linux (64-bit)',
  ipAddresses: [`10.0.0.${n}`],
});

const SOURCES: Record<string, VcfSearchSource[]> = {
  environments: [
    {
      kind: 'environments',
      id: 'east',
      name: 'VCF East',
      owner: 'group:default/platform',
    },
  ],
  vcenters: [
    {
      kind: 'vcenters',
      id: 'vc1',
      name: 'vCenter 1',
      description: 'https://vc1.example.com',
    },
  ],
  clusters: [],
  hosts: [
    {
      kind: 'hosts',
      id: 'vc1:host-1',
      name: 'esx-1',
      vcenterId: 'vc1',
      cluster: 'cluster-a',
    },
  ],
  datastores: [],
  vms: [1, 2, 3, 4, 5].map(vm),
};

describe('the VCF collators', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const requests: string[] = [];

  beforeEach(() => {
    requests.length = 0;
    server.use(
      http.get(`${BASE_URL}/search-sources/:kind`, ({ request, params }) => {
        const url = new URL(request.url);
        requests.push(`${params.kind}?${url.searchParams}`);
        if (!request.headers.get('authorization')?.startsWith('Bearer ')) {
          return new HttpResponse(null, { status: 401 });
        }
        const all = SOURCES[params.kind as string];
        // Inventory kinds give a cursor to the next page, as the VCF backend does (here: the offset it stands for).
        const cursor = url.searchParams.get('cursor');
        const offset = Number(cursor ?? url.searchParams.get('offset'));
        const limit = Number(url.searchParams.get('limit'));
        const next = offset + limit;
        return HttpResponse.json({
          items: all.slice(offset, next),
          totalCount: all.length,
          ...(params.kind !== 'environments' && next < all.length
            ? { nextCursor: String(next) }
            : {}),
        });
      }),
    );
  });

  const reader = () =>
    new VcfSearchSourceReader({
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
      pageSize: 2,
    });

  async function collect(factory: {
    getCollator(): Promise<AsyncIterable<unknown>>;
  }) {
    const documents: VcfSearchDocument[] = [];
    for await (const document of await factory.getCollator())
      documents.push(document as VcfSearchDocument);
    return documents;
  }

  it('indexes environments under vcf.environment.read, one resource per environment', async () => {
    const factory = new VcfEnvironmentCollatorFactory(reader());
    expect(factory.type).toBe('vcf-environment');
    expect(factory.visibilityPermission).toBe(vcfEnvironmentReadPermission);
    expect(await collect(factory)).toEqual([
      expect.objectContaining({
        title: 'VCF East',
        location: '/vcf/environments/east',
        authorization: { resourceRef: 'east' },
      }),
    ]);
  });

  it('indexes the inventory under vcf.inventory.read, reading every page', async () => {
    const factory = new VcfInventoryCollatorFactory(reader());
    expect(factory.type).toBe('vcf-inventory');
    expect(factory.visibilityPermission).toBe(vcfInventoryReadPermission);
    const documents = await collect(factory);
    expect(documents.map(d => d.title)).toEqual([
      'vCenter 1',
      'esx-1',
      'app-1',
      'app-2',
      'app-3',
      'app-4',
      'app-5',
    ]);
    expect(requests.filter(r => r.startsWith('vms'))).toEqual([
      'vms?offset=0&limit=2',
      'vms?cursor=2&limit=2',
      'vms?cursor=4&limit=2',
    ]);
    const appThree = documents.find(d => d.title === 'app-3')!;
    expect(appThree).toMatchObject({
      location: '/vcf/inventory/vms/vc1%3Avm-3',
      kind: 'vms',
      objectId: 'vc1:vm-3',
      owner: 'group:default/platform',
    });
    expect(appThree.text).toContain('10.0.0.3');
    expect(appThree.text).toContain('Ubuntu Linux (64-bit)');
    expect(appThree.text).toContain('cluster-a');
    expect(appThree).not.toHaveProperty('authorization');
  });

  it('walks by offset where the pages give no cursor, as an older VCF backend answers', async () => {
    server.use(
      http.get(`${BASE_URL}/search-sources/:kind`, ({ request, params }) => {
        const url = new URL(request.url);
        requests.push(`${params.kind}?${url.searchParams}`);
        const all = SOURCES[params.kind as string];
        const offset = Number(url.searchParams.get('offset'));
        return HttpResponse.json({
          items: all.slice(offset, offset + 2),
          totalCount: all.length,
        });
      }),
    );
    const documents = await collect(new VcfInventoryCollatorFactory(reader()));
    expect(documents.filter(d => d.kind === 'vms')).toHaveLength(5);
    expect(requests.filter(r => r.startsWith('vms'))).toEqual([
      'vms?offset=0&limit=2',
      'vms?offset=2&limit=2',
      'vms?offset=4&limit=2',
    ]);
  });

  it('fails the collation when the VCF backend refuses', async () => {
    server.use(
      http.get(
        `${BASE_URL}/search-sources/:kind`,
        () => new HttpResponse(null, { status: 403 }),
      ),
    );
    await expect(
      collect(new VcfInventoryCollatorFactory(reader())),
    ).rejects.toThrow(/403/);
  });
});
