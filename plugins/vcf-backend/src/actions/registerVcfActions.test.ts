import { randomBytes } from 'node:crypto';
import request from 'supertest';
import {
  coreServices,
  createServiceFactory,
  type BackstageCredentials,
  type PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  startVcfSimulator,
  type VcfSimulator,
} from '@vcf-backstage/vcf-simulator';
import { startVcsim, type VcsimInstance } from '@vcf-backstage/vcsim';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { vcfPlugin } from '../plugin';
import { runVsphereTasks } from '../__testUtils__/vsphereTasks';

const ADMIN = 'user:default/admin';
const VIEWER = 'user:default/viewer';

/** Allows everything to the admin and nothing to anybody else, as a policy would. */
const permissionsForTest = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: (): PermissionsService => {
    const decide = (credentials: BackstageCredentials) =>
      (credentials.principal as { userEntityRef?: string }).userEntityRef ===
      ADMIN
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY;
    return {
      authorize: async (requests, { credentials }) =>
        requests.map(() => ({ result: decide(credentials) })),
      authorizeConditional: async (requests, { credentials }) =>
        requests.map(() => ({ result: decide(credentials) })) as any,
    };
  },
});

describe('the VCF actions', () => {
  let simulator: VcfSimulator;
  let vcsim: VcsimInstance;
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  /** Every secret the backend was given or synced: none may appear in an action's answer. */
  let secrets: string[];
  /** The VM whose power state changed between the two vCenter syncs (its row id). */
  let changedVmId: string;

  beforeAll(async () => {
    simulator = await startVcfSimulator({
      seed: 'actions',
      environments: [{ id: 'east', credentialCount: 30, specFlavor: 'vcf9' }],
    });
    vcsim = await startVcsim({ hostsPerCluster: 2, vmsPerHost: 2 });
    const [east] = simulator.environments;
    backend = await startTestBackend({
      features: [
        vcfPlugin,
        mcpActionsPlugin,
        permissionsForTest,
        mockServices.rootConfig.factory({
          data: {
            backend: { actions: { pluginSources: ['vcf'] } },
            vcf: {
              encryption: { key: randomBytes(32).toString('base64') },
              sync: { runOnStartup: true },
              environments: [
                {
                  id: 'east',
                  title: 'VCF East',
                  owner: 'group:default/platform',
                  sddcManager: {
                    baseUrl: east.sddcManagerUrl,
                    username: east.sddcManagerServiceAccount.username,
                    password: east.sddcManagerServiceAccount.password,
                    tls: { ca: simulator.certificatePem },
                  },
                },
              ],
              vcenters: [
                {
                  id: 'vc-sim',
                  title: 'Simulated vCenter',
                  environment: 'east',
                  baseUrl: vcsim.url,
                  username: vcsim.username,
                  password: vcsim.password,
                  tls: { ca: vcsim.certificatePem },
                },
              ],
            },
          },
        }),
      ],
    });
    secrets = [
      east.sddcManagerServiceAccount.password,
      vcsim.password,
      ...simulator.listCredentials('east').map(c => c.password),
    ];
    // Syncs both targets now (the test scheduler does not run the dispatcher), then waits for the outcome.
    await syncNow(['environments/east', 'vcenters/vc-sim']);
    // Powers a VM off and syncs the vCenter again, so that the change feed holds a change.
    const vm = vcsim.samples.vm!;
    changedVmId = `vc-sim:${vm.moref}`;
    await runVsphereTasks(vcsim, [
      [
        vm.powerState === 'poweredOn' ? 'PowerOffVM_Task' : 'PowerOnVM_Task',
        { type: 'VirtualMachine', value: vm.moref },
      ],
    ]);
    await syncNow(['vcenters/vc-sim']);
  });

  /** Makes each target (an environment or a vCenter path) sync now and waits until that new run is over. */
  async function syncNow(paths: string[]) {
    const admin = { Authorization: mockCredentials.user.header(ADMIN) };
    const syncOf = async (path: string) => {
      const body = (
        await request(backend.server).get(`/api/vcf/${path}`).set(admin)
      ).body;
      return path.startsWith('environments/')
        ? body.sync['sddc-manager']
        : body.sync;
    };
    const before = new Map<string, string | undefined>();
    for (const path of paths) {
      before.set(path, (await syncOf(path))?.lastStartedAt);
      const response = await request(backend.server)
        .post(`/api/vcf/${path}/sync`)
        .set(admin);
      if (response.status !== 202)
        throw new Error(`POST ${path}/sync answered ${response.status}`);
    }
    for (const path of paths) {
      for (let i = 0; ; i++) {
        const sync = await syncOf(path);
        if (
          sync?.lastStartedAt !== before.get(path) &&
          (sync?.status === 'succeeded' || sync?.status === 'failed')
        )
          break;
        if (i === 3000) throw new Error(`${path} did not sync`);
        await new Promise(resolve => setTimeout(resolve, 100));
      }
    }
  }

  afterAll(async () => {
    await backend?.stop();
    await vcsim?.stop();
    await simulator?.stop();
  });

  async function invoke(
    name: string,
    input: Record<string, unknown>,
    user: string,
  ) {
    const response = await request(backend.server)
      .post(`/api/vcf/.backstage/actions/v1/actions/vcf:${name}/invoke`)
      .set('Authorization', mockCredentials.user.header(user))
      .send(input);
    for (const secret of secrets)
      expect(JSON.stringify(response.body)).not.toContain(secret);
    return response;
  }

  const vmName = () => vcsim.samples.vm!.name;
  const vmId = () => changedVmId;
  const hostId = () => `vc-sim:${vcsim.samples.host!.moref}`;
  /** Puts the sampled objects' names and ids in place of the placeholders of the test inputs. */
  const withSamples = (json: string) =>
    json
      .replaceAll('__VM_ID__', vmId())
      .replaceAll('__HOST_ID__', hostId())
      .replaceAll('__VM__', vmName())
      .replaceAll('__HOST__', vcsim.samples.vm!.host);

  it.each([
    [
      'list-environments',
      {},
      (o: any) =>
        expect(o.environments).toEqual([
          expect.objectContaining({
            id: 'east',
            owner: 'group:default/platform',
          }),
        ]),
    ],
    [
      'get-environment-status',
      { environmentId: 'east' },
      (o: any) => {
        expect(o.environment.sync).toEqual([
          expect.objectContaining({ status: 'succeeded' }),
        ]);
        expect(o.recentRuns.length).toBeGreaterThan(0);
      },
    ],
    [
      'search-credentials',
      { environmentId: 'east', limit: 100 },
      (o: any) => {
        expect(o.totalCount).toBeGreaterThan(0);
        expect(o.credentials[0]).toEqual(
          expect.objectContaining({
            username: expect.any(String),
            resourceName: expect.any(String),
          }),
        );
        expect(o.credentials[0]).not.toHaveProperty('password');
      },
    ],
    [
      'search-inventory',
      { kind: 'vms', limit: 100 },
      (o: any) => {
        expect(o.totalCount).toBe(vcsim.counts.vms);
        expect(o.items[0].link).toMatch(/^\/vcf\/inventory\/vms\/vc-sim%3A/);
      },
    ],
    [
      'get-vm',
      { id: '__VM_ID__' },
      (o: any) => {
        expect(o.items).toHaveLength(1);
        const [vm] = o.items;
        expect(vm.row).toEqual(
          expect.objectContaining({ id: vmId(), name: vmName() }),
        );
        expect(vm.link).toBe(
          `/vcf/inventory/vms/${encodeURIComponent(vm.row.id)}`,
        );
        expect(vm.disks.length).toBeGreaterThan(0);
        expect(vm.nics.length).toBeGreaterThan(0);
        expect(vm.disks[0]).toEqual(
          expect.objectContaining({ vmMoref: vcsim.samples.vm!.moref }),
        );
      },
    ],
    [
      'get-vm',
      { name: '__VM__' },
      (o: any) =>
        expect(o.items).toEqual([
          expect.objectContaining({
            row: expect.objectContaining({ name: vmName() }),
            disks: expect.any(Array),
          }),
        ]),
    ],
    [
      'get-host',
      { id: '__HOST_ID__' },
      (o: any) => {
        expect(o.items).toHaveLength(1);
        const [host] = o.items;
        expect(host.row).toEqual(
          expect.objectContaining({
            id: hostId(),
            name: vcsim.samples.host!.name,
          }),
        );
        expect(host.nics.length).toBeGreaterThan(0);
        expect(host.vmkernelAdapters.length).toBeGreaterThan(0);
      },
    ],
    [
      'get-host',
      { name: '__HOST__' },
      (o: any) =>
        expect(o.items).toEqual([
          expect.objectContaining({
            row: expect.objectContaining({ name: vcsim.samples.vm!.host }),
            vmkernelAdapters: expect.any(Array),
          }),
        ]),
    ],
    [
      'get-datastore-capacity',
      {},
      (o: any) =>
        expect(o.datastores[0]).toEqual(
          expect.objectContaining({ capacityBytes: expect.any(Number) }),
        ),
    ],
    [
      'list-recent-changes',
      { vcenterId: 'vc-sim', kind: 'vms' },
      (o: any) => {
        expect(o.totalCount).toBe(1);
        expect(o.changes).toEqual([
          expect.objectContaining({
            objectId: vmId(),
            objectName: vmName(),
            kind: 'vms',
            field: 'powerState',
            before: vcsim.samples.vm!.powerState,
            link: `/vcf/inventory/vms/${encodeURIComponent(vmId())}`,
          }),
        ]);
      },
    ],
    [
      'list-recent-changes',
      { objectId: '__HOST_ID__' },
      (o: any) => expect(o).toEqual({ totalCount: 0, changes: [] }),
    ],
    [
      'trigger-sync',
      { environmentId: 'east' },
      (o: any) => expect(o.targets.length).toBeGreaterThan(0),
    ],
  ])('%s answers an allowed user (%j)', async (name, rawInput, check) => {
    const input = JSON.parse(withSamples(JSON.stringify(rawInput)));
    const response = await invoke(name, input, ADMIN);
    expect(response.status).toBe(200);
    check(response.body.output);
  });

  it.each([
    [
      'get-environment-status',
      { environmentId: 'east' },
      404,
      'No environment with the id "east"',
    ],
    [
      'search-credentials',
      { environmentId: 'east' },
      404,
      'No environment with the id "east"',
    ],
    ['search-inventory', { kind: 'vms' }, 403, 'vcf.inventory.read'],
    ['get-vm', { id: 'vc-sim:vm-1' }, 403, 'vcf.inventory.read'],
    ['get-vm', { name: 'anything' }, 403, 'vcf.inventory.read'],
    ['get-host', { id: 'vc-sim:host-1' }, 403, 'vcf.inventory.read'],
    ['get-host', { name: 'anything' }, 403, 'vcf.inventory.read'],
    ['get-datastore-capacity', {}, 403, 'vcf.inventory.read'],
    ['list-recent-changes', {}, 403, 'vcf.inventory.read'],
    [
      'list-recent-changes',
      { environmentId: 'east' },
      403,
      'vcf.inventory.read',
    ],
    ['trigger-sync', { environmentId: 'east' }, 403, 'vcf.sync.trigger'],
  ])(
    '%s refuses the viewer as the HTTP route does',
    async (name, input, status, message) => {
      const response = await invoke(name, input, VIEWER);
      expect(response.status).toBe(status);
      expect(response.body.error.message).toContain(message);
    },
  );

  it('lists no environment to the viewer, like GET /environments', async () => {
    expect((await invoke('list-environments', {}, VIEWER)).body.output).toEqual(
      { environments: [] },
    );
    const route = await request(backend.server)
      .get('/api/vcf/environments')
      .set('Authorization', mockCredentials.user.header(VIEWER));
    expect(route.body).toEqual([]);
  });

  it.each([
    ['list-recent-changes', {}, '/inventory/changes'],
    ['get-vm', { id: '__VM_ID__' }, '/inventory/vms/__VM_ID__'],
    ['get-host', { id: '__HOST_ID__' }, '/inventory/hosts/__HOST_ID__'],
  ])(
    '%s (%j) refuses the viewer with the error of GET %s',
    async (name, rawInput, rawPath) => {
      const route = await request(backend.server)
        .get(
          `/api/vcf${withSamples(rawPath).replace(
            /:/g,
            encodeURIComponent(':'),
          )}`,
        )
        .set('Authorization', mockCredentials.user.header(VIEWER));
      const action = await invoke(
        name,
        JSON.parse(withSamples(JSON.stringify(rawInput))),
        VIEWER,
      );
      expect(route.status).toBe(403);
      expect(action.status).toBe(route.status);
      expect(action.body.error).toEqual(route.body.error);
    },
  );

  it.each([
    ['get-vm', 'vms', 'vc-sim:vm-404'],
    ['get-vm', 'vms', 'no-such-vcenter:vm-1'],
    ['get-host', 'hosts', 'vc-sim:host-404'],
  ])(
    '%s answers an unknown id with the 404 of GET /inventory/%s/%s',
    async (name, kind, id) => {
      const route = await request(backend.server)
        .get(`/api/vcf/inventory/${kind}/${encodeURIComponent(id)}`)
        .set('Authorization', mockCredentials.user.header(ADMIN));
      const action = await invoke(name, { id }, ADMIN);
      expect(route.status).toBe(404);
      expect(action.status).toBe(404);
      expect(action.body.error.message).toBe(route.body.error.message);
    },
  );

  it('refuses a malformed id, and an input with both or neither of id and name', async () => {
    for (const input of [
      { id: 'vm-1' },
      { id: 'vc-sim:vm-1', name: vmName() },
      {},
    ]) {
      const response = await invoke('get-vm', input, ADMIN);
      expect(response.status).toBe(400);
    }
  });

  it('gives the same denial as the HTTP route', async () => {
    const route = await request(backend.server)
      .post('/api/vcf/environments/east/sync')
      .set('Authorization', mockCredentials.user.header(VIEWER));
    const action = await invoke(
      'trigger-sync',
      { environmentId: 'east' },
      VIEWER,
    );
    expect(action.status).toBe(route.status);
    expect(action.body.error).toEqual(route.body.error);
  });

  describe('GET /search-sources/:kind (what the search collator reads)', () => {
    it('serves pages of VMs to backend services, without any secret', async () => {
      const service = { Authorization: mockCredentials.service.header() };
      const first = await request(backend.server)
        .get('/api/vcf/search-sources/vms?limit=2')
        .set(service);
      expect(first.status).toBe(200);
      expect(first.body.totalCount).toBe(vcsim.counts.vms);
      expect(first.body.items).toHaveLength(2);
      expect(first.body.items[0]).toEqual(
        expect.objectContaining({
          kind: 'vms',
          vcenterId: 'vc-sim',
          environmentId: 'east',
          owner: 'group:default/platform',
        }),
      );
      const rest = await request(backend.server)
        .get('/api/vcf/search-sources/vms?offset=2&limit=1000')
        .set(service);
      const names = [...first.body.items, ...rest.body.items].map(
        (v: { name: string }) => v.name,
      );
      expect(new Set(names).size).toBe(vcsim.counts.vms);
      expect(names).toContain(vmName());
      // The same walk by cursor: every VM once, in the same order, and no cursor after the last page.
      const byCursor = [...first.body.items];
      for (let cursor = first.body.nextCursor; cursor; ) {
        const page = await request(backend.server)
          .get('/api/vcf/search-sources/vms')
          .query({ cursor, limit: 7 })
          .set(service);
        expect(page.status).toBe(200);
        byCursor.push(...page.body.items);
        cursor = page.body.nextCursor;
      }
      expect(byCursor.map((v: { name: string }) => v.name)).toEqual(names);
      const environmentsByCursor = await request(backend.server)
        .get('/api/vcf/search-sources/environments')
        .query({ cursor: first.body.nextCursor })
        .set(service);
      expect(environmentsByCursor.status).toBe(400);
      expect(environmentsByCursor.body.error.message).toMatch(
        /page by offset only/,
      );
      const environments = await request(backend.server)
        .get('/api/vcf/search-sources/environments')
        .set(service);
      expect(environments.body.items).toEqual([
        expect.objectContaining({ id: 'east', name: 'VCF East' }),
      ]);
      for (const secret of secrets) {
        expect(
          JSON.stringify([first.body, rest.body, environments.body]),
        ).not.toContain(secret);
      }
    });

    it('refuses users, unknown kinds and malformed paging', async () => {
      const service = { Authorization: mockCredentials.service.header() };
      const asUser = await request(backend.server)
        .get('/api/vcf/search-sources/vms')
        .set('Authorization', mockCredentials.user.header(ADMIN));
      expect(asUser.status).toBe(403);
      expect(
        (
          await request(backend.server)
            .get('/api/vcf/search-sources/passwords')
            .set(service)
        ).status,
      ).toBe(404);
      for (const query of [
        'limit=1e2',
        'offset=0x10',
        'limit=0',
        'limit=1001',
        'other=1',
      ]) {
        expect(
          (
            await request(backend.server)
              .get(`/api/vcf/search-sources/vms?${query}`)
              .set(service)
          ).status,
        ).toBe(400);
      }
    });
  });

  describe('over MCP (the MCP actions backend)', () => {
    /** One JSON-RPC call to the streamable HTTP endpoint, answered as JSON or as one server-sent event. */
    async function mcp(
      method: string,
      params: Record<string, unknown>,
      user = ADMIN,
    ) {
      const response = await request(backend.server)
        .post('/api/mcp-actions/v1')
        .set('Authorization', mockCredentials.user.header(user))
        .set('Accept', 'application/json, text/event-stream')
        .set('Content-Type', 'application/json')
        .send({ jsonrpc: '2.0', id: 1, method, params });
      expect(response.status).toBe(200);
      const text = response.text;
      const data = text.trim().startsWith('{')
        ? text
        : text
            .split('\n')
            .filter(line => line.startsWith('data:'))
            .map(line => line.slice(5))
            .join('');
      const message = JSON.parse(data);
      for (const secret of secrets) expect(data).not.toContain(secret);
      return message.result;
    }

    it("lists the VCF tools and runs search-inventory with the caller's token", async () => {
      const { tools } = await mcp('tools/list', {});
      const names: string[] = tools.map((t: { name: string }) => t.name);
      for (const action of [
        'list-environments',
        'search-inventory',
        'get-vm',
        'trigger-sync',
      ]) {
        expect(names.some(n => n.endsWith(action))).toBe(true);
      }
      const searchTool = names.find(n => n.endsWith('search-inventory'))!;
      const result = await mcp('tools/call', {
        name: searchTool,
        arguments: { kind: 'vms', query: vmName() },
      });
      expect(result.isError).toBeFalsy();
      expect(JSON.stringify(result.content)).toContain(vmName());

      const denied = await mcp(
        'tools/call',
        { name: searchTool, arguments: { kind: 'vms' } },
        VIEWER,
      );
      expect(denied.isError).toBe(true);
      expect(JSON.stringify(denied.content)).toContain('vcf.inventory.read');
    });
  });
});
