import {
  renderInTestApp,
  type TestApiPairs,
} from '@backstage/frontend-test-utils';
import { VcfRouter } from '../components/VcfRouter';
import { rootRouteRef } from '../routes';

/** Renders the VCF page, mounted at `/vcf`, at `path` (e.g. `/vcf/vcenters`). */
export function renderVcfPage(
  path: string,
  apis: readonly [...TestApiPairs<any[]>],
) {
  return renderInTestApp(<VcfRouter />, {
    mountPath: '/vcf',
    mountedRoutes: { '/vcf': rootRouteRef },
    initialRouteEntries: [path],
    apis,
  });
}
