import type { PermissionsService } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError, NotFoundError } from '@backstage/errors';
import type { ConditionTransformer } from '@backstage/plugin-permission-node';
import {
  INVENTORY_CHANGE_KINDS,
  INVENTORY_KINDS,
  INVENTORY_ROW_ID_PATTERN,
  vcfInventoryReadPermission,
  vcfPagePaths,
  type CredentialSummary,
  type InventoryChangeKind,
  type InventoryDetailKind,
  type InventoryKind,
  type SyncTargetStatus,
  type VcfEnvironment,
} from '@vcf-backstage/plugin-vcf-common';
import type { VcfAuditLog } from '../audit/VcfAuditLog';
import type { CredentialStore } from '../credentials/CredentialStore';
import type { EnvironmentService } from '../environments/EnvironmentService';
import type { EnvironmentStore } from '../environments/EnvironmentStore';
import {
  isDetailKind,
  readInventoryDetailById,
} from '../inventory/inventoryDetail';
import type { InventoryStore } from '../inventory/InventoryStore';
import type { VcfQueryFilter } from '../permissions/VcfQueryFilter';
import { readableCredentialFilter } from '../service/credentialAccess';
import {
  listReadableEnvironments,
  requireReadableEnvironment,
  triggerEnvironmentSync,
  type EnvironmentVisibilityOptions,
} from '../service/environmentAccess';
import { RouteContext } from '../service/routeContext';
import type { SyncTargetStore } from '../sync/SyncTargetStore';
import type { VcenterService } from '../vcenters/VcenterService';

/**
 * What the VCF actions read and do: the same services, stores and permission checks as the HTTP routes.
 * @internal
 */
export interface VcfActionsOptions {
  actionsRegistry: ActionsRegistryService;
  permissions: PermissionsService;
  environmentService: EnvironmentService;
  environments: EnvironmentStore;
  credentials: CredentialStore;
  syncTargets: SyncTargetStore;
  inventory: InventoryStore;
  vcenterService: VcenterService;
  audit: VcfAuditLog;
  environmentFilter: ConditionTransformer<VcfQueryFilter>;
  credentialFilter: ConditionTransformer<VcfQueryFilter>;
  /** The environment rules applied to one stored environment (`createConditionAuthorizer`). */
  isEnvironmentAllowed: EnvironmentVisibilityOptions['isEnvironmentAllowed'];
  onSyncRequested: () => void;
}

/** What an answer tells about an environment: never an endpoint's username or password. */
function environmentOverview(environment: VcfEnvironment) {
  return {
    id: environment.id,
    title: environment.title,
    description: environment.description,
    owner: environment.owner,
    managedBy: environment.managedBy,
    sources: Object.keys(environment.sync),
    sync: Object.values(environment.sync).map(syncStatus),
    credentialCounts: environment.credentialCounts,
    link: vcfPagePaths.environment(environment.id),
  };
}

function syncStatus(status: SyncTargetStatus | undefined) {
  return {
    targetId: status?.targetId ?? '',
    status: status?.status ?? 'never',
    lastStartedAt: status?.lastStartedAt,
    lastSucceededAt: status?.lastSucceededAt,
    lastError: status?.lastError,
    nextRunAt: status?.nextRunAt,
  };
}

/** A credential's metadata; the row type has no password, and this lists its fields one by one anyway. */
function credentialMetadata(credential: CredentialSummary) {
  return {
    id: credential.id,
    environmentId: credential.environmentId,
    source: credential.source,
    resourceName: credential.resourceName,
    resourceIp: credential.resourceIp,
    resourceType: credential.resourceType,
    domainName: credential.domainName,
    username: credential.username,
    credentialType: credential.credentialType,
    accountType: credential.accountType,
    expiryStatus: credential.expiryStatus,
    expiryDate: credential.expiryDate,
    passwordChangedAt: credential.passwordChangedAt,
    lastSeenAt: credential.lastSeenAt,
  };
}

/** A row as a plain JSON object, for the passthrough output schemas. */
function plain<T extends object>(row: T): Record<string, unknown> & T {
  return row as Record<string, unknown> & T;
}

/** At most this many same-named objects are answered in full by `get-vm` / `get-host`. */
const NAME_MATCH_LIMIT = 10;

const SEARCHABLE_INVENTORY_KINDS = INVENTORY_KINDS.filter(
  kind => kind !== 'events' && kind !== 'tasks',
) as [InventoryKind, ...InventoryKind[]];

