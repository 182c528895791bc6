import type { ResolvedTlsSettings } from '../../http/UpstreamHttpClient';

/**
 * What a sync or a connection test logs in to a vCenter with. The password stays in memory.
 * @internal
 */
export interface VcenterConnection {
  baseUrl: string;
  username: string;
  password: string;
  tls: ResolvedTlsSettings;
}

/**
 * Timeouts, retries and page sizes of the vCenter client.
 * @internal
 */
export interface VsphereClientSettings {
  /** Per-request timeout (default 60 s). */
  timeoutMs?: number;
  /** Retries after network errors (default 2). */
  retries?: number;
  /** Objects per PropertyCollector page (default 500). */
  pageSize?: number;
  /** Most recent events to read (default 200). */
  maxEvents?: number;
}
