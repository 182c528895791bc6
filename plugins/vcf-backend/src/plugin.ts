import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  createConditionAuthorizer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import {
  vcfAuditReadPermission,
  vcfCredentialExportPermission,
  vcfCredentialReadPermission,
  vcfCredentialRevealPermission,
  vcfEnvironmentCreatePermission,
  vcfEnvironmentDeletePermission,
  vcfEnvironmentReadPermission,
  vcfEnvironmentUpdatePermission,
  vcfInventoryReadPermission,
  vcfSyncTriggerPermission,
  vcfVcenterManagePermission,
} from '@vcf-backstage/plugin-vcf-common';
import { SecretCipher } from './crypto/SecretCipher';
import { openVcfDatabase } from './database/VcfDatabase';
import { checkStoredSecretKeys } from './crypto/checkStoredSecretKeys';
import {
  readEnvironmentsFromConfig,
  readSyncSettings,
  readVcentersFromConfig,
} from './config/readVcfConfig';
import { DatabaseEnvironmentStore } from './environments/DatabaseEnvironmentStore';
import { EnvironmentService } from './environments/EnvironmentService';
import { DatabaseCredentialStore } from './credentials/DatabaseCredentialStore';
import { CredentialSyncRunner } from './credentials/CredentialSyncRunner';
import { DatabaseSyncTargetStore } from './sync/DatabaseSyncTargetStore';
import { SyncDispatcher } from './sync/SyncDispatcher';
import { DatabaseInventoryStore } from './inventory/DatabaseInventoryStore';
import { InventorySyncRunner } from './inventory/InventorySyncRunner';
import { DatabaseVcenterStore } from './vcenters/DatabaseVcenterStore';
import { VcenterDiscovery } from './vcenters/VcenterDiscovery';
import { VcenterService } from './vcenters/VcenterService';
import { DatabaseAuditStore } from './audit/DatabaseAuditStore';
import { VcfAuditLog } from './audit/VcfAuditLog';
import { vcfCredentialResourceRef, vcfEnvironmentResourceRef } from './permissions/resourceRefs';
import { vcfCredentialRules, vcfEnvironmentRules } from './permissions/rules';
import { createRouter } from './service/createRouter';

/**
 * The VCF backend plugin: syncs credentials from SDDC Manager and the VCF Installer (and vSphere inventory) into
 * the Backstage database and serves them under `/api/vcf`, guarded by the permission framework and audited.
 * @public
 */
export const vcfPlugin = createBackendPlugin({
  pluginId: 'vcf',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        lifecycle: coreServices.lifecycle,
      },
      async init({
        config,
        logger,
        database,
        scheduler,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        auditor,
        lifecycle,
      }) {
        const cipher = SecretCipher.fromConfig(config);
        const db = await openVcfDatabase(database, { lifecycle });
        await checkStoredSecretKeys(db, cipher);
        const syncSettings = readSyncSettings(config);

        const environments = new DatabaseEnvironmentStore(db, cipher);
        const credentials = new DatabaseCredentialStore(db, cipher);
        const syncTargets = new DatabaseSyncTargetStore(db);
        const auditStore = DatabaseAuditStore.create({ db });
        const audit = new VcfAuditLog(auditor, auditStore);
        const environmentService = new EnvironmentService({
          environments,
          credentials,
          syncTargets,
          logger,
        });
        const vcenters = new DatabaseVcenterStore(db, cipher);
        const inventory = new DatabaseInventoryStore(db);
        const vcenterService = new VcenterService({
          vcenters,
          inventory,
          environments,
          credentials,
          syncTargets,
          discovery: new VcenterDiscovery({ environments, credentials, logger }),
          logger,
        });

        permissionsRegistry.addResourceType({
          resourceRef: vcfCredentialResourceRef,
          permissions: [
            vcfCredentialReadPermission,
            vcfCredentialRevealPermission,
            vcfCredentialExportPermission,
          ],
          rules: Object.values(vcfCredentialRules),
          getResources: ids => credentials.getMany(ids),
        });
        permissionsRegistry.addResourceType({
          resourceRef: vcfEnvironmentResourceRef,
          permissions: [
            vcfEnvironmentReadPermission,
            vcfEnvironmentUpdatePermission,
            vcfEnvironmentDeletePermission,
            vcfSyncTriggerPermission,
          ],
          rules: Object.values(vcfEnvironmentRules),
          getResources: async ids => {
            const found = await environments.list({ field: 'environmentId', values: ids });
            return ids.map(id => found.find(e => e.id === id));
          },
        });
        permissionsRegistry.addPermissions([
          vcfEnvironmentCreatePermission,
          vcfInventoryReadPermission,
          vcfVcenterManagePermission,
          vcfAuditReadPermission,
        ]);

        await environmentService.applyConfig(readEnvironmentsFromConfig(config));
        await vcenterService.applyConfig(readVcentersFromConfig(config));

        const dispatcher = new SyncDispatcher({
          store: syncTargets,
          runners: [
            new CredentialSyncRunner({ environments, credentials }),
            new InventorySyncRunner({ connections: vcenterService, vcenters, inventory }),
          ],
          logger,
          concurrency: syncSettings.concurrency,
          leaseSeconds: syncSettings.leaseSeconds,
          instanceId: syncSettings.instanceId,
          // Discovers an environment's vCenters after its SDDC Manager credentials were synced.
          onRunFinished: run => vcenterService.afterSyncRun(run),
        });
        await dispatcher.interruptEarlierRuns();
        if (syncSettings.runOnStartup) await syncTargets.requestAllRuns();
        await scheduler.scheduleTask({
          id: 'vcf-sync-dispatcher',
          scope: 'local',
          frequency: { seconds: 15 },
          timeout: { hours: 2 },
          initialDelay: { seconds: 1 },
          fn: () => dispatcher.runDueTargets(),
        });

        httpRouter.use(
          createRouter({
            logger,
            httpAuth,
            permissions,
            environmentService,
            environments,
            credentials,
            syncTargets,
            auditStore,
            audit,
            environmentFilter: createConditionTransformer(
              permissionsRegistry.getPermissionRuleset(vcfEnvironmentResourceRef),
            ),
            credentialFilter: createConditionTransformer(
              permissionsRegistry.getPermissionRuleset(vcfCredentialResourceRef),
            ),
            isCredentialAllowed: createConditionAuthorizer(
              permissionsRegistry.getPermissionRuleset(vcfCredentialResourceRef),
            ),
            onSyncRequested: () => {
              dispatcher.runDueTargets().catch(error =>
                logger.error('Sync dispatcher failed', { error: String(error) }),
              );
            },
            inventory: { vcenterService, vcenters, inventory },
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
