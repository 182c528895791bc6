import type {
  AuthService,
  DiscoveryService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { EntityProvider, EntityProviderConnection } from '@backstage/plugin-catalog-node';
import type { VcfCatalogSnapshot } from '@vcf-backstage/plugin-vcf-common';
import { VcfEntityBuilder } from './VcfEntityBuilder';

/**
 * Emits catalog entities for what the VCF plugin knows: VCF environments, vCenters, clusters, ESXi hosts and
 * datastores (see {@link VcfEntityBuilder}). It reads the plugin's own API with a service token (no upstream
 * calls, no secrets) and replaces its entities in full on every run, so entities vanish when their objects do;
 * a failed read keeps the previous entities.
 * @public
 */
export class VcfEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private readonly builder: VcfEntityBuilder;

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      taskRunner: SchedulerServiceTaskRunner;
      /** Owner of objects whose vCenter and environment name none. Defaults to `group:default/vcf-admins`. */
      defaultOwner?: string;
      /** The app's base URL, for the links on entities. */
      appBaseUrl: string;
      /** Emit the VMs whose names match this glob (`*`, `?`); without it, no VMs. */
      vmNamePattern?: string;
    },
  ) {
    this.builder = new VcfEntityBuilder({
      defaultOwner: options.defaultOwner ?? 'group:default/vcf-admins',
      appBaseUrl: options.appBaseUrl,
    });
  }

  getProviderName(): string {
    return 'vcf';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        try {
          await this.refresh();
        } catch (error) {
          this.options.logger.warn('Could not refresh VCF entities; the previous ones stay', {
            error: String(error),
          });
        }
      },
    });
  }

  /** Reads the snapshot and replaces the provider's entities. */
  async refresh(): Promise<void> {
    if (!this.connection) throw new Error('VcfEntityProvider is not connected');
    const entities = this.builder.build(await this.readSnapshot());
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({ entity, locationKey: `vcf-provider:${this.getProviderName()}` })),
    });
    this.options.logger.info('Refreshed VCF catalog entities', { count: entities.length });
  }

  private async readSnapshot(): Promise<VcfCatalogSnapshot> {
    const baseUrl = await this.options.discovery.getBaseUrl('vcf');
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: await this.options.auth.getOwnServiceCredentials(),
      targetPluginId: 'vcf',
    });
    const query = this.options.vmNamePattern
      ? `?${new URLSearchParams({ vmNamePattern: this.options.vmNamePattern })}`
      : '';
    const response = await fetch(`${baseUrl}/catalog-snapshot${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as VcfCatalogSnapshot;
  }
}
