import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import {
  vcfPagePaths,
  type CredentialTask,
  type SyncRun,
} from '@vcf-backstage/plugin-vcf-common';
import type {
  CredentialExpiryGroup,
  CredentialStore,
} from '../credentials/CredentialStore';
import type { EnvironmentStore } from '../environments/EnvironmentStore';
import type { SyncTarget, SyncTargetStore } from '../sync/SyncTargetStore';
import type { VcenterStore } from '../vcenters/VcenterStore';
import { vcenterPlacements } from '../vcenters/vcenterPlacement';
import type { NotificationLedger } from './NotificationLedger';
import type { VcfNotificationSettings } from './notificationSettings';

/**
 * The notification topics of the VCF plugin (users can filter and mute them in the notifications page).
 * @internal
 */
export const VCF_NOTIFICATION_TOPICS = {
  sync: 'vcf-sync',
  credentialExpiry: 'vcf-credential-expiry',
  credentialTask: 'vcf-credential-task',
} as const;

const TASK_OPERATION_TITLES: Record<CredentialTask['operation'], string> = {
  rotate: 'Password rotation',
  update: 'Password update',
  remediate: 'Password remediation',
  'auto-rotate-policy': 'Auto-rotate policy change',
  'expiry-check': 'Expiry check',
};

/** How each final task status reads in a notice; running statuses have none. */
const TASK_OUTCOMES: Partial<
  Record<
    CredentialTask['status'],
    Pick<NotificationPayload, 'description' | 'severity'> & { verb: string }
  >
> = {
  SUCCESSFUL: {
    verb: 'succeeded',
    description:
      'SDDC Manager finished the task; the credentials are synced again, so a reveal gives the current password.',
    severity: 'normal',
  },
  FAILED: {
    verb: 'failed',
    description:
      "Open the environment's credential tasks for SDDC Manager's error; you can retry or cancel it there.",
    severity: 'high',
  },
  INCONSISTENT: {
    verb: 'ended inconsistent',
    description:
      "SDDC Manager could not bring every resource in line; open the environment's credential tasks for the details and remediate.",
    severity: 'high',
  },
  USER_CANCELLED: {
    verb: 'was cancelled',
    description: 'The task was cancelled; no further change is made.',
    severity: 'normal',
  },
};

/** A finished run, as the sync dispatcher reports it. */
interface FinishedRun {
  target: SyncTarget;
  status: 'succeeded' | 'failed';
}

/**
 * Options of the {@link VcfNotifier}.
 * @internal
 */
export interface VcfNotifierOptions {
  notifications: NotificationService;
  ledger: Pick<NotificationLedger, 'claim' | 'release' | 'prune'>;
  settings: VcfNotificationSettings;
  syncTargets: Pick<SyncTargetStore, 'listRuns'>;
  environments: Pick<EnvironmentStore, 'get' | 'list'>;
  vcenters?: Pick<VcenterStore, 'get'>;
  credentials: Pick<CredentialStore, 'expiryGroups'>;
  logger: LoggerService;
}

/** How many runs at the head of the list failed. */
function leadingFailures(runs: SyncRun[]): number {
  const index = runs.findIndex(run => run.status !== 'failed');
  return index === -1 ? runs.length : index;
}

/**
 * Tells the owners of environments and vCenters, through the Backstage notifications service, what needs their
 * attention: a target that failed to sync N times in a row (and when it syncs again), credentials that expire
 * soon (a daily digest per owner), and the end of the credential tasks they started. Each notice is recorded in
 * the database before it is sent, so that it goes out once however many backend instances run. Notices carry
 * names, counts and links; never a password, username of a service account, or upstream error text.
 * @internal
 */
export class VcfNotifier {
  constructor(private readonly options: VcfNotifierOptions) {}

  /** Called after every sync run: notifies at the N-th consecutive failure, and at the first success after. */
  async afterSyncRun(run: FinishedRun): Promise<void> {
    const { settings, syncTargets } = this.options;
    if (!settings.enabled) return;
    const threshold = settings.syncFailureThreshold;
    const { items: runs } = await syncTargets.listRuns([run.target.id], {
      offset: 0,
      limit: threshold + 1,
    });
    if (runs[0]?.status !== run.status) return; // a newer run already finished
    if (run.status === 'failed') {
      // Exactly the threshold-th failure: a longer streak was notified when it reached the threshold.
      if (leadingFailures(runs) !== threshold) return;
      const firstFailedRun = runs[threshold - 1];
      await this.notifyOwner(
        run.target,
        `sync-failed:${run.target.id}:${firstFailedRun.id}`,
        what => ({
          title: `Sync of ${what} failed ${threshold} times in a row`,
          description: `The last good data is kept. Open the sync history for the errors and check the endpoint and its credentials.`,
          severity: 'high',
        }),
      );
    } else {
      if (leadingFailures(runs.slice(1)) < threshold) return;
      await this.notifyOwner(
        run.target,
        `sync-recovered:${run.target.id}:${runs[0].id}`,
        what => ({
          title: `Sync of ${what} works again`,
          description: `The sync succeeded after ${threshold} or more failed attempts.`,
          severity: 'normal',
        }),
      );
    }
  }

