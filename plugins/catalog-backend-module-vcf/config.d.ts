import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /** The VCF entity provider (VCF environments, vCenters, clusters, ESXi hosts, datastores). */
      vcf?: {
        /** How often entities are rebuilt from the VCF plugin's synced data. Defaults to every 10 minutes. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /** Owner of objects whose vCenter and environment name none. Defaults to `group:default/vcf-admins`. */
        defaultOwner?: string;
        /** VMs are left out of the catalog unless a name pattern selects some (at most 1,000). */
        vms?: {
          /** Glob of VM names to emit, e.g. `prod-*`; case-insensitive. */
          namePattern?: string;
        };
      };
    };
  };
}
