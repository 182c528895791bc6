import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  createConditionAuthorizer,
  createConditionTransformer,
} from '@backstage/plugin-permission-node';
import {
  vcfAuditReadPermission,
  vcfCredentialExportPermission,
  vcfCredentialReadPermission,
  vcfCredentialRevealPermission,
  vcfCredentialRotatePermission,
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
  readInventoryChangeRetentionDays,
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
import { VcenterDiscoveryService } from './vcenters/VcenterDiscoveryService';
import { DatabaseAuditStore } from './audit/DatabaseAuditStore';
import { VcfAuditLog } from './audit/VcfAuditLog';
import {
  vcfCredentialResourceRef,
  vcfEnvironmentResourceRef,
} from './permissions/resourceRefs';
import { vcfCredentialRules, vcfEnvironmentRules } from './permissions/rules';
import { DecisionCachingPermissionsService } from './permissions/DecisionCachingPermissionsService';
import { createRouter } from './service/createRouter';
import { NotificationLedger } from './notifications/NotificationLedger';
import { readNotificationSettings } from './notifications/notificationSettings';
import { VcfNotifier } from './notifications/VcfNotifier';
import { registerVcfActions } from './actions/registerVcfActions';
import { DatabaseCredentialTaskStore } from './lifecycle/DatabaseCredentialTaskStore';
import { CredentialLifecycleService } from './lifecycle/CredentialLifecycleService';

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
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
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
        notifications,
        actionsRegistry,
        lifecycle,
      }) {
        const cipher = SecretCipher.fromConfig(config);
        // Lists and reads reuse a user's decisions for a moment (vcf.permissions.decisionCacheSeconds).
        const routePermissions = DecisionCachingPermissionsService.fromConfig(
          config,
          permissions,
        );
        const db = await openVcfDatabase(database, { lifecycle });
        await checkStoredSecretKeys(db, cipher);
        const syncSettings = readSyncSettings(config);

        const environments = DatabaseEnvironmentStore.create({
          db,
          cipher,
        });
        const credentials = DatabaseCredentialStore.create({
          db,
          cipher,
        });
        const syncTargets = DatabaseSyncTargetStore.create({ db });
        const auditStore = DatabaseAuditStore.create({ db });
        const audit = new VcfAuditLog(auditor, auditStore);
        const environmentService = new EnvironmentService({
          environments,
          credentials,
          syncTargets,
          logger,
        });
        const vcenters = DatabaseVcenterStore.create({
          db,
          cipher,
        });
        const inventory = DatabaseInventoryStore.create({
          db,
          changeRetentionDays: readInventoryChangeRetentionDays(config),
        });
        const vcenterService = new VcenterService({
          vcenters,
          inventory,
          environments,
          credentials,
          syncTargets,
          logger,
        });
        const vcenterDiscovery = new VcenterDiscoveryService({
          vcenters,
          environments,
          syncTargets,
          discovery: new VcenterDiscovery({
            environments,
            credentials,
            logger,
          }),
          logger,
        });

        permissionsRegistry.addResourceType({
          resourceRef: vcfCredentialResourceRef,
          permissions: [
            vcfCredentialReadPermission,
            vcfCredentialRevealPermission,
            vcfCredentialExportPermission,
            vcfCredentialRotatePermission,
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
            const found = await environments.list({
              field: 'environmentId',
              values: ids,
            });
            return ids.map(id => found.find(e => e.id === id));
          },
        });
        permissionsRegistry.addPermissions([
          vcfEnvironmentCreatePermission,
          vcfInventoryReadPermission,
          vcfVcenterManagePermission,
          vcfAuditReadPermission,
        ]);

        await environmentService.applyConfig(
          readEnvironmentsFromConfig(config),
        );
        // Discovered vCenters of environments that left the config go first, so no target is declared for them.
        await vcenterDiscovery.pruneDiscovered();
        await vcenterService.applyConfig(readVcentersFromConfig(config));

        const notifier = new VcfNotifier({
          notifications,
          ledger: NotificationLedger.create({ db }),
          settings: readNotificationSettings(config),
          syncTargets,
          environments,
          vcenters,
          credentials,
          logger,
        });

        const dispatcher = new SyncDispatcher({
          store: syncTargets,
          runners: [
            new CredentialSyncRunner({
              environments,
              credentials,
              clientSettings: {
                sddcManagerPageSize: syncSettings.sddcManagerPageSize,
              },
            }),
            new InventorySyncRunner({
              connections: vcenterService,
              vcenters,
              inventory,
            }),
          ],
          logger,
          concurrency: syncSettings.concurrency,
          leaseSeconds: syncSettings.leaseSeconds,
          instanceId: syncSettings.instanceId,
          // Discovers an environment's vCenters after its SDDC Manager credentials were synced.
          onRunFinished: async run => {
            // Shows the new counts and status in the environment list at once.
            environmentService.forgetCachedStatus();
            await vcenterDiscovery.afterSyncRun(run);
            // Tells the owner when a target keeps failing, and when it recovers.
            await notifier.afterSyncRun(run).catch(error =>
              logger.warn('Could not check the sync notices', {
                target: run.target.id,
                error: String(error),
              }),
            );
          },
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

        await scheduler.scheduleTask({
          id: 'vcf-credential-expiry-digest',
          scope: 'global',
          frequency: { hours: 1 },
          timeout: { minutes: 10 },
          initialDelay: { minutes: 1 },
          // Hourly, so a backend that was down at the digest hour still sends it; the ledger keeps it once a day.
          fn: async () => {
            await notifier.sendExpiryDigests();
          },
        });

        const environmentRules = permissionsRegistry.getPermissionRuleset(
          vcfEnvironmentResourceRef,
        );
        const environmentFilter = createConditionTransformer(environmentRules);
        const isEnvironmentAllowed =
          createConditionAuthorizer(environmentRules);
        const credentialFilter = createConditionTransformer(
          permissionsRegistry.getPermissionRuleset(vcfCredentialResourceRef),
        );
        const onSyncRequested = () => {
          dispatcher
            .runDueTargets()
            .catch(error =>
              logger.error('Sync dispatcher failed', { error: String(error) }),
            );
        };

        registerVcfActions({
          actionsRegistry,
          permissions: routePermissions,
          environmentService,
          environments,
          credentials,
          syncTargets,
          audit,
          inventory,
          vcenterService,
          environmentFilter,
          credentialFilter,
          isEnvironmentAllowed,
          onSyncRequested,
        });

        const credentialTasks = DatabaseCredentialTaskStore.create({
          db,
          cipher,
        });
        const credentialLifecycle = new CredentialLifecycleService({
          environments,
          credentials,
          tasks: credentialTasks,
          syncTargets,
          logger,
          owner: dispatcher.owner,
          // A successful task made the environment's SDDC Manager credentials due: sync them now.
          onSyncRequested,
          // Tells whoever started a task how it ended (once, through the notification ledger).
          onTaskFinished: task => notifier.taskFinished(task),
        });
        // Every instance polls; the leases in credential_tasks and credential_rotation_schedules share the work.
        await scheduler.scheduleTask({
          id: 'vcf-credential-tasks',
          scope: 'local',
          frequency: { seconds: 5 },
          timeout: { minutes: 5 },
          initialDelay: { seconds: 3 },
          fn: async () => {
            await credentialLifecycle.pollDueTasks();
            await credentialLifecycle.runDueRotations();
          },
        });

        httpRouter.use(
          createRouter({
            logger,
            httpAuth,
            permissions: routePermissions,
            environmentService,
            environments,
            credentials,
            syncTargets,
            auditStore,
            audit,
            environmentFilter,
            credentialFilter,
            isEnvironmentAllowed,
            isCredentialAllowed: createConditionAuthorizer(
              permissionsRegistry.getPermissionRuleset(
                vcfCredentialResourceRef,
              ),
            ),
            onSyncRequested,
            inventory: {
              vcenterService,
              vcenterDiscovery,
              vcenters,
              inventory,
            },
            credentialLifecycle: {
              lifecycle: credentialLifecycle,
              tasks: credentialTasks,
            },
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
