import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  INVENTORY_KINDS,
  type InventoryKind,
  type InventoryRowsByKind,
} from '@vcf-backstage/plugin-vcf-common';
import type { UpstreamTlsOptions } from '../../http/UpstreamHttpClient';
import { PropertyCollectorPager } from './PropertyCollectorPager';
import type { ManagedObjectReference, ObjectContent, VimNode } from './types';
import { VimSoapClient } from './VimSoapClient';
import {
  asArray,
  moRefKey,
  readArrayOf,
  readMoRef,
  readString,
  child,
} from './vimValues';
import { xmlChildren, xmlElement } from './vimXml';
import { HostFacts } from './vsphereHostFacts';
import {
  emptyVmPageRows,
  VM_PAGE_KINDS,
  VmListSummary,
  VsphereRowMapper,
  type RawVsphereInventory,
  type VsphereInventoryRows,
} from './vsphereRowMappers';
import {
  VSPHERE_PROPERTY_PATHS,
  VSPHERE_VIEW_RETRIEVALS,
  type VsphereViewRetrieval,
} from './vspherePropertyPaths';

/**
 * VMs whose rows go to the sink together. Far fewer than a page: rows that wait for a whole page of 1,000 VMs
 * outlive several young-generation collections, so V8 moves them, and the strings they hold, to the old
 * generation, which then grows by tens of MiB before a full collection frees them.
 */
const VMS_PER_WRITE = 50;

/**
 * Options of a {@link VsphereInventoryFetcher}.
 * @internal
 */
export interface VsphereInventoryFetcherOptions {
  /** The vCenter's id in this plugin; row ids are `${vcenterId}:${moref}`. */
  vcenterId: string;
  /** e.g. `https://vcenter.example.com` or its `/sdk` URL. */
  url: string;
  username: string;
  password: string;
  tls?: UpstreamTlsOptions;
  /** Objects per PropertyCollector page (default 500). */
  pageSize?: number;
  /** Most recent events to read (1–1000, default 200). */
  maxEvents?: number;
  /** Per-request timeout (default 60 s). */
  timeoutMs?: number;
  /** Retries after network errors and non-SOAP 5xx answers (default 2). */
  retries?: number;
  logger?: LoggerService;
  /** Clock for ages (snapshot age); defaults to the system clock. */
  now?: () => Date;
  /**
   * Called as the fetch goes on: what it reads (`hosts`), PropertyCollector pages so far, and objects
   * read so far. A vCenter does not say how many pages there will be.
   */
  onProgress?: (update: { step: string; page: number; items: number }) => void;
}

/**
 * Where a streamed fetch puts its rows: the VMs (with their snapshots, disks and NICs) a few dozen at a time as
 * they are parsed, then the other kinds. A kind can come in several calls.
 * @internal
 */
export interface VsphereInventorySink {
  write<K extends InventoryKind>(
    kind: K,
    rows: Array<InventoryRowsByKind[K]>,
  ): Promise<void>;
  /** The retrieval of these kinds starts over (the session was renewed): forget their rows written so far. */
  restart(kinds: readonly InventoryKind[]): Promise<void>;
}

/**
 * What a streamed fetch tells about itself once every row went to the sink.
 * @internal
 */
export interface VsphereInventoryFetchSummary {
  /** vim25 API version of the vCenter, e.g. `8.0.3.0`. */
  apiVersion: string;
  /** Product name and version, e.g. `VMware vCenter Server 8.0.3 build-24022515`. */
  fullName: string;
  instanceUuid?: string;
  /** Every SOAP request of the fetch (service content, logins, views, retrievals, events, logout). */
  roundTrips: number;
  /** The RetrievePropertiesEx and ContinueRetrievePropertiesEx calls among them. */
  retrieveRoundTrips: number;
  /** Logins after the first one (sessions that ended during the fetch). */
  relogins: number;
  durationMs: number;
}

/**
 * Everything read from one vCenter in one fetch.
 * @internal
 */
export interface VsphereInventory extends VsphereInventoryFetchSummary {
  rows: VsphereInventoryRows;
}

/**
 * Reads the inventory of one vCenter: logs in, reads VMs, hosts, clusters, datastores, datastore clusters,
 * networks and distributed switches through paged ContainerView retrievals, the triggered alarms of the root
 * folder, the recent tasks and the latest events, maps them to inventory rows and logs out. It reads everything or
 * throws: a caller never gets a partial inventory.
 * @internal
 */
export class VsphereInventoryFetcher {
  private readonly options: VsphereInventoryFetcherOptions;

  static create(
    options: VsphereInventoryFetcherOptions,
  ): VsphereInventoryFetcher {
    return new VsphereInventoryFetcher(options);
  }

  private constructor(options: VsphereInventoryFetcherOptions) {
    this.options = options;
  }

