import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /** The VCF entity provider (VCF environments, and vSphere objects as the inventory grows). */
      vcf?: {
        /** How often entities are rebuilt from the VCF plugin's synced data. Defaults to every 10 minutes. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
