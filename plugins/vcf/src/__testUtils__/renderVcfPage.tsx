import {
  renderInTestApp,
  type TestApiPairs,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { SWRConfig } from 'swr';
import { VcfRouter } from '../components/VcfRouter';
import { rootRouteRef } from '../routes';

/**
 * Renders the VCF page, mounted at `/vcf`, at `path` (e.g. `/vcf/vcenters`), in an app that has the catalog's
 * entity pages (owners link to them). `usePermission` keeps its decisions in SWR's cache; each render gets its own
 * cache, so a decision mocked in one test never answers for the next one.
 */
export function renderVcfPage(
  path: string,
  apis: readonly [...TestApiPairs<any[]>],
) {
  return renderInTestApp(
    <SWRConfig value={{ provider: () => new Map() }}>
      <VcfRouter />
    </SWRConfig>,
    {
      mountPath: '/vcf',
      mountedRoutes: {
        '/vcf': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
      initialRouteEntries: [path],
      apis,
    },
  );
}
