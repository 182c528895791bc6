import Router from 'express-promise-router';
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import type { EnvironmentStore } from '../environments/EnvironmentStore';

/**
 * What the catalog module reads to build entities: names, titles, owners and links. Never a username, password
 * or endpoint credential.
 * @public
 */
export interface VcfCatalogSnapshot {
  environments: Array<{ id: string; title: string; description?: string; owner?: string }>;
}

/**
 * `GET /catalog-snapshot`, for backend services only (the catalog module calls it with a service token).
 * @internal
 */
export function createCatalogSnapshotRoutes(options: {
  httpAuth: HttpAuthService;
  environments: EnvironmentStore;
}) {
  const router = Router();
  router.get('/catalog-snapshot', async (req, res) => {
    await options.httpAuth.credentials(req, { allow: ['service'] });
    const environments = await options.environments.list();
    const snapshot: VcfCatalogSnapshot = {
      environments: environments.map(e => ({
        id: e.id,
        title: e.title,
        description: e.description,
        owner: e.owner,
      })),
    };
    res.json(snapshot);
  });
  return router;
}
