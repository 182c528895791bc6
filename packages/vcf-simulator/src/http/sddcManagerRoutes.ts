import type { PageOf } from '../data/apiTypes';
import { toApplianceInfo } from '../data/inventoryViews';
import { credentialOperationRoutes } from './credentialOperationRoutes';
import { filterCredentials } from './credentialFilter';
import { paginate, parsePageRequest, truncatePage } from './paging';
import type { ApiRequest, RouteContext, SpecRoute } from './SpecRoute';
import { tokenRoutes } from './tokenRoutes';
import { vcfError } from './vcfError';

/** Lists that SDDC Manager returns whole, in one page. */
function onePage<T>(elements: T[]): PageOf<T> {
  return paginate(elements, { pageNumber: 0, pageSize: 0 });
}

function listCredentials(request: ApiRequest, context: RouteContext) {
  const pageRequest = parsePageRequest(request.query);
  if (!pageRequest) {
    return vcfError(
      400,
      'INVALID_PAGE_PARAMETERS',
      'pageNumber and pageSize must be non-negative integers',
    );
  }
  const matching = filterCredentials(
    context.environment.credentials,
    request.query,
  );
  return {
    status: 200,
    body: truncatePage(
      paginate(matching, pageRequest),
      context.faults.truncatedPage,
    ),
  };
}

function getCredential(request: ApiRequest, context: RouteContext) {
  const credential = context.environment.findCredential(request.params.id);
  return credential
    ? { status: 200, body: credential }
    : vcfError(
        404,
        'CREDENTIAL_NOT_FOUND',
        `Credential ${request.params.id} not found`,
      );
}

function listVcenters(request: ApiRequest, context: RouteContext) {
  const { domainId } = request.query;
  const vcenters = context.environment.vcenters.filter(
    v => !domainId || v.domain.id === domainId,
  );
  return { status: 200, body: onePage(vcenters) };
}

function getVcenter(request: ApiRequest, context: RouteContext) {
  const vcenter = context.environment.vcenters.find(
    v => v.id === request.params.id,
  );
  return vcenter
    ? { status: 200, body: vcenter }
    : vcfError(
        404,
        'VCENTER_NOT_FOUND',
        `vCenter ${request.params.id} not found`,
      );
}

function listDomains(request: ApiRequest, context: RouteContext) {
  const types = request.query.type?.split(',').map(t => t.trim().toUpperCase());
  const domains = context.environment.domains.filter(
    d => !types || types.includes(d.type),
  );
  return { status: 200, body: onePage(domains) };
}

function getDomain(request: ApiRequest, context: RouteContext) {
  const domain = context.environment.domains.find(
    d => d.id === request.params.id,
  );
  return domain
    ? { status: 200, body: domain }
    : vcfError(
        404,
        'DOMAIN_NOT_FOUND',
        `Domain ${request.params.id} not found`,
      );
}

/**
 * The SDDC Manager operations the simulator serves: tokens, credentials,
 * vCenters, domains, SDDC Managers and (VCF 9 only, as in the specs) the
 * appliance info.
 */
export const sddcManagerRoutes: SpecRoute[] = [
  ...tokenRoutes,
  { method: 'get', path: '/v1/credentials', handle: listCredentials },
  { method: 'get', path: '/v1/credentials/{id}', handle: getCredential },
  ...credentialOperationRoutes,
  { method: 'get', path: '/v1/vcenters', handle: listVcenters },
  { method: 'get', path: '/v1/vcenters/{id}', handle: getVcenter },
  { method: 'get', path: '/v1/domains', handle: listDomains },
  { method: 'get', path: '/v1/domains/{id}', handle: getDomain },
  {
    method: 'get',
    path: '/v1/sddc-managers',
    handle: (_request, context) => ({
      status: 200,
      body: onePage(context.environment.sddcManagers),
    }),
  },
  {
    method: 'get',
    path: '/v1/system/appliance-info',
    flavors: ['vcf9'],
    handle: (_request, context) => ({
      status: 200,
      body: toApplianceInfo(context.environment.topology, 'SddcManager'),
    }),
  },
];
