import type {
  AuthService,
  DiscoveryService,
  LoggerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  type Entity,
} from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type { EntityProvider, EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { VCF_ENVIRONMENT_ANNOTATION } from '@vcf-backstage/plugin-vcf-common';

/** Namespace of every entity the provider emits, so they never clash with users' own entities. @public */
export const VCF_ENTITY_NAMESPACE = 'vcf';

/** What the provider reads from `GET /api/vcf/catalog-snapshot`. */
interface CatalogSnapshot {
  environments: Array<{ id: string; title: string; description?: string; owner?: string }>;
}

/**
 * Emits catalog entities for what the VCF plugin knows: a `Resource` of type `vcf-environment` per environment.
 * It reads the plugin's own API with a service token (no upstream calls, no secrets) and replaces its entities
 * in full on every run, so entities vanish when their objects do.
 * @public
 */
export class VcfEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;

  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      taskRunner: SchedulerServiceTaskRunner;
    },
  ) {}

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
    const snapshot = await this.readSnapshot();
    const entities = snapshot.environments.map(env => this.environmentEntity(env));
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({ entity, locationKey: `vcf-provider:${this.getProviderName()}` })),
    });
    this.options.logger.info('Refreshed VCF catalog entities', { count: entities.length });
  }

  private async readSnapshot(): Promise<CatalogSnapshot> {
    const baseUrl = await this.options.discovery.getBaseUrl('vcf');
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: await this.options.auth.getOwnServiceCredentials(),
      targetPluginId: 'vcf',
    });
    const response = await fetch(`${baseUrl}/catalog-snapshot`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as CatalogSnapshot;
  }

  private environmentEntity(env: CatalogSnapshot['environments'][number]): Entity {
    const location = `url:${'vcf'}://environments/${env.id}`;
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: env.id,
        namespace: VCF_ENTITY_NAMESPACE,
        title: env.title,
        description: env.description,
        annotations: {
          [VCF_ENVIRONMENT_ANNOTATION]: env.id,
          [ANNOTATION_LOCATION]: location,
          [ANNOTATION_ORIGIN_LOCATION]: location,
        },
        links: [{ url: `/vcf/environments/${encodeURIComponent(env.id)}`, title: 'VCF credentials and inventory' }],
      },
      spec: {
        type: 'vcf-environment',
        owner: env.owner ?? 'group:default/vcf-admins',
      },
    };
  }
}
