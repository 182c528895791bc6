import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  search?: {
    collators?: {
      /** The VCF collators (environments and vSphere inventory). */
      vcf?: {
        /**
         * How often the VCF objects are re-indexed. Default: every 10 minutes, 15 minutes timeout, first run 30
         * seconds after start.
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /** Objects read from the VCF backend per request, 1–1000 (default 500). */
        pageSize?: number;
      };
    };
  };
}