  /**
   * Reads the whole inventory into memory, for small vCenters and tests; {@link VsphereInventoryFetcher.stream}
   * is the one that scales.
   */
  async fetch(): Promise<VsphereInventory> {
    const rows: Partial<Record<InventoryKind, unknown[]>> = {};
    const summary = await this.stream({
      write: async (kind, kindRows) => {
        const list: unknown[] = (rows[kind] ??= []);
        for (const row of kindRows) list.push(row);
      },
      restart: async kinds => {
        for (const kind of kinds) delete rows[kind];
      },
    });
    for (const kind of INVENTORY_KINDS) rows[kind] ??= [];
    return { ...summary, rows: rows as VsphereInventoryRows };
  }

  /**
   * Reads the inventory and hands it to `sink` as it arrives: each VM is mapped as soon as its element is parsed,
   * and the rows of every 50 VMs (and of a page's last ones) are written before more of the answer is read, so
   * memory holds a few dozen VMs, not a page or the vCenter. Hosts, clusters, datastores, networks and folders
   * are read first (VM rows name them), alarms, tasks and events last. Throws when anything fails; the sink then
   * holds a partial inventory, which the caller must discard.
   */
  async stream(
    sink: VsphereInventorySink,
  ): Promise<VsphereInventoryFetchSummary> {
    const started = Date.now();
    const { logger } = this.options;
    const client = VimSoapClient.create({
      url: this.options.url,
      username: this.options.username,
      password: this.options.password,
      tls: this.options.tls,
      timeoutMs: this.options.timeoutMs,
      retries: this.options.retries,
      logger,
    });
    const pager = PropertyCollectorPager.create({
      client,
      pageSize: this.options.pageSize,
      logger,
    });
    try {
      const content = await client.connect();
      const counts = await this.read(client, pager, sink);
      await this.logout(client);
      const result: VsphereInventoryFetchSummary = {
        apiVersion: content.about.apiVersion,
        fullName: content.about.fullName,
        instanceUuid: content.about.instanceUuid,
        roundTrips: client.requestCount,
        retrieveRoundTrips: pager.roundTrips,
        relogins: Math.max(0, client.loginCount - 1),
        durationMs: Date.now() - started,
      };
      logger?.debug('Fetched vCenter inventory', {
        upstream: client.upstreamName,
        vms: counts.vms,
        hosts: counts.hosts,
        roundTrips: result.roundTrips,
        durationMs: result.durationMs,
      });
      return result;
    } catch (error) {
      await this.logout(client);
      throw error;
    } finally {
      await client.close();
    }
  }

  private async logout(client: VimSoapClient): Promise<void> {
    try {
      await client.logout();
    } catch (error) {
      this.options.logger?.debug('vCenter logout failed', {
        upstream: client.upstreamName,
        reason: (error as Error).message,
      });
    }
  }

  private async read(
    client: VimSoapClient,
    pager: PropertyCollectorPager,
    sink: VsphereInventorySink,
  ): Promise<{ vms: number; hosts: number }> {
    let items = 0;
    const step = (name: string) =>
      this.options.onProgress?.({ step: name, page: pager.roundTrips, items });
    const stepped = <T>(name: string, read: () => Promise<T>) => {
      step(name);
      return read();
    };
    const view = async (
      name: string,
      retrieval: VsphereViewRetrieval,
      onObject?: (o: ObjectContent) => void,
    ) => {
      step(name);
      let objects: ObjectContent[] = [];
      await pager.retrieveViewPages(retrieval.propSet, retrieval.viewTypes, {
        onObject: o => {
          onObject?.(o);
          objects.push(o);
        },
        onRestart: async () => {
          objects = [];
        },
      });
      items += objects.length;
      return objects;
    };
    const r = VSPHERE_VIEW_RETRIEVALS;
    // Each host is kept as what the rows read of it as soon as it is parsed, so that its tree dies young.
    const hostFacts: HostFacts[] = [];
    step('hosts');
    await pager.retrieveViewPages(r.hosts.propSet, r.hosts.viewTypes, {
      onObject: host => {
        hostFacts.push(new HostFacts(host));
        items++;
      },
      onRestart: async () => {
        items -= hostFacts.length;
        hostFacts.length = 0;
      },
    });
    const raw: RawVsphereInventory = {
      vms: [],
      hosts: [],
      hostFacts,
      clusters: await view('clusters', r.clusters),
      // Their `vm` lists name every VM: summarized as soon as each is parsed, so that the lists die young.
      datastores: await view('datastores', r.datastores, o =>
        VmListSummary.summarize(o, false),
      ),
      datastoreClusters: await view('datastore clusters', r.datastoreClusters),
      networks: await view('networks', r.networks, o =>
        VmListSummary.summarize(o, true),
      ),
      distributedSwitches: await view(
        'distributed switches',
        r.distributedSwitches,
      ),
      containers: await view('containers', r.containers),
      alarmStates: [],
      tasks: [],
      events: [],
      otherNames: new Map(),
    };
    const mapper = new VsphereRowMapper(raw, {
      vcenterId: this.options.vcenterId,
      now: this.options.now?.() ?? new Date(),
    });
    let vms = 0;
    let batch = emptyVmPageRows();
    let batchVms = 0;
    const writeBatch = async () => {
      const rows = batch;
      batch = emptyVmPageRows();
      batchVms = 0;
      for (const kind of VM_PAGE_KINDS) {
        await sink.write(
          kind,
          rows[kind] as Array<InventoryRowsByKind[typeof kind]>,
        );
      }
    };
    step('VMs');
    await pager.retrieveViewPages(r.vms.propSet, r.vms.viewTypes, {
      // Each VM is mapped as soon as it is parsed; its rows wait for a batch of VMS_PER_WRITE, or the page's end.
      onObject: vm => {
        mapper.addVm(vm, batch);
        batchVms++;
        vms++;
        items++;
      },
      onChunkParsed: async () => {
        if (batchVms >= VMS_PER_WRITE) await writeBatch();
      },
      onPageEnd: async () => {
        if (batchVms > 0) await writeBatch();
        step('VMs');
      },
      onRestart: async () => {
        items -= vms;
        vms = 0;
        batch = emptyVmPageRows();
        batchVms = 0;
        mapper.forgetVms();
        await sink.restart(VM_PAGE_KINDS);
      },
    });
    raw.alarmStates = await stepped('alarms', () =>
      this.readTriggeredAlarms(client, pager),
    );
    raw.tasks = await stepped('tasks', () =>
      this.readRecentTasks(client, pager),
    );
    raw.events = await stepped('events', () => this.readEvents(client));
    mapper.addNames(await this.readAlarmNames(raw, mapper, pager));
    const others = mapper.otherRows();
    for (const kind of Object.keys(others) as Array<keyof typeof others>) {
      await sink.write(
        kind,
        others[kind] as Array<InventoryRowsByKind[typeof kind]>,
      );
    }
    return { vms, hosts: hostFacts.length };
  }

