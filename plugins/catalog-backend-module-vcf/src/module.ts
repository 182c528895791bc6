import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { VcfEntityProvider } from './VcfEntityProvider';
import { VcfPartOfProcessor } from './VcfPartOfProcessor';

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
        const scheduleConfig = config.getOptionalConfig('catalog.providers.vcf.schedule');
        const schedule = scheduleConfig
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
          : { frequency: { minutes: 10 }, timeout: { minutes: 5 }, initialDelay: { seconds: 30 } };
        catalog.addEntityProvider(
          new VcfEntityProvider({
            discovery,
            auth,
            logger,
            taskRunner: scheduler.createScheduledTaskRunner(schedule),
            defaultOwner: config.getOptionalString('catalog.providers.vcf.defaultOwner'),
            appBaseUrl: config.getString('app.baseUrl'),
            vmNamePattern: config.getOptionalString('catalog.providers.vcf.vms.namePattern'),
          }),
        );
        catalog.addProcessor(new VcfPartOfProcessor());
      },
    });
  },
});
