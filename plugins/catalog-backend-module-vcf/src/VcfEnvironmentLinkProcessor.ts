import {
  getCompoundEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  type Entity,
} from '@backstage/catalog-model';
import {
  processingResult,
  type CatalogProcessor,
  type CatalogProcessorEmit,
} from '@backstage/plugin-catalog-node';
import { getVcfEnvironmentId } from '@vcf-backstage/plugin-vcf-common';
import { VCF_ENTITY_NAMESPACE } from './VcfEntityBuilder';
import { toEntityName } from './entityNames';

/**
 * Links users' own entities to the provider's environment entity: an entity outside the provider's namespace with
 * `vcf-backstage.io/environment: <id>` gets `dependsOn resource:vcf/<id>` (and the environment
 * `dependencyOf` it). So a catalog holds one entity per environment, the provider's, and a component names it by
 * the annotation instead of declaring a second environment entity.
 * @public
 */
export class VcfEnvironmentLinkProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'VcfEnvironmentLinkProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    _location: unknown,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const environmentId = getVcfEnvironmentId(entity);
    // The provider's own entities carry the annotation too; their relations come from the part-of tree.
    if (!environmentId || entity.metadata.namespace === VCF_ENTITY_NAMESPACE)
      return entity;
    const self = getCompoundEntityRef(entity);
    const environment = {
      kind: 'Resource',
      namespace: VCF_ENTITY_NAMESPACE,
      name: toEntityName(environmentId),
    };
    emit(
      processingResult.relation({
        source: self,
        type: RELATION_DEPENDS_ON,
        target: environment,
      }),
    );
    emit(
      processingResult.relation({
        source: environment,
        type: RELATION_DEPENDENCY_OF,
        target: self,
      }),
    );
    return entity;
  }
}
