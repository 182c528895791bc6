import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The VCF page (`/vcf` by default). Every other VCF view is a path under it.
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'vcf' });
