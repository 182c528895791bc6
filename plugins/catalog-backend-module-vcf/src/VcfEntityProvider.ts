import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type AuthService,
  type DiscoveryService,
  type LoggerService,
  type SchedulerService,
  type SchedulerServiceTaskRunner,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { ResponseError } from '@backstage/errors';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { VcfCatalogSnapshot } from '@vcf-backstage/plugin-vcf-common';
import { VcfEntityBuilder } from './VcfEntityBuilder';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 5 },
  initialDelay: { seconds: 30 },
};

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

  /**
   * The provider as configured under `catalog.providers.vcf`, run on its own schedule (`schedule`, default every
   * 10 minutes) unless the caller passes a task runner.
   */
  static fromConfig(
    config: Config,
    options: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      scheduler?: SchedulerService;
      taskRunner?: SchedulerServiceTaskRunner;
    },
  ): VcfEntityProvider {
    const providerConfig = config.getOptionalConfig('catalog.providers.vcf');
    const scheduleConfig = providerConfig?.getOptionalConfig('schedule');
    const schedule: SchedulerServiceTaskScheduleDefinition = scheduleConfig
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
      : DEFAULT_SCHEDULE;
    const taskRunner =
      options.taskRunner ??
      options.scheduler?.createScheduledTaskRunner(schedule);
    if (!taskRunner) {
      throw new Error(
        'VcfEntityProvider.fromConfig needs a scheduler or a task runner',
      );
    }
    return new VcfEntityProvider({
      discovery: options.discovery,
      auth: options.auth,
      logger: options.logger,
      taskRunner,
      defaultOwner: providerConfig?.getOptionalString('defaultOwner'),
      appBaseUrl: config.getString('app.baseUrl'),
      vmNamePattern: providerConfig?.getOptionalString('vms.namePattern'),
    });
  }

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
          this.options.logger.warn(
            'Could not refresh VCF entities; the previous ones stay',
            {
              error: String(error),
            },
          );
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
      entities: entities.map(entity => ({
        entity,
        locationKey: `vcf-provider:${this.getProviderName()}`,
      })),
    });
    this.options.logger.info('Refreshed VCF catalog entities', {
      count: entities.length,
    });
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
