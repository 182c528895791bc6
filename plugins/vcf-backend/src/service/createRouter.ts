import express from 'express';
import Router from 'express-promise-router';
import type {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { PolicyDecision } from '@backstage/plugin-permission-common';
import type { ConditionTransformer } from '@backstage/plugin-permission-node';
import type { EnvironmentService } from '../environments/EnvironmentService';
import type { CredentialStore } from '../credentials/CredentialStore';
import type { SyncTargetStore } from '../sync/SyncTargetStore';
import type { AuditStore } from '../audit/AuditStore';
import type { VcfAuditLog } from '../audit/VcfAuditLog';
import type { VcfQueryFilter } from '../permissions/VcfQueryFilter';
import type { CredentialResource } from '../permissions/resourceRefs';
import { createEnvironmentRoutes } from './environmentRoutes';
import { createCredentialRoutes } from './credentialRoutes';
import { createAuditRoutes } from './auditRoutes';
import { createCatalogSnapshotRoutes } from './catalogSnapshotRoutes';
import type { EnvironmentStore } from '../environments/EnvironmentStore';
import type { InventoryStore } from '../inventory/InventoryStore';
import type { VcenterService } from '../vcenters/VcenterService';
import type { VcenterDiscoveryService } from '../vcenters/VcenterDiscoveryService';
import type { VcenterStore } from '../vcenters/VcenterStore';
import { createVcenterRoutes } from './vcenterRoutes';
import { createInventoryRoutes } from './inventoryRoutes';
import {
  createCredentialLifecycleRoutes,
  type CredentialLifecycleRouterOptions,
} from './credentialLifecycleRoutes';
import { createSearchSourceRoutes } from './searchSourceRoutes';
import { createErrorHandler } from './errorHandler';
import type { EnvironmentVisibilityOptions } from './environmentAccess';

/**
 * What the `/vcenters` and `/inventory` routes need.
 * @internal
 */
export interface VcfInventoryRouterOptions {
  vcenterService: VcenterService;
  /** Removes the discovered vCenters of an environment when it is deleted. */
  vcenterDiscovery?: VcenterDiscoveryService;
  vcenters: VcenterStore;
  inventory: InventoryStore;
}

/**
 * Everything the `/api/vcf` router needs.
 * @internal
 */
export interface VcfRouterOptions {
  /** Where errors the routes did not mean to answer with are logged (their detail never reaches a response). */
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  environmentService: EnvironmentService;
  environments: EnvironmentStore;
  credentials: CredentialStore;
  syncTargets: SyncTargetStore;
  auditStore: AuditStore;
  audit: VcfAuditLog;
  environmentFilter: ConditionTransformer<VcfQueryFilter>;
  credentialFilter: ConditionTransformer<VcfQueryFilter>;
  /** The environment rules applied to one stored environment (`createConditionAuthorizer`). */
  isEnvironmentAllowed: EnvironmentVisibilityOptions['isEnvironmentAllowed'];
  isCredentialAllowed: (
    decision: PolicyDecision,
    credential: CredentialResource,
  ) => boolean;
  /** Called after a sync was requested, to start the dispatcher now rather than at its next tick. */
  onSyncRequested: () => void;
  /** vCenters and their inventory: `/vcenters`, `/inventory/*` and the vSphere part of the catalog snapshot. */
  inventory?: VcfInventoryRouterOptions;
  /** Rotate, update, remediate, policies, expiry checks and their tasks (`/credential-tasks`); rotate-after-reveal. */
  credentialLifecycle?: CredentialLifecycleRouterOptions;
  /** Further routes mounted on the same router. */
  extraRoutes?: express.Router[];
}

/**
 * The `/api/vcf` router. `GET /health` is open (the plugin adds an auth policy for it); everything else needs a
 * signed-in user and checks the permission framework. Errors are answered by the router's own error handler:
 * 4xx with their message, anything unexpected as a 500 with a log id, never with a stack or a SQL statement.
 * @internal
 */
export function createRouter(options: VcfRouterOptions): express.Router {
  const router = Router();
  router.use(express.json({ limit: '1mb' }));
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const vcenterDiscovery = options.inventory?.vcenterDiscovery;
  router.use(
    createEnvironmentRoutes({
      ...options,
      afterEnvironmentDeleted: vcenterDiscovery
        ? () => vcenterDiscovery.pruneDiscovered()
        : undefined,
    }),
  );
  router.use(
    createCredentialRoutes({
      ...options,
      onCredentialRevealed: options.credentialLifecycle
        ? (credential, actor) =>
            options.credentialLifecycle!.lifecycle.noteReveal(credential, actor)
        : undefined,
    }),
  );
  router.use(createAuditRoutes(options));
  router.use(createCatalogSnapshotRoutes(options));
  router.use(createSearchSourceRoutes(options));
  if (options.inventory) {
    router.use(
      createVcenterRoutes({
        ...options,
        vcenterService: options.inventory.vcenterService,
      }),
    );
    router.use(createInventoryRoutes({ ...options, ...options.inventory }));
  }
  if (options.credentialLifecycle) {
    router.use(
      createCredentialLifecycleRoutes({
        ...options,
        credentialLifecycle: options.credentialLifecycle,
      }),
    );
  }
  for (const extra of options.extraRoutes ?? []) router.use(extra);
  router.use(createErrorHandler(options.logger));
  return router;
}