  /**
   * Sends each owner, once per day (UTC), a digest of the expired credentials and those that expire within
   * `expiringWithinDays`, from `digestHourUtc` on. Returns how many digests this call sent.
   */
  async sendExpiryDigests(now = new Date()): Promise<number> {
    const { settings, credentials, ledger } = this.options;
    if (!settings.enabled || now.getUTCHours() < settings.digestHourUtc)
      return 0;
    await ledger.prune(new Date(now.getTime() - 90 * 86_400_000));
    const groups = await credentials.expiryGroups({
      now,
      expiringBefore: new Date(
        now.getTime() + settings.expiringWithinDays * 86_400_000,
      ),
    });
    const byOwner = new Map<string, CredentialExpiryGroup[]>();
    for (const group of groups)
      byOwner.set(group.owner, [...(byOwner.get(group.owner) ?? []), group]);
    const day = now.toISOString().slice(0, 10);
    let sent = 0;
    for (const [owner, ownerGroups] of byOwner) {
      const expired = ownerGroups.reduce((sum, g) => sum + g.expired, 0);
      const expiring = ownerGroups.reduce((sum, g) => sum + g.expiring, 0);
      const parts = [
        expired && `${expired} expired`,
        expiring &&
          `${expiring} expiring within ${settings.expiringWithinDays} days`,
      ].filter(Boolean);
      const payload: NotificationPayload = {
        title: `VCF credentials: ${parts.join(', ')}`,
        description: ownerGroups
          .map(
            g =>
              `${g.environmentTitle}: ${g.expired} expired, ${
                g.expiring
              } expiring${
                g.nextExpiryDate
                  ? ` (next on ${g.nextExpiryDate.slice(0, 10)})`
                  : ''
              }`,
          )
          .join('; '),
        link:
          ownerGroups.length === 1
            ? vcfPagePaths.environmentCredentials(ownerGroups[0].environmentId)
            : vcfPagePaths.root(),
        severity: expired ? 'high' : 'normal',
        topic: VCF_NOTIFICATION_TOPICS.credentialExpiry,
        scope: `vcf-credential-expiry:${owner}`,
      };
      if (
        await this.sendOnce(
          `credential-expiry:${owner}:${day}`,
          owner,
          payload,
          now,
        )
      )
        sent += 1;
    }
    return sent;
  }

  /**
   * Tells the user who started a credential task how it ended, once per task (the ledger keeps replicas from
   * sending it twice). Called by the credential lifecycle when a task reaches a final state. The notice names the
   * operation, the accounts and the outcome, and links to the environment's tasks tab; SDDC Manager's error text
   * stays on that tab, so no upstream message can carry a password into a notification. Rotations that
   * rotate-after-reveal started were not asked for by a user and are not announced.
   */
  async taskFinished(task: CredentialTask): Promise<void> {
    if (!this.options.settings.enabled) return;
    if (!/^user:/.test(task.requestedBy)) return;
    const outcome = TASK_OUTCOMES[task.status];
    if (!outcome) return;
    const [first] = task.items;
    const subject =
      task.items.length === 1
        ? `${first.username}@${first.resourceName}`
        : `${task.items.length} credentials`;
    // A failed task may be retried and end again: each ending is its own notice.
    const ending = `${task.status}:${task.completedAt ?? ''}`;
    await this.sendOnce(
      `credential-task:${task.id}:${ending}`,
      task.requestedBy,
      {
        title: `${TASK_OPERATION_TITLES[task.operation]} of ${subject} ${
          outcome.verb
        }`,
        description: outcome.description,
        link: vcfPagePaths.environmentCredentialTasks(task.environmentId),
        severity: outcome.severity,
        topic: VCF_NOTIFICATION_TOPICS.credentialTask,
        scope: `vcf-credential-task:${task.id}`,
      },
    );
  }

  /** Sends a sync notice to the target's owner (the vCenter's, else its environment's), if it has one. */
  private async notifyOwner(
    target: SyncTarget,
    noticeKey: string,
    describe: (
      what: string,
    ) => Pick<NotificationPayload, 'title' | 'description' | 'severity'>,
  ): Promise<void> {
    const subject = await this.describeTarget(target);
    if (!subject?.owner) {
      this.options.logger.debug(
        'Sync notice not sent: the target has no owner',
        { target: target.id },
      );
      return;
    }
    await this.sendOnce(noticeKey, subject.owner, {
      ...describe(subject.what),
      link: subject.link,
      topic: VCF_NOTIFICATION_TOPICS.sync,
      scope: `vcf-sync:${target.id}`,
    });
  }

  private async describeTarget(
    target: SyncTarget,
  ): Promise<{ what: string; owner?: string; link: string } | undefined> {
    const { environments, vcenters } = this.options;
    if (target.kind === 'inventory' && target.vcenterId) {
      const vcenter = await vcenters?.get(target.vcenterId);
      if (!vcenter) return undefined;
      const environment = vcenter.environmentId
        ? await environments.get(vcenter.environmentId)
        : undefined;
      const placement = vcenterPlacements(environment ? [environment] : [], [
        vcenter,
      ]).get(vcenter.id);
      return {
        what: `the inventory of ${vcenter.title}`,
        owner: placement?.owner,
        link: vcfPagePaths.vcenters(),
      };
    }
    if (!target.environmentId) return undefined;
    const environment = await environments.get(target.environmentId);
    if (!environment) return undefined;
    const source = target.id.endsWith(':installer')
      ? 'VCF Installer'
      : 'SDDC Manager';
    return {
      what: `the ${source} credentials of ${environment.title}`,
      owner: environment.owner,
      link: vcfPagePaths.environmentSyncHistory(environment.id),
    };
  }

  /** Claims the notice, sends it, and gives the claim back when sending failed. */
  private async sendOnce(
    noticeKey: string,
    recipient: string,
    payload: NotificationPayload,
    now = new Date(),
  ): Promise<boolean> {
    const { ledger, notifications, logger } = this.options;
    if (!(await ledger.claim(noticeKey, payload.topic ?? 'vcf', now)))
      return false;
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: recipient },
        payload,
      });
      return true;
    } catch (error) {
      await ledger.release(noticeKey);
      logger.warn('Could not send a VCF notification', {
        notice: noticeKey,
        error: error instanceof Error ? error.message : String(error),
      });
      return false;
    }
  }
}
