export interface Config {
  /** Configuration of the VMware Cloud Foundation plugin. */
  vcf?: {
    /** Encryption of synced passwords and stored service-account passwords. */
    encryption: {
      /**
       * The AES-256 key that encrypts new secrets: 32 random bytes, base64-encoded. Make one with
       * `node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"`.
       * @visibility secret
       */
      key: string;
      /**
       * Earlier keys that rows may still be encrypted with; they are only used to decrypt.
       * @visibility secret
       */
      previousKeys?: string[];
    };

    /** How the plugin asks the permission framework. */
    permissions?: {
      /**
       * How long, in seconds, a user's decisions for lists and reads (permissions asked without a resource, whose
       * conditions the plugin applies in SQL) are reused before the permission backend is asked again. A revoked
       * permission can go on applying for this long on each replica; decisions about one resource (reveal,
       * rotate, change) are never reused. 0 asks for every request. Defaults to 2, at most 60.
       */
      decisionCacheSeconds?: number;
    };

    /** How the sync dispatcher runs. */
    sync?: {
      /** How many targets one backend instance syncs at the same time. Defaults to 4. */
      concurrency?: number;
      /** How long a claimed target stays leased without a heartbeat. Defaults to 5 minutes. */
      leaseSeconds?: number;
      /** Sync every target once when the backend starts. Defaults to true. */
      runOnStartup?: boolean;
      /**
       * What identifies this backend instance across restarts in sync leases. Defaults to the host name. When a
       * process of the instance starts, it ends the runs its predecessor left open at once (other instances'
       * runs are recovered when their lease expires). Set it when host names change on restart; every replica
       * needs its own.
       */
      instanceId?: string;
      /**
       * Credentials asked of SDDC Manager per page of `GET /v1/credentials` (its `pageSize` parameter). A sync reads
       * every page before it writes anything; smaller pages mean more, quicker requests, and a finer "page n of m"
       * progress. Defaults to 500.
       */
      sddcManagerPageSize?: number;
    };

    /**
     * Notices sent through the Backstage notifications service (`@backstage/plugin-notifications-backend`) to the
     * owner group of an environment or vCenter. Without the notifications backend in the app, nothing is sent.
     */
    notifications?: {
      /** Send notices at all. Defaults to true. */
      enabled?: boolean;
      /**
       * Consecutive failed syncs of one target after which its owner is notified (once per failure streak; a
       * notice follows when it syncs again). Defaults to 3.
       */
      syncFailureThreshold?: number;
      /** The daily digest lists credentials that expire within this many days, and expired ones. Defaults to 14. */
      expiringWithinDays?: number;
      /** Hour of the day (0–23, UTC) from which the daily expiry digest is sent. Defaults to 7. */
      digestHourUtc?: number;
    };

    /** VCF environments defined in configuration (read-only in the UI). */
    environments?: Array<{
      /** Unique id, used in URLs and in the `vcf-backstage.io/environment` annotation. */
      id: string;
      /** Display name. */
      title: string;
      /** Free text. */
      description?: string;
      /** Entity ref of the owning group, e.g. `group:default/vcf-admins`. */
      owner?: string;
      /**
       * Discover this environment's vCenters from SDDC Manager (`GET /v1/vcenters`) after each credential sync and
       * sync their inventory, logging in with the SSO credential synced for each vCenter (PSC or VCENTER, e.g.
       * `administrator@vsphere.local`). The SDDC Manager endpoint's TLS settings apply to them. Defaults to false.
       */
      discoverVcenters?: boolean;
      /**
       * Rotate-after-reveal ("check-out"): each reveal of an SDDC Manager credential of one of `resourceTypes`
       * schedules one rotation `afterMinutes` later; a later reveal pushes it back. Off when left out.
       */
      rotateAfterReveal?: {
        /** Minutes between the (last) reveal and the rotation, 1 to 10080. */
        afterMinutes: number;
        /** SDDC Manager resource types this applies to, e.g. `ESXI`, `VCENTER`, `PSC`, `NSXT_MANAGER`. */
        resourceTypes: string[];
      };
      /** The environment's SDDC Manager. */
      sddcManager?: VcfEndpointConfig;
      /** The environment's VCF Installer (VCF 9) or Cloud Builder. */
      installer?: VcfEndpointConfig;
    }>;

    /** Inventory settings. */
    inventory?: {
      /** The change feed (what each sync found changed). */
      changes?: {
        /** Days changes are kept. Defaults to 90. */
        retentionDays?: number;
      };
    };

    /** Independent vCenters whose inventory is synced. */
    vcenters?: Array<{
      /** Unique id. */
      id: string;
      /** Display name. */
      title?: string;
      /** e.g. `https://vcenter01.example.com` (the SOAP endpoint `/sdk` is appended). */
      baseUrl: string;
      /** Service account, e.g. `readonly@vsphere.local`. */
      username: string;
      /**
       * Password of the service account.
       * @visibility secret
       */
      password: string;
      /** The VCF environment this vCenter belongs to. */
      environment?: string;
      /** Entity ref of the owning group. */
      owner?: string;
      /** Set to false to stop syncing this vCenter. Defaults to true. */
      enabled?: boolean;
      /** TLS settings. */
      tls?: VcfTlsConfig;
      /** Minutes between inventory syncs. Defaults to 15. */
      intervalMinutes?: number;
    }>;
  };
}

/** An SDDC Manager or VCF Installer endpoint. */
interface VcfEndpointConfig {
  /** e.g. `https://sddc-manager.example.com` */
  baseUrl: string;
  /** Service account user name. */
  username: string;
  /**
   * Service account password.
   * @visibility secret
   */
  password: string;
  /** Minutes between credential syncs. Defaults to 30. */
  intervalMinutes?: number;
  /** TLS settings. */
  tls?: VcfTlsConfig;
}

/** TLS settings of one endpoint. */
interface VcfTlsConfig {
  /** Verify the server's certificate. Defaults to true. Set to false only for labs. */
  verify?: boolean;
  /** PEM CA certificate(s) to trust for this endpoint, e.g. `$file: ./sddc-ca.pem`. */
  ca?: string;
}
