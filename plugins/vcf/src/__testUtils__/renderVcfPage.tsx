import {
  renderInTestApp,
  type TestApiPairs,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { VcfRouter } from '../components/VcfRouter';
import { rootRouteRef } from '../routes';

/**
 * Renders the VCF page, mounted at `/vcf`, at `path` (e.g. `/vcf/vcenters`), in an app that has the catalog's
 * entity pages (owners link to them).
 */
export function renderVcfPage(
  path: string,
  apis: readonly [...TestApiPairs<any[]>],
) {
  return renderInTestApp(<VcfRouter />, {
    mountPath: '/vcf',
    mountedRoutes: {
      '/vcf': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
    initialRouteEntries: [path],
    apis,
  });
}
