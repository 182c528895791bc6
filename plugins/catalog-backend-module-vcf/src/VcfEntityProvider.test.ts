import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { VcfEntityProvider } from './VcfEntityProvider';

describe('VcfEntityProvider', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  function createProvider() {
    const taskRunner = { run: jest.fn(async () => {}) };
    const provider = new VcfEntityProvider({
      discovery: mockServices.discovery(),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
      taskRunner: taskRunner as any,
      appBaseUrl: 'http://localhost:3000',
    });
    const connection = {
      applyMutation: jest.fn(),
      refresh: jest.fn(),
    } as unknown as EntityProviderConnection;
    return { provider, connection, taskRunner };
  }

  it('emits a Resource per environment with owner, annotations and location, in full', async () => {
    server.use(
      http.get('http://localhost:0/api/vcf/catalog-snapshot', () =>
        HttpResponse.json({
          environments: [
            {
              id: 'vcf-east',
              title: 'VCF East',
              owner: 'group:default/platform-east',
            },
            { id: 'vcf-lab', title: 'VCF Lab' },
          ],
        }),
      ),
    );
    const { provider, connection, taskRunner } = createProvider();
    await provider.connect(connection);
    expect(taskRunner.run).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'vcf:refresh' }),
    );
    await provider.refresh();

    const mutation = (connection.applyMutation as jest.Mock).mock.calls[0][0];
    expect(mutation.type).toBe('full');
    const [east, lab] = mutation.entities.map((e: any) => e.entity);
    expect(east).toMatchObject({
      kind: 'Resource',
      metadata: {
        name: 'vcf-east',
        namespace: 'vcf',
        title: 'VCF East',
        annotations: { 'vcf-backstage.io/environment': 'vcf-east' },
      },
      spec: { type: 'vcf-environment', owner: 'group:default/platform-east' },
    });
    expect(
      east.metadata.annotations['backstage.io/managed-by-location'],
    ).toBeDefined();
    expect(lab.spec.owner).toBe('group:default/vcf-admins');
  });

  it('keeps the previous entities when the VCF plugin does not answer', async () => {
    server.use(
      http.get(
        'http://localhost:0/api/vcf/catalog-snapshot',
        () => new HttpResponse(null, { status: 503 }),
      ),
    );
    const { provider, connection } = createProvider();
    await provider.connect(connection);
    await expect(provider.refresh()).rejects.toThrow(/503/);
    expect(connection.applyMutation).not.toHaveBeenCalled();
  });
});

describe('VcfEntityProvider.fromConfig', () => {
  const services = {
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
    logger: mockServices.logger.mock(),
  };

  it('runs on the schedule of catalog.providers.vcf', () => {
    const scheduler = mockServices.scheduler.mock();
    scheduler.createScheduledTaskRunner.mockReturnValue({ run: jest.fn() });
    const config = new ConfigReader({
      app: { baseUrl: 'http://localhost:3000' },
      catalog: {
        providers: {
          vcf: {
            schedule: { frequency: { minutes: 3 }, timeout: { minutes: 1 } },
          },
        },
      },
    });
    VcfEntityProvider.fromConfig(config, { ...services, scheduler });
    expect(scheduler.createScheduledTaskRunner).toHaveBeenCalledWith(
      expect.objectContaining({
        frequency: { minutes: 3 },
        timeout: { minutes: 1 },
      }),
    );
  });

  it('refreshes every 10 minutes without a schedule', () => {
    const scheduler = mockServices.scheduler.mock();
    scheduler.createScheduledTaskRunner.mockReturnValue({ run: jest.fn() });
    VcfEntityProvider.fromConfig(
      new ConfigReader({ app: { baseUrl: 'http://localhost:3000' } }),
      {
        ...services,
        scheduler,
      },
    );
    expect(scheduler.createScheduledTaskRunner).toHaveBeenCalledWith(
      expect.objectContaining({ frequency: { minutes: 10 } }),
    );
  });
});