/**
 * Registers the VCF actions in the actions registry, for the MCP actions backend and other action clients. Each
 * action acts as its caller: it builds the caller's permission context from the action's credentials and calls
 * the same check and the same service as the matching HTTP route, so it answers with the same data and the same
 * denial (404 for an environment the caller may not see, 403 without the permission).
 * @internal
 */
export function registerVcfActions(options: VcfActionsOptions): void {
  const {
    actionsRegistry,
    permissions,
    environmentService,
    credentials,
    syncTargets,
    inventory,
    vcenterService,
  } = options;
  const contextOf = (
    credentialsOfCaller: Parameters<typeof RouteContext.forCredentials>[0],
  ) =>
    RouteContext.forCredentials(credentialsOfCaller, {
      permissions,
      audit: options.audit,
    });
  const inventoryReader = async (
    callerCredentials: Parameters<typeof RouteContext.forCredentials>[0],
  ) => {
    const ctx = contextOf(callerCredentials);
    await ctx.require(vcfInventoryReadPermission, {
      action: 'inventory.read',
    });
    return ctx;
  };

  actionsRegistry.register({
    name: 'list-environments',
    title: 'List VCF environments',
    description:
      'Lists the VMware Cloud Foundation environments the caller may see, with owner, sync state and credential counts (total, expired, expiring soon).',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z => z.object({}).strict(),
      output: z =>
        z.object({
          environments: z.array(z.object({}).passthrough()),
        }),
    },
    action: async ({ credentials: caller }) => {
      const ctx = contextOf(caller);
      const environments = await listReadableEnvironments(
        ctx,
        environmentService,
        options.environmentFilter,
      );
      return {
        output: { environments: environments.map(environmentOverview) },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-environment-status',
    title: 'Get the status of a VCF environment',
    description:
      'The sync state of one environment (each source: status, last success, last error, next run), its credential counts and its latest sync runs.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z
          .object({
            environmentId: z
              .string()
              .min(1)
              .max(100)
              .describe('The environment id'),
          })
          .strict(),
      output: z =>
        z.object({
          environment: z.object({}).passthrough(),
          recentRuns: z.array(z.object({}).passthrough()),
        }),
    },
    action: async ({ input, credentials: caller }) => {
      const ctx = contextOf(caller);
      await requireReadableEnvironment(ctx, input.environmentId, options);
      const environment = await environmentService.get(input.environmentId);
      const targets = await syncTargets.listTargets({
        environmentId: input.environmentId,
      });
      const runs = await syncTargets.listRuns(
        targets.map(t => t.id),
        { offset: 0, limit: 10 },
      );
      return {
        output: {
          environment: environmentOverview(environment),
          recentRuns: runs.items.map(plain),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'search-credentials',
    title: 'Search VCF credentials (metadata only)',
    description:
      'Searches the credentials of one environment by resource name, IP, username or domain, with filters on resource type and expiry status. Returns metadata only (resource, account, type, expiry); never a password.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z
          .object({
            environmentId: z.string().min(1).max(100),
            query: z
              .string()
              .max(200)
              .optional()
              .describe('Free text: resource name, IP, username or domain'),
            resourceType: z
              .string()
              .max(100)
              .optional()
              .describe('e.g. ESXI, VCENTER, NSXT_MANAGER'),
            expiryStatus: z
              .enum(['ACTIVE', 'EXPIRING', 'EXPIRED', 'UNKNOWN'])
              .optional(),
            offset: z.number().int().min(0).default(0),
            limit: z.number().int().min(1).max(100).default(25),
          })
          .strict(),
      output: z =>
        z.object({
          totalCount: z.number(),
          credentials: z.array(z.object({}).passthrough()),
          link: z.string(),
        }),
    },
    action: async ({ input, credentials: caller }) => {
      const ctx = contextOf(caller);
      const { filter } = await readableCredentialFilter(
        ctx,
        input.environmentId,
        options,
        'credential.list',
      );
      const page = await credentials.list({
        environmentId: input.environmentId,
        query: {
          q: input.query,
          resourceType: input.resourceType,
          expiryStatus: input.expiryStatus,
          offset: input.offset,
          limit: input.limit,
        },
        filter,
      });
      return {
        output: {
          totalCount: page.totalCount,
          credentials: page.items.map(credentialMetadata),
          link: vcfPagePaths.environmentCredentials(input.environmentId),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'search-inventory',
    title: 'Search the vSphere inventory',
    description: `Searches one kind of vSphere object (${SEARCHABLE_INVENTORY_KINDS.join(
      ', ',
    )}) by name, IP address or host, optionally in one vCenter or environment.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z
          .object({
            kind: z.enum(SEARCHABLE_INVENTORY_KINDS),
            query: z
              .string()
              .max(200)
              .optional()
              .describe('Name, IP address or host'),
            vcenterId: z.string().max(100).optional(),
            environmentId: z.string().max(100).optional(),
            offset: z.number().int().min(0).default(0),
            limit: z.number().int().min(1).max(100).default(25),
          })
          .strict(),
      output: z =>
        z.object({
          totalCount: z.number(),
          items: z.array(
            z
              .object({ id: z.string(), name: z.string(), link: z.string() })
              .passthrough(),
          ),
        }),
    },
    action: async ({ input, credentials: caller }) => {
      await inventoryReader(caller);
      const page = await inventory.list(input.kind, {
        q: input.query,
        vcenterId: input.vcenterId,
        environmentId: input.environmentId,
        offset: input.offset,
        limit: input.limit,
      });
      return {
        output: {
          totalCount: page.totalCount,
          items: page.items.map(item =>
            plain({
              ...item,
              link: vcfPagePaths.inventoryItem(input.kind, item.id),
            }),
          ),
        },
      };
    },
  });

  /**
   * `get-vm` and `get-host`: one object by its row id, with the same lookup and the same 404s as
   * `GET /inventory/{kind}/{id}`; or, as a fallback, every object with an exact name (case-insensitive).
   */
  function registerDetailAction(
    kind: InventoryDetailKind,
    action: { name: string; title: string; description: string },
  ) {
    const noun = kind === 'vms' ? 'VM' : 'host';
    actionsRegistry.register({
      ...action,
      attributes: { readOnly: true, idempotent: true, destructive: false },
      schema: {
        input: z =>
          z
            .object({
              id: z
                .string()
                .max(200)
                .regex(INVENTORY_ROW_ID_PATTERN)
                .optional()
                .describe(
                  `The ${noun}'s id as search-inventory lists it: vcenterId:moref`,
                ),
              name: z
                .string()
                .min(1)
                .max(255)
                .optional()
                .describe(`Fallback without an id: the ${noun}'s exact name`),
              vcenterId: z
                .string()
                .max(100)
                .optional()
                .describe('With name: only this vCenter'),
            })
            .strict(),
        output: z =>
          z.object({
            items: z.array(
              z
                .object({
                  row: z
                    .object({ id: z.string(), name: z.string() })
                    .passthrough(),
                  link: z.string(),
                })
                .passthrough(),
            ),
          }),
      },
      action: async ({ input, credentials: caller }) => {
        await inventoryReader(caller);
        if ((input.id === undefined) === (input.name === undefined)) {
          throw new InputError(`Give either the ${noun}'s id or its name`);
        }
        const ids = input.id
          ? [input.id]
          : await idsByName(kind, input.name!, input.vcenterId);
        const details = [];
        for (const id of ids) {
          const detail = await readInventoryDetailById(
            inventory,
            vcenterService,
            kind,
            id,
          );
          details.push(
            plain({
              ...detail,
              row: plain(detail.row),
              link: vcfPagePaths.inventoryItem(kind, id),
            }),
          );
        }
        return { output: { items: details } };
      },
    });
  }

  /** Row ids of the objects whose name is exactly the asked one (case-insensitive), in one vCenter if asked. */
  async function idsByName(
    kind: InventoryDetailKind,
    name: string,
    vcenterId?: string,
  ): Promise<string[]> {
    const page = await inventory.list(kind, {
      q: name,
      vcenterId,
      offset: 0,
      limit: 100,
    });
    const ids = page.items
      .filter(item => item.name.toLowerCase() === name.toLowerCase())
      .map(item => item.id);
    if (!ids.length) {
      throw new NotFoundError(
        `No ${kind === 'vms' ? 'VM' : 'host'} named "${name}"`,
      );
    }
    return ids.slice(0, NAME_MATCH_LIMIT);
  }

  registerDetailAction('vms', {
    name: 'get-vm',
    title: 'Get a virtual machine',
    description:
      'One VM by its id (vcenterId:moref, as search-inventory lists it), or the VMs with an exact name: power state, CPU, memory, guest OS, IP addresses, host, cluster, Tools, hardware version, its disks and NICs (portgroup, switch, uplinks), snapshots, alarms, recent tasks, events and changes.',
  });

  registerDetailAction('hosts', {
    name: 'get-host',
    title: 'Get an ESXi host',
    description:
      'One ESXi host by its id (vcenterId:moref, as search-inventory lists it), or the hosts with an exact name: version, build, connection state, maintenance mode, hardware identity, CPU and memory, cluster, its physical NICs and VMkernel adapters, alarms, recent tasks, events and changes.',
  });

  actionsRegistry.register({
    name: 'get-datastore-capacity',
    title: 'Get datastore capacity',
    description:
      'Capacity, free space and used percentage of datastores, fullest first; filter by name, vCenter or environment.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z
          .object({
            query: z.string().max(200).optional().describe('Datastore name'),
            vcenterId: z.string().max(100).optional(),
            environmentId: z.string().max(100).optional(),
            limit: z.number().int().min(1).max(100).default(25),
          })
          .strict(),
      output: z =>
        z.object({
          totalCount: z.number(),
          datastores: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              vcenterId: z.string(),
              type: z.string().optional(),
              capacityBytes: z.number().optional(),
              freeBytes: z.number().optional(),
              usedPercent: z.number().optional(),
              link: z.string(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials: caller }) => {
      await inventoryReader(caller);
      const page = await inventory.list('datastores', {
        q: input.query,
        vcenterId: input.vcenterId,
        environmentId: input.environmentId,
        orderBy: 'usedPercent',
        order: 'desc',
        offset: 0,
        limit: input.limit,
      });
      return {
        output: {
          totalCount: page.totalCount,
          datastores: page.items.map(d => ({
            id: d.id,
            name: d.name,
            vcenterId: d.vcenterId,
            type: d.type,
            capacityBytes: d.capacityBytes,
            freeBytes: d.freeBytes,
            usedPercent: d.usedPercent,
            link: vcfPagePaths.inventoryItem('datastores', d.id),
          })),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'list-recent-changes',
    title: 'List recent inventory changes',
    description:
      'The inventory change feed, newest first, as GET /inventory/changes serves it: objects added and removed, power state, host and cluster moves, maintenance mode, Tools status, disk and memory changes, datastores crossing 80 / 90 % used. Filter by vCenter, environment, kind, object id (vcenterId:moref) and time.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z
          .object({
            vcenterId: z.string().max(100).optional(),
            environmentId: z.string().max(100).optional(),
            kind: z
              .enum(
                INVENTORY_CHANGE_KINDS as [
                  InventoryChangeKind,
                  ...InventoryChangeKind[],
                ],
              )
              .optional(),
            objectId: z
              .string()
              .max(200)
              .regex(INVENTORY_ROW_ID_PATTERN)
              .optional()
              .describe("One object's changes: vcenterId:moref"),
            since: z
              .string()
              .datetime({ offset: true })
              .optional()
              .describe('ISO time: changes at or after it'),
            until: z
              .string()
              .datetime({ offset: true })
              .optional()
              .describe('ISO time: changes before it'),
            offset: z.number().int().min(0).default(0),
            limit: z.number().int().min(1).max(500).default(25),
          })
          .strict(),
      output: z =>
        z.object({
          totalCount: z.number(),
          changes: z.array(
            z
              .object({
                objectId: z.string(),
                objectName: z.string(),
                kind: z.string(),
                field: z.string(),
                at: z.string(),
              })
              .passthrough(),
          ),
        }),
    },
    action: async ({ input, credentials: caller }) => {
      await inventoryReader(caller);
      const page = await inventory.listChanges(input);
      return {
        output: {
          totalCount: page.totalCount,
          changes: page.items.map(change =>
            plain({
              ...change,
              ...(isDetailKind(change.kind)
                ? {
                    link: vcfPagePaths.inventoryItem(
                      change.kind,
                      change.objectId,
                    ),
                  }
                : {}),
            }),
          ),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'trigger-sync',
    title: 'Sync a VCF environment now',
    description:
      "Makes the environment's credential and inventory syncs due now (vcf.sync.trigger); the request is audited. The sync runs in the background.",
    attributes: { readOnly: false, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({ environmentId: z.string().min(1).max(100) }).strict(),
      output: z =>
        z.object({
          targets: z.array(z.object({}).passthrough()),
          link: z.string(),
        }),
    },
    action: async ({ input, credentials: caller }) => {
      const ctx = contextOf(caller);
      const targets = await triggerEnvironmentSync(
        ctx,
        options,
        input.environmentId,
      );
      return {
        output: {
          targets: targets.map(syncStatus),
          link: vcfPagePaths.environmentSyncHistory(input.environmentId),
        },
      };
    },
  });
}
