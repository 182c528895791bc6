import { startVcsim, type VcsimInstance } from '@vcf-backstage/vcsim';
import { PropertyCollectorPager } from './PropertyCollectorPager';
import type { ObjectContent } from './types';
import { VimFaultError } from './VimFaultError';
import { VimSoapClient, type VimStreamedReply } from './VimSoapClient';
import { readString } from './vimValues';
import { VimXmlStream } from './vimXmlParser';

/** A streamed reply of a fake client: the response text parsed the way the real client streams it. */
function replyOf(text: string): VimStreamedReply {
  return {
    async read(onChild) {
      new VimXmlStream({
        parentPath: ['Envelope', 'Body', '*', 'returnval'],
        onChild: (name, value) => onChild(name, value as any),
      })
        .write(text)
        .close();
    },
    async discard() {},
  };
}

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
  function page(token: string | undefined, morefs: string[]): VimStreamedReply {
    const objects = morefs
      .map(
        m =>
          `<objects><obj type="VirtualMachine">${m}</obj><propSet><name>name</name><val>${m}</val></propSet></objects>`,
      )
      .join('');
    return replyOf(
      `<Envelope><Body><RetrievePropertiesExResponse><returnval>${
        token ? `<token>${token}</token>` : ''
      }${objects}</returnval></RetrievePropertiesExResponse></Body></Envelope>`,
    );
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
      async requestStreamed(method: string): Promise<VimStreamedReply> {
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

describe('PropertyCollectorPager with a token after the objects', () => {
  it('still follows every page, one after the other', async () => {
    const calls: string[] = [];
    // A server that writes the token after the objects: the next page can only be asked for at the end.
    const page = (token: string | undefined, moref: string) =>
      replyOf(
        `<Envelope><Body><ContinueRetrievePropertiesExResponse><returnval><objects><obj type="VirtualMachine">${moref}</obj></objects>${
          token ? `<token>${token}</token>` : ''
        }</returnval></ContinueRetrievePropertiesExResponse></Body></Envelope>`,
      );
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
      async requestStreamed(method: string) {
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

describe('PropertyCollectorPager reading pages as streams', () => {
  it('asks for the next page as soon as the token arrives, before the objects of the page are handed over', async () => {
    const events: string[] = [];
    const page = (token: string | undefined, morefs: string[]) =>
      replyOf(
        `<Envelope><Body><ContinueRetrievePropertiesExResponse><returnval>${
          token ? `<token>${token}</token>` : ''
        }${morefs
          .map(m => `<objects><obj type="VirtualMachine">${m}</obj></objects>`)
          .join(
            '',
          )}</returnval></ContinueRetrievePropertiesExResponse></Body></Envelope>`,
      );
    const replies = [
      page('t', ['vm-1', 'vm-2']),
      page('t', ['vm-3', 'vm-4']),
      page(undefined, ['vm-5']),
    ];
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
        events.push(method);
        return method === 'CreateContainerView'
          ? { '#text': 'view-1', '@_type': 'ContainerView' }
          : undefined;
      },
      async requestStreamed(method: string) {
        events.push(method);
        return replies.shift()!;
      },
    } as unknown as VimSoapClient;
    const pager = PropertyCollectorPager.create({
      client: fakeClient,
      pageSize: 2,
    });
    await pager.retrieveViewPages(VM_PROPS, ['VirtualMachine'], {
      onObject: o => events.push(o.obj.value),
      onPageEnd: async () => {
        events.push('page end');
      },
      onRestart: async () => {
        events.push('restart');
      },
    });
    expect(events).toEqual([
      'CreateContainerView',
      'RetrievePropertiesEx',
      'ContinueRetrievePropertiesEx',
      'vm-1',
      'vm-2',
      'page end',
      'ContinueRetrievePropertiesEx',
      'vm-3',
      'vm-4',
      'page end',
      'vm-5',
      'page end',
      'DestroyView',
    ]);
    expect(pager.roundTrips).toBe(3);
  });
});