  private async readTriggeredAlarms(
    client: VimSoapClient,
    pager: PropertyCollectorPager,
  ): Promise<VimNode[]> {
    const [root] = await pager.retrieve({
      propSet: [{ type: 'Folder', pathSet: VSPHERE_PROPERTY_PATHS.Folder }],
      objectSet: [{ obj: client.serviceContent.rootFolder }],
    });
    return readArrayOf(root?.props.get('triggeredAlarmState'), 'AlarmState');
  }

  /** Names of the alarm definitions, and of alarmed entities that are not in the lists already read. */
  private async readAlarmNames(
    raw: RawVsphereInventory,
    mapper: VsphereRowMapper,
    pager: PropertyCollectorPager,
  ): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    const alarms = new Map<string, ManagedObjectReference>();
    const entities = new Map<string, ManagedObjectReference>();
    for (const state of raw.alarmStates) {
      const alarm = readMoRef(child(state, 'alarm'));
      const entity = readMoRef(child(state, 'entity'));
      if (alarm) alarms.set(moRefKey(alarm), alarm);
      if (entity && !mapper.knows(entity))
        entities.set(moRefKey(entity), entity);
    }
    const named = (objects: ObjectContent[], path: string) => {
      for (const o of objects) {
        const name = readString(o.props.get(path));
        if (name !== undefined) names.set(moRefKey(o.obj), name);
      }
    };
    named(
      await pager.retrieve({
        propSet: [{ type: 'Alarm', pathSet: VSPHERE_PROPERTY_PATHS.Alarm }],
        objectSet: [...alarms.values()].map(obj => ({ obj })),
      }),
      'info.name',
    );
    named(
      await pager.retrieve({
        propSet: [
          {
            type: 'ManagedEntity',
            pathSet: VSPHERE_PROPERTY_PATHS.ManagedEntity,
          },
        ],
        objectSet: [...entities.values()].map(obj => ({ obj })),
      }),
      'name',
    );
    return names;
  }

  private async readRecentTasks(
    client: VimSoapClient,
    pager: PropertyCollectorPager,
  ): Promise<ObjectContent[]> {
    const taskManager = client.serviceContent.taskManager;
    if (!taskManager) return [];
    return pager.retrieve({
      propSet: [{ type: 'Task', pathSet: VSPHERE_PROPERTY_PATHS.Task }],
      objectSet: [
        {
          obj: taskManager,
          skip: true,
          selectSet: [
            {
              name: 'recentTasks',
              type: 'TaskManager',
              path: 'recentTask',
              skip: false,
            },
          ],
        },
      ],
    });
  }

  private async readEvents(client: VimSoapClient): Promise<VimNode[]> {
    const eventManager = client.serviceContent.eventManager;
    if (!eventManager) return [];
    const maxCount = Math.min(1000, Math.max(1, this.options.maxEvents ?? 200));
    const events = await client.invoke(
      'QueryEvents',
      eventManager,
      xmlChildren([
        xmlElement('filter', xmlChildren([['maxCount', maxCount]])),
      ]),
    );
    return asArray(events);
  }
}
