import { startVcsim, type VcsimInstance } from '@vcf-backstage/vcsim';
import { PropertyCollectorPager, peekToken } from './PropertyCollectorPager';
import type { ObjectContent } from './types';
import { VimFaultError } from './VimFaultError';
import { VimSoapClient, type VimReply } from './VimSoapClient';
import { readString } from './vimValues';

const VM_PROPS = [
  {
    type: 'VirtualMachine',
    pathSet: ['name', 'runtime.powerState', 'config.hardware.numCPU'],
  },
];

function summary(objects: ObjectContent[]) {
  return objects
    .map(o => ({
      moref: o.obj.value,
      name: readString(o.props.get('name')),
      power: readString(o.props.get('runtime.powerState')),
      cpu: readString(o.props.get('config.hardware.numCPU')),
    }))
    .sort((a, b) => a.moref.localeCompare(b.moref));
}

describe('PropertyCollectorPager against vcsim', () => {
  // 2 clusters × 3 hosts × 4 VMs + 1 standalone host × 4 VMs = 28 VMs.
  const VMS = 28;
  let vcsim: VcsimInstance;
  let client: VimSoapClient;

  beforeAll(async () => {
    vcsim = await startVcsim({
      clustersPerDatacenter: 2,
      hostsPerCluster: 3,
      vmsPerHost: 4,
      standaloneHostsPerDatacenter: 1,
    });
  });

  beforeEach(async () => {
    client = VimSoapClient.create({
      url: vcsim.url,
      username: vcsim.username,
      password: vcsim.password,
      tls: { ca: vcsim.certificatePem },
    });
    await client.connect();
  });

  afterEach(async () => {
    await client.logout();
    await client.close();
  });

  afterAll(async () => {
    await vcsim?.stop();
  });

  it('reads every object of a view in one page when the page is large enough', async () => {
    const pager = PropertyCollectorPager.create({ client, pageSize: 500 });
    const vms = await pager.retrieveView(VM_PROPS);
    expect(vms).toHaveLength(VMS);
    expect(vcsim.counts.vms).toBe(VMS);
    expect(new Set(vms.map(v => readString(v.props.get('name')))).size).toBe(
      VMS,
    );
    expect(pager.roundTrips).toBe(1);
  });

  it.each([50, 7, 1])(
    'returns the same objects with pages of %i, in ⌈objects / page size⌉ round trips',
    async pageSize => {
      const reference = summary(
        await PropertyCollectorPager.create({
          client,
          pageSize: 1000,
        }).retrieveView(VM_PROPS),
      );
      const before = await vcsim.stats();

      const pager = PropertyCollectorPager.create({ client, pageSize });
      const vms = await pager.retrieveView(VM_PROPS);

      expect(summary(vms)).toEqual(reference);
      expect(pager.roundTrips).toBe(Math.ceil(VMS / pageSize));
      const after = await vcsim.stats();
      // The server saw exactly those calls, created one view and destroyed it, and holds no token.
      expect(after.retrievePropertiesEx - before.retrievePropertiesEx).toBe(1);
      expect(
        after.continueRetrievePropertiesEx -
          before.continueRetrievePropertiesEx,
      ).toBe(Math.ceil(VMS / pageSize) - 1);
      expect(after.createContainerView - before.createContainerView).toBe(1);
      expect(after.destroyView - before.destroyView).toBe(1);
      expect(after.pendingTokens).toBe(0);
    },
  );

  it('lists datastores that sit in a datastore cluster', async () => {
    const pager = PropertyCollectorPager.create({ client, pageSize: 1 });
    const datastores = await pager.retrieveView([
      { type: 'Datastore', pathSet: ['name', 'parent'] },
    ]);
    expect(datastores).toHaveLength(vcsim.counts.datastores);
    expect(
      datastores.filter(
        d =>
          (d.props.get('parent') as Record<string, string>)['@_type'] ===
          'StoragePod',
      ),
    ).toHaveLength(vcsim.counts.datastoresInClusters);
  });

  it('starts over once, in a new session, when the session ends mid-way', async () => {
    const reference = summary(
      await PropertyCollectorPager.create({
        client,
        pageSize: 1000,
      }).retrieveView(VM_PROPS),
    );
    // The session ends right after the second page was served.
    await vcsim.terminateSessions({ afterRetrieveCalls: 2 });

    const pager = PropertyCollectorPager.create({ client, pageSize: 7 });
    const vms = await pager.retrieveView(VM_PROPS);

    expect(summary(vms)).toEqual(reference);
    expect(client.loginCount).toBe(2);
    expect(pager.restarts).toBe(1);
    expect((await vcsim.stats()).terminatedSessions).toBeGreaterThanOrEqual(1);
  });

  it('reads explicit objects and skips the call when there are none', async () => {
    const pager = PropertyCollectorPager.create({ client, pageSize: 10 });
    expect(
      await pager.retrieve({
        propSet: [{ type: 'Folder', pathSet: ['name'] }],
        objectSet: [],
      }),
    ).toEqual([]);
    expect(pager.roundTrips).toBe(0);

    const [root] = await pager.retrieve({
      propSet: [{ type: 'Folder', pathSet: ['name'] }],
      objectSet: [{ obj: client.serviceContent.rootFolder }],
    });
    expect(readString(root.props.get('name'))).toBe('Datacenters');
    expect(pager.roundTrips).toBe(1);
  });
});

