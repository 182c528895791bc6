import { randomBytes } from 'node:crypto';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { startVcsim, type VcsimInstance } from '@vcf-backstage/vcsim';
import { vcfPlugin } from './plugin';

describe('vcfPlugin', () => {
  let vcsim: VcsimInstance;

  beforeAll(async () => {
    vcsim = await startVcsim({ hostsPerCluster: 2, vmsPerHost: 2, alarms: 2 });
  });
  afterAll(async () => {
    await vcsim?.stop();
  });

  it('syncs the vCenters of vcf.vcenters and serves their inventory under /api/vcf', async () => {
    const backend = await startTestBackend({
      features: [
        vcfPlugin,
        mockServices.rootConfig.factory({
          data: {
            vcf: {
              encryption: { key: randomBytes(32).toString('base64') },
              sync: { runOnStartup: false },
              vcenters: [
                {
                  id: 'vc-sim',
                  title: 'Simulated vCenter',
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
    const server = backend.server;
    try {
      const auth = { Authorization: mockCredentials.user.header() };
      const listed = await request(server).get('/api/vcf/vcenters').set(auth);
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual([
        expect.objectContaining({
          id: 'vc-sim',
          managedBy: 'config',
          enabled: true,
          sync: expect.objectContaining({ status: 'never' }),
        }),
      ]);
      expect(JSON.stringify(listed.body)).not.toContain(vcsim.password);

      expect(
        (await request(server).post('/api/vcf/vcenters/vc-sim/sync').set(auth))
          .status,
      ).toBe(202);
      let status = 'never';
      for (
        let i = 0;
        i < 3000 && status !== 'succeeded' && status !== 'failed';
        i++
      ) {
        await new Promise(resolve => setTimeout(resolve, 100));
        status = (
          await request(server).get('/api/vcf/vcenters/vc-sim').set(auth)
        ).body.sync.status;
      }
      expect(status).toBe('succeeded');
      const vms = await request(server)
        .get('/api/vcf/inventory/vms?limit=1')
        .set(auth);
      expect(vms.body.totalCount).toBe(vcsim.counts.vms);
      const summary = await request(server)
        .get('/api/vcf/inventory/summary')
        .set(auth);
      expect(summary.body.alarmsBySeverity).toEqual({
        red: vcsim.counts.redAlarms,
        yellow: vcsim.counts.yellowAlarms,
      });
    } finally {
      await backend.stop();
    }
  });
});
