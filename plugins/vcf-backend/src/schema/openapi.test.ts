import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { createRouter } from '../service/createRouter';

/** Every (method, path) the router serves, with express `:param` written as OpenAPI `{param}`. */
function servedRoutes(router: any, prefix = ''): string[] {
  const routes: string[] = [];
  for (const layer of router.stack ?? []) {
    if (layer.route) {
      const path = `${prefix}${layer.route.path}`.replace(
        /:([A-Za-z]+)/g,
        '{$1}',
      );
      for (const method of Object.keys(layer.route.methods))
        routes.push(`${method.toUpperCase()} ${path}`);
    } else if (layer.handle?.stack) {
      routes.push(...servedRoutes(layer.handle, prefix));
    }
  }
  return routes;
}

describe('the OpenAPI document of /api/vcf', () => {
  const document = parse(readFileSync(join(__dirname, 'openapi.yaml'), 'utf8'));
  const documented = Object.entries(
    document.paths as Record<string, Record<string, unknown>>,
  ).flatMap(([path, item]) =>
    Object.keys(item)
      .filter(key => ['get', 'post', 'put', 'patch', 'delete'].includes(key))
      .map(method => `${method.toUpperCase()} ${path}`),
  );
  const stub = {} as any;
  const served = servedRoutes(
    createRouter({
      logger: stub,
      httpAuth: stub,
      permissions: stub,
      environmentService: stub,
      environments: stub,
      credentials: stub,
      syncTargets: stub,
      auditStore: stub,
      audit: stub,
      environmentFilter: stub,
      credentialFilter: stub,
      isEnvironmentAllowed: stub,
      isCredentialAllowed: stub,
      onSyncRequested: stub,
      inventory: { vcenterService: stub, vcenters: stub, inventory: stub },
      credentialLifecycle: { lifecycle: stub, tasks: stub },
    }),
  );

  it('documents every route the router serves, and no route it does not', () => {
    expect(served.length).toBeGreaterThan(20);
    expect([...new Set(served)].sort()).toEqual(
      [...new Set(documented)].sort(),
    );
  });

  it('gives every operation an operationId and an error response', () => {
    const problems: string[] = [];
    for (const [path, item] of Object.entries(
      document.paths as Record<string, Record<string, any>>,
    )) {
      for (const [method, operation] of Object.entries(item)) {
        if (method === 'parameters') continue;
        if (typeof operation.operationId !== 'string')
          problems.push(`${method} ${path}: no operationId`);
        if (path !== '/health' && !operation.responses?.default)
          problems.push(`${method} ${path}: no error response`);
      }
    }
    expect(problems).toEqual([]);
  });
});
