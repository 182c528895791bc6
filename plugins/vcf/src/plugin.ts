import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { VcfClient, vcfApiRef } from './api';
import { rootRouteRef } from './routes';

/**
 * The VCF plugin for apps on the legacy frontend system.
 * @public
 */
export const vcfPlugin = createPlugin({
  id: 'vcf',
  apis: [
    createApiFactory({
      api: vcfApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new VcfClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
  },
});

/**
 * The VCF page: environments, credentials, inventory, vCenters and audit. Mount it at
 * `/vcf`.
 * @public
 */
export const VcfPage = vcfPlugin.provide(
  createRoutableExtension({
    name: 'VcfPage',
    component: () =>
      import('./components/VcfRouter').then(m => m.LegacyVcfPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Entity page content for entities with the `vcf-backstage.io/environment` annotation.
 * @public
 */
export const EntityVcfEnvironmentContent = vcfPlugin.provide(
  createComponentExtension({
    name: 'EntityVcfEnvironmentContent',
    component: {
      lazy: () =>
        import('./components/EntityVcfEnvironmentContent').then(
          m => m.EntityVcfEnvironmentContent,
        ),
    },
  }),
);

/**
 * Entity card with the sync status and credential counts of the entity's VCF environment.
 * @public
 */
export const EntityVcfEnvironmentCard = vcfPlugin.provide(
  createComponentExtension({
    name: 'EntityVcfEnvironmentCard',
    component: {
      lazy: () =>
        import('./components/EntityVcfEnvironmentCard').then(
          m => m.EntityVcfEnvironmentCard,
        ),
    },
  }),
);

/**
 * Entity card with the vSphere VMs and ESXi hosts an entity's annotations name.
 * @public
 */
export const EntityVsphereResourcesCard = vcfPlugin.provide(
  createComponentExtension({
    name: 'EntityVsphereResourcesCard',
    component: {
      lazy: () =>
        import('./components/EntityVsphereResourcesCard').then(
          m => m.EntityVsphereResourcesCard,
        ),
    },
  }),
);
