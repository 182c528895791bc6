import {
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_HAS_PART,
  RELATION_PART_OF,
  type Entity,
} from '@backstage/catalog-model';
import {
  processingResult,
  type CatalogProcessor,
  type CatalogProcessorEmit,
} from '@backstage/plugin-catalog-node';
import { VCF_PART_OF_ANNOTATION } from './VcfEntityBuilder';

/**
 * Emits `partOf` / `hasPart` relations for entities that carry the `vcf-backstage.io/part-of` annotation
 * (host → cluster → vCenter → environment), since a Resource's spec has no field for containment.
 * @public
 */
export class VcfPartOfProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'VcfPartOfProcessor';
  }

  async postProcessEntity(
    entity: Entity,
    _location: unknown,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    const parent = entity.metadata.annotations?.[VCF_PART_OF_ANNOTATION];
    if (!parent) return entity;
    const self = getCompoundEntityRef(entity);
    const target = parseEntityRef(parent);
    emit(
      processingResult.relation({
        source: self,
        type: RELATION_PART_OF,
        target,
      }),
    );
    emit(
      processingResult.relation({
        source: target,
        type: RELATION_HAS_PART,
        target: self,
      }),
    );
    return entity;
  }
}