describe('PropertyCollectorPager clean-up on failure', () => {
  function page(token: string | undefined, morefs: string[]): VimReply {
    const objects = morefs
      .map(
        m =>
          `<objects><obj type="VirtualMachine">${m}</obj><propSet><name>name</name><val>${m}</val></propSet></objects>`,
      )
      .join('');
    const text = `<Envelope><Body><RetrievePropertiesExResponse><returnval>${
      token ? `<token>${token}</token>` : ''
    }${objects}</returnval></RetrievePropertiesExResponse></Body></Envelope>`;
    return {
      text,
      returnval: () => ({
        ...(token ? { token } : {}),
        objects: morefs.map(m => ({
          obj: { '#text': m, '@_type': 'VirtualMachine' },
        })),
      }),
    };
  }

  it('cancels the token and destroys the view when a page fails', async () => {
    const calls: string[] = [];
    const fault = new VimFaultError(
      'vCenter x answered ContinueRetrievePropertiesEx with the fault SystemError',
      {
        kind: 'http',
        faultType: 'SystemError',
        method: 'ContinueRetrievePropertiesEx',
      },
    );
    const fakeClient = {
      upstreamName: 'vCenter x',
      loginCount: 1,
      serviceContent: {
        rootFolder: { type: 'Folder', value: 'group-d1' },
        viewManager: { type: 'ViewManager', value: 'ViewManager' },
        propertyCollector: {
          type: 'PropertyCollector',
          value: 'propertyCollector',
        },
      },
      async invoke(method: string) {
        calls.push(method);
        return method === 'CreateContainerView'
          ? { '#text': 'view-1', '@_type': 'ContainerView' }
          : undefined;
      },
      async request(method: string): Promise<VimReply> {
        calls.push(method);
        if (method === 'RetrievePropertiesEx')
          return page('t1', ['vm-1', 'vm-2']);
        throw fault;
      },
    } as unknown as VimSoapClient;

    const pager = PropertyCollectorPager.create({
      client: fakeClient,
      pageSize: 2,
    });
    await expect(pager.retrieveView(VM_PROPS)).rejects.toBe(fault);
    expect(calls).toEqual([
      'CreateContainerView',
      'RetrievePropertiesEx',
      'ContinueRetrievePropertiesEx',
      'CancelRetrievePropertiesEx',
      'DestroyView',
    ]);
  });
});

describe('peekToken', () => {
  it('reads the token at the start of the returnval only', () => {
    expect(
      peekToken(
        '<RetrievePropertiesExResponse><returnval><token>a&amp;1</token><objects/></returnval>',
      ),
    ).toBe('a&1');
    expect(peekToken('<x:returnval>\n <x:token>t</x:token>')).toBe('t');
    expect(
      peekToken(
        '<returnval><objects><propSet><name>token</name><val><token>no</token></val></propSet></objects></returnval>',
      ),
    ).toBeUndefined();
    expect(peekToken('<returnval/>')).toBeUndefined();
  });
});

describe('PropertyCollectorPager with a token after the objects', () => {
  it('still follows every page, one after the other', async () => {
    const calls: string[] = [];
    // A server that writes the token after the objects, which the quick look does not see.
    const page = (token: string | undefined, moref: string): VimReply => ({
      text: `<returnval><objects><obj type="VirtualMachine">${moref}</obj></objects>${
        token ? `<token>${token}</token>` : ''
      }</returnval>`,
      returnval: () => ({
        objects: { obj: { '#text': moref, '@_type': 'VirtualMachine' } },
        ...(token ? { token } : {}),
      }),
    });
    const replies = [
      page('t', 'vm-1'),
      page('t', 'vm-2'),
      page(undefined, 'vm-3'),
    ];
    const fakeClient = {
      upstreamName: 'vCenter x',
      loginCount: 1,
      serviceContent: {
        propertyCollector: {
          type: 'PropertyCollector',
          value: 'propertyCollector',
        },
      },
      async request(method: string) {
        calls.push(method);
        return replies.shift()!;
      },
    } as unknown as VimSoapClient;
    const pager = PropertyCollectorPager.create({
      client: fakeClient,
      pageSize: 1,
    });
    const objects = await pager.retrieve({
      propSet: VM_PROPS,
      objectSet: [{ obj: { type: 'VirtualMachine', value: 'vm-1' } }],
    });
    expect(objects.map(o => o.obj.value)).toEqual(['vm-1', 'vm-2', 'vm-3']);
    expect(calls).toEqual([
      'RetrievePropertiesEx',
      'ContinueRetrievePropertiesEx',
      'ContinueRetrievePropertiesEx',
    ]);
    expect(pager.roundTrips).toBe(3);
  });
});
