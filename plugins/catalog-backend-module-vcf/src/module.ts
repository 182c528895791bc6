import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { VcfEntityProvider } from './VcfEntityProvider';
import { VcfPartOfProcessor } from './VcfPartOfProcessor';
import { VcfEnvironmentLinkProcessor } from './VcfEnvironmentLinkProcessor';

/**
 * Adds the VCF entity provider to the catalog.
 * @public
 */
export const catalogModuleVcf = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'vcf',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, config, discovery, auth, logger, scheduler }) {
        catalog.addEntityProvider(
          VcfEntityProvider.fromConfig(config, {
            discovery,
            auth,
            logger,
            scheduler,
          }),
        );
        catalog.addProcessor(new VcfPartOfProcessor());
        catalog.addProcessor(new VcfEnvironmentLinkProcessor());
      },
    });
  },
});
