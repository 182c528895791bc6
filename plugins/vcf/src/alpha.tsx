import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { SearchResultListItemBlueprint } from '@backstage/plugin-search-react/alpha';
import CloudIcon from '@material-ui/icons/Cloud';
import { VCF_SEARCH_TYPES } from '@vcf-backstage/plugin-vcf-common';
import { VcfClient, vcfApiRef } from './api';
import {
  isVcfEntityContentAvailable,
  isVcfEnvironmentCardAvailable,
  isVsphereResourceAvailable,
} from './conditions';
import { rootRouteRef } from './routes';

/**
 * The VCF API client (`vcfApiRef`) over the `vcf` backend.
 * @alpha
 */
export const vcfApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: vcfApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new VcfClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The VCF page at `/vcf`, with its item in the app navigation.
 * @alpha
 */
export const vcfPage = PageBlueprint.make({
  params: {
    path: '/vcf',
    title: 'VCF',
    icon: <CloudIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () => import('./components/VcfRouter').then(m => <m.VcfRouter />),
  },
});

/**
 * The "VCF" tab: on environments (and entities annotated with one) the environment, its credentials and
 * inventory; on a vCenter its summary, on a cluster its hosts, on an ESXi host its credentials.
 * @alpha
 */
export const vcfEntityContent = EntityContentBlueprint.make({
  params: {
    path: 'vcf',
    title: 'VCF',
    filter: isVcfEntityContentAvailable,
    loader: () =>
      import('./components/EntityVcfEnvironmentContent').then(m => (
        <m.EntityVcfEnvironmentContent />
      )),
  },
});

/**
 * The environment card (status, "Sync now") on environment entities and entities annotated with
 * `vcf-backstage.io/environment`, not on the vCenters, clusters and hosts inside an environment.
 * @alpha
 */
export const vcfEnvironmentEntityCard = EntityCardBlueprint.make({
  name: 'environment',
  params: {
    filter: isVcfEnvironmentCardAvailable,
    loader: () =>
      import('./components/EntityVcfEnvironmentCard').then(m => (
        <m.EntityVcfEnvironmentCard />
      )),
  },
});

/**
 * The vSphere card on entities with `vcf-backstage.io/vsphere-vms` or
 * `vcf-backstage.io/vsphere-hosts`.
 * @alpha
 */
export const vsphereResourcesEntityCard = EntityCardBlueprint.make({
  name: 'vsphere-resources',
  params: {
    // Full width: its tables have too many columns for a half-width info card.
    type: 'content',
    filter: isVsphereResourceAvailable,
    loader: () =>
      import('./components/EntityVsphereResourcesCard').then(m => (
        <m.EntityVsphereResourcesCard />
      )),
  },
});

/**
 * How the search page lists VCF environments and vSphere objects (documents of the VCF search collators).
 * @alpha
 */
export const vcfSearchResultListItem = SearchResultListItemBlueprint.make({
  params: {
    predicate: result =>
      result.type === VCF_SEARCH_TYPES.environment ||
      result.type === VCF_SEARCH_TYPES.inventory,
    icon: <CloudIcon />,
    component: () =>
      import('./components/VcfSearchResultListItem').then(
        m => m.VcfSearchResultListItem,
      ),
  },
});

/**
 * The VCF plugin for the new frontend system.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'vcf',
  title: 'VCF',
  icon: <CloudIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: rootRouteRef,
  },
  extensions: [
    vcfApi,
    vcfPage,
    vcfEntityContent,
    vcfEnvironmentEntityCard,
    vsphereResourcesEntityCard,
    vcfSearchResultListItem,
  ],
});

export {
  isVcfEntityContentAvailable,
  isVcfEnvironmentAvailable,
  isVcfEnvironmentCardAvailable,
  isVsphereResourceAvailable,
} from './conditions';
