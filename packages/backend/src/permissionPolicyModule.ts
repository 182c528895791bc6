import { createBackendModule } from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { VcfPermissionPolicy } from './VcfPermissionPolicy';

/** Installs {@link VcfPermissionPolicy} as the permission backend's policy. */
export const permissionModuleVcfPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'vcf-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new VcfPermissionPolicy());
      },
    });
  },
});
