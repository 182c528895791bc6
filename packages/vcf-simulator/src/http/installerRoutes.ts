import { toApplianceInfo } from '../data/inventoryViews';
import { paginate } from './paging';
import type { ApiRequest, RouteContext, SpecRoute } from './SpecRoute';
import { tokenRoutes } from './tokenRoutes';
import { vcfError } from './vcfError';

function findTask(request: ApiRequest, context: RouteContext) {
  const task = context.environment.sddcTask;
  return task.id === request.params.id ? task : undefined;
}

function taskNotFound(request: ApiRequest) {
  return vcfError(
    404,
    'SDDC_TASK_NOT_FOUND',
    `SDDC task ${request.params.id} not found`,
  );
}

/**
 * The VCF Installer operations the simulator serves: tokens, the deployment
 * tasks and the deployment spec of a task, and (VCF 9) the appliance info.
 * Under the `vcf5.2` flavor the same paths imitate Cloud Builder; the real one
 * has no `/v1/sddcs/{id}/spec`, which is served anyway so that clients can be
 * tested with the VCF 5.2 field names.
 */
export const installerRoutes: SpecRoute[] = [
  ...tokenRoutes,
  {
    method: 'get',
    path: '/v1/sddcs',
    handle: (_request, context) => ({
      status: 200,
      body: paginate([context.environment.sddcTask], {
        pageNumber: 0,
        pageSize: 0,
      }),
    }),
  },
  {
    method: 'get',
    path: '/v1/sddcs/{id}',
    handle: (request, context) => {
      const task = findTask(request, context);
      return task ? { status: 200, body: task } : taskNotFound(request);
    },
  },
  {
    method: 'get',
    path: '/v1/sddcs/{id}/spec',
    handle: (request, context) =>
      findTask(request, context)
        ? { status: 200, body: context.environment.sddcSpec }
        : taskNotFound(request),
  },
  {
    method: 'get',
    path: '/v1/system/appliance-info',
    flavors: ['vcf9'],
    handle: (_request, context) => ({
      status: 200,
      body: toApplianceInfo(context.environment.topology, 'VcfInstaller'),
    }),
  },
];
