/**
 * The inventory vcsim builds. Every count is per parent (per datacenter, per cluster, per host) except
 * `snapshots` and `alarms`, which are totals.
 * @public
 */
export interface VcsimTopology {
  datacenters: number;
  clustersPerDatacenter: number;
  hostsPerCluster: number;
  /** VMs on every host, cluster hosts and standalone hosts alike. */
  vmsPerHost: number;
  standaloneHostsPerDatacenter: number;
  /** Datastores per datacenter, mounted on all its hosts. */
  datastoresPerDatacenter: number;
  /** Datastore clusters (StoragePod) per datacenter. */
  datastoreClustersPerDatacenter: number;
  /** Datastores moved into each datastore cluster (taken from the datacenter's datastores). */
  datastoresPerDatastoreCluster: number;
  /** Standard portgroups per datacenter, besides the default "VM Network". */
  standardPortgroupsPerDatacenter: number;
  /** Distributed portgroups per datacenter, on one distributed switch per datacenter (0: no switch). */
  distributedPortgroupsPerDatacenter: number;
  /** Snapshots in all, two per VM (a base snapshot and its child). */
  snapshots: number;
  /** Triggered alarm states in all, alternating red and yellow. */
  alarms: number;
}

/**
 * Options of {@link startVcsim}: a topology (defaults in {@link DEFAULT_VCSIM_TOPOLOGY}) and server settings.
 * @public
 */
export interface StartVcsimOptions extends Partial<VcsimTopology> {
  /** The only user name Login accepts (default `vcsim-user`). */
  username?: string;
  /** The only password Login accepts (default `vcsim-pass`). */
  password?: string;
  /**
   * Name every host by FQDN in this DNS domain, as a real vCenter lists hosts added by FQDN: `DC0_C0_H1` becomes
   * `dc0-c0-h1.<hostDomain>` (VM names keep vcsim's form, `DC0_C0_H1_VM0`). Default: vcsim's names.
   */
  hostDomain?: string;
  /** Objects per RetrievePropertiesEx page when a client sets no maxObjects (default: all, like vcsim). */
  defaultPageSize?: number;
  /** Expire sessions idle for this long (default: never). */
  sessionIdleTimeoutMs?: number;
  /** Give up when the simulator is not ready within this time (default 120 s). */
  startTimeoutMs?: number;
  /** Write SOAP traffic to the simulator's stderr (shown with `VCSIM_DEBUG=1`). */
  trace?: boolean;
}

/**
 * What vcsim created, counted from its object model.
 * @public
 */
export interface VcsimCounts {
  datacenters: number;
  clusters: number;
  /** All hosts, standalone ones included. */
  hosts: number;
  standaloneHosts: number;
  vms: number;
  poweredOnVms: number;
  templates: number;
  datastores: number;
  datastoreClusters: number;
  datastoresInClusters: number;
  /** Standard portgroups, "VM Network" included. */
  standardPortgroups: number;
  distributedSwitches: number;
  /** Distributed portgroups without the switches' uplink portgroups. */
  distributedPortgroups: number;
  uplinkPortgroups: number;
  snapshots: number;
  vmsWithSnapshots: number;
  triggeredAlarms: number;
  redAlarms: number;
  yellowAlarms: number;
  acknowledgedAlarms: number;
  alarmDefinitions: number;
}

/**
 * Raw values of a few objects read from vcsim's object model, for tests to compare with what a client fetched.
 * @public
 */
export interface VcsimSamples {
  /** The first VM with snapshots (or the first VM). */
  vm?: {
    moref: string;
    name: string;
    host: string;
    cluster?: string;
    powerState: string;
    ipAddress?: string;
    numCpu: number;
    memoryMb: number;
    cpuUsageMhz: number;
    guestMemoryUsageMb: number;
    committedBytes: number;
    uncommittedBytes: number;
    datastores: string[];
    networks: string[];
    snapshotCount: number;
    oldestSnapshotTime?: string;
    uuid: string;
  };
  host?: {
    moref: string;
    name: string;
    cluster?: string;
    cpuCores: number;
    cpuMhz: number;
    memoryBytes: number;
    overallCpuUsageMhz: number;
    overallMemoryUsageMb: number;
    bootTime: string;
  };
  cluster?: {
    moref: string;
    name: string;
    hostCount: number;
    totalCpuMhz: number;
    totalMemoryBytes: number;
    hostsCpuUsageMhz: number;
    hostsMemoryUsageMb: number;
    haEnabled: boolean;
    drsEnabled: boolean;
    datastoreCapacityBytes: number;
    datastoreFreeBytes: number;
  };
  datastore?: {
    moref: string;
    name: string;
    type: string;
    datastoreCluster?: string;
    capacityBytes: number;
    freeBytes: number;
    hostCount: number;
  };
  datastoreCluster?: {
    moref: string;
    name: string;
    capacityBytes: number;
    freeBytes: number;
    datastores: string[];
  };
  distributedPortgroup?: {
    moref: string;
    name: string;
    switch: string;
    vlanId: number;
    hostCount: number;
    vmCount: number;
  };
  alarm?: {
    key: string;
    alarmName: string;
    entityName: string;
    entityType: string;
    severity: string;
    acknowledged: boolean;
    time: string;
  };
}

/**
 * Server-side counters of the simulator (`GET /_test/stats`).
 * @public
 */
export interface VcsimStats {
  retrievePropertiesEx: number;
  continueRetrievePropertiesEx: number;
  cancelRetrievePropertiesEx: number;
  sessions: number;
  /** Continuation tokens served in part and neither exhausted nor cancelled. */
  pendingTokens: number;
  terminatedSessions: number;
  createContainerView: number;
  destroyView: number;
}

/**
 * A running vcsim. `url` is the SOAP endpoint (`https://127.0.0.1:PORT/sdk`); its TLS certificate is
 * `certificatePem` (valid for 127.0.0.1).
 * @public
 */
export interface VcsimInstance {
  url: string;
  username: string;
  password: string;
  certificatePem: string;
  pid: number;
  topology: VcsimTopology;
  counts: VcsimCounts;
  samples: VcsimSamples;
  /** Every host's name, datacenter by datacenter, cluster hosts (cluster by cluster) before standalone ones. */
  hostNames: string[];
  /** Milliseconds the simulator took to build its inventory. */
  buildMs: number;
  /**
   * Terminates every session now, or arms the termination to happen right after the n-th next
   * RetrievePropertiesEx/ContinueRetrievePropertiesEx call (that call is still answered).
   */
  terminateSessions(options?: { afterRetrieveCalls?: number }): Promise<void>;
  /** Reads the server-side counters. */
  stats(): Promise<VcsimStats>;
  /** Stops the simulator (SIGTERM, then SIGKILL after 10 s) and removes its temporary files. */
  stop(): Promise<void>;
}
