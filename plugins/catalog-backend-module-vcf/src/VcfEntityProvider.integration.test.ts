import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
// The test runs the real VCF backend plugin to produce the synced data the provider reads.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import vcfPlugin from '@vcf-backstage/plugin-vcf-backend';
import {
  startVcfSimulator,
  type VcfSimulator,
} from '@vcf-backstage/vcf-simulator';
import { startVcsim, type VcsimInstance } from '@vcf-backstage/vcsim';
import { VcfEntityProvider } from './VcfEntityProvider';

/*
 * The provider on real synced data: the VCF backend plugin syncs an environment from the SDDC Manager simulator
 * and a vCenter from vcsim, and the provider reads its catalog snapshot over HTTP with a service token.
 */
describe('VcfEntityProvider on data synced from the simulator and vcsim', () => {
  let simulator: VcfSimulator;
  let vcsim: VcsimInstance;

  beforeAll(async () => {
    [simulator, vcsim] = await Promise.all([
      startVcfSimulator({
        environments: [{ id: 'vcf-east', credentialCount: 30 }],
      }),
      startVcsim({
        clustersPerDatacenter: 2,
        hostsPerCluster: 2,
        vmsPerHost: 1,
      }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([simulator?.stop(), vcsim?.stop()]);
  });

  it('emits the environment, its vCenter, clusters, hosts and datastores with relations, and drops purged objects', async () => {
    const env = simulator.environments[0];
    const backend = await startTestBackend({
      features: [
        vcfPlugin,
        mockServices.rootConfig.factory({
          data: {
            vcf: {
              encryption: { key: randomBytes(32).toString('base64') },
              sync: { runOnStartup: false },
              environments: [
                {
                  id: 'vcf-east',
                  title: 'VCF East',
                  owner: 'group:default/platform-east',
                  sddcManager: {
                    baseUrl: env.sddcManagerUrl,
                    ...env.sddcManagerServiceAccount,
                    tls: { ca: simulator.certificatePem },
                  },
                },
              ],
              vcenters: [
                {
                  id: 'vc-east',
                  title: 'vCenter East',
                  baseUrl: vcsim.url,
                  username: vcsim.username,
                  password: vcsim.password,
                  environment: 'vcf-east',
                  tls: { ca: vcsim.certificatePem },
                },
              ],
            },
          },
        }),
      ],
    });
    try {
      const base = `http://localhost:${
        (backend.server.address() as AddressInfo).port
      }/api/vcf`;
      const headers = { authorization: mockCredentials.user.header() };
      expect(
        (
          await fetch(`${base}/vcenters/vc-east/sync`, {
            method: 'POST',
            headers,
          })
        ).status,
      ).toBe(202);
      let status = 'never';
      for (
        let i = 0;
        i < 3000 && !['succeeded', 'failed'].includes(status);
        i++
      ) {
        await new Promise(resolve => setTimeout(resolve, 100));
        status = (
          await (await fetch(`${base}/vcenters/vc-east`, { headers })).json()
        ).sync.status;
      }
      expect(status).toBe('succeeded');

      const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
      const provider = new VcfEntityProvider({
        discovery: {
          getBaseUrl: async () => base,
          getExternalBaseUrl: async () => base,
        },
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        taskRunner: { run: async () => {} },
        appBaseUrl: 'http://localhost:3000',
        vmNamePattern: 'dc0_c0_h0_*',
      });
      await provider.connect(connection as unknown as EntityProviderConnection);
      await provider.refresh();

      const entities: Entity[] =
        connection.applyMutation.mock.calls[0][0].entities.map(
          (e: any) => e.entity,
        );
      const ofType = (type: string) =>
        entities.filter(e => e.spec?.type === type);
      expect(ofType('vcf-environment').map(e => e.metadata.name)).toEqual([
        'vcf-east',
      ]);
      expect(ofType('vcenter').map(e => e.metadata.title)).toEqual([
        'vCenter East',
      ]);
      expect(ofType('vsphere-cluster')).toHaveLength(vcsim.counts.clusters);
      expect(ofType('esxi-host')).toHaveLength(vcsim.counts.hosts);
      expect(ofType('vsphere-datastore')).toHaveLength(vcsim.counts.datastores);
      for (const entity of entities)
        expect(entity.spec?.owner).toBe('group:default/platform-east');
      // Only the VMs the name pattern selects (vcsim names VMs <host>_VM<n>; one VM per host here).
      expect(ofType('vsphere-vm').map(e => e.metadata.title)).toEqual([
        'DC0_C0_H0_VM0',
      ]);
      const vmHost = ofType('vsphere-vm')[0].spec?.dependsOn as string[];
      expect(vmHost).toEqual([
        `resource:vcf/${
          ofType('esxi-host').find(h => h.metadata.title === 'DC0_C0_H0')!
            .metadata.name
        }`,
      ]);

      const vcenterRef = 'resource:vcf/vcenter-vc-east';
      const clusterRefs = ofType('vsphere-cluster').map(
        e => `resource:vcf/${e.metadata.name}`,
      );
      expect(
        ofType('vcenter')[0].metadata.annotations?.['vcf-backstage.io/part-of'],
      ).toBe('resource:vcf/vcf-east');
      for (const cluster of ofType('vsphere-cluster')) {
        expect(cluster.metadata.annotations?.['vcf-backstage.io/part-of']).toBe(
          vcenterRef,
        );
      }
      const clusteredHosts = ofType('esxi-host').filter(h =>
        clusterRefs.includes(
          h.metadata.annotations?.['vcf-backstage.io/part-of']!,
        ),
      );
      expect(clusteredHosts).toHaveLength(
        vcsim.counts.hosts - vcsim.counts.standaloneHosts,
      );
      expect(
        ofType('esxi-host').every(
          h => (h.spec?.dependsOn as string[] | undefined)?.length,
        ),
      ).toBe(true);

      const text = JSON.stringify(entities);
      expect(text).not.toContain(vcsim.password);
      expect(text).not.toContain(env.sddcManagerServiceAccount.password);
      expect(text).not.toMatch(/username|password/i);

      expect(
        (
          await fetch(`${base}/vcenters/vc-east/purge`, {
            method: 'POST',
            headers,
          })
        ).status,
      ).toBe(204);
      await provider.refresh();
      const after: Entity[] =
        connection.applyMutation.mock.calls[1][0].entities.map(
          (e: any) => e.entity,
        );
      expect(connection.applyMutation.mock.calls[1][0].type).toBe('full');
      expect(
        after.filter(e =>
          ['vsphere-cluster', 'esxi-host', 'vsphere-datastore'].includes(
            e.spec?.type as string,
          ),
        ),
      ).toEqual([]);
      expect(after.map(e => e.spec?.type).sort()).toEqual([
        'vcenter',
        'vcf-environment',
      ]);
    } finally {
      await backend.stop();
    }
  });
});
