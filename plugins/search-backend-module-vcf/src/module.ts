import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import {
  VcfEnvironmentCollatorFactory,
  VcfInventoryCollatorFactory,
} from './VcfCollatorFactory';
import { VcfSearchSourceReader } from './VcfSearchSourceReader';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 30 },
};

/**
 * Search backend module that indexes VCF environments and the vSphere inventory (vCenters, clusters, hosts,
 * datastores, VMs), read from the VCF backend with a service token. Schedule: `search.collators.vcf.schedule`.
 * @public
 */
export const searchModuleVcfCollator = createBackendModule({
  pluginId: 'search',
  moduleId: 'vcf-collator',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({ config, discovery, auth, scheduler, indexRegistry }) {
        const scheduleConfig = config.getOptionalConfig(
          'search.collators.vcf.schedule',
        );
        const schedule = scheduler.createScheduledTaskRunner(
          scheduleConfig
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                scheduleConfig,
              )
            : DEFAULT_SCHEDULE,
        );
        const reader = new VcfSearchSourceReader({
          discovery,
          auth,
          pageSize: config.getOptionalNumber('search.collators.vcf.pageSize'),
        });
        indexRegistry.addCollator({
          schedule,
          factory: new VcfEnvironmentCollatorFactory(reader),
        });
        indexRegistry.addCollator({
          schedule,
          factory: new VcfInventoryCollatorFactory(reader),
        });
      },
    });
  },
});
