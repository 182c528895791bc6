import type { Request } from 'express';
import type {
  AuditorService,
  AuditorServiceEventSeverityLevel,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type { AuditStore } from './AuditStore';

/**
 * Audited actions. Each is an auditor event id (`vcf-<action>`) and the `action` of an audit row.
 * @internal
 */
export type VcfAuditAction =
  | 'audit.read'
  | 'audit.export'
  | 'credential.list'
  | 'credential.reveal'
  | 'credential.history'
  | 'credential.export'
  | 'credential.rotate'
  | 'credential.update'
  | 'credential.remediate'
  | 'credential.auto-rotate-policy'
  | 'credential.expiry-check'
  | 'credential-task.retry'
  | 'credential-task.cancel'
  | 'sync.trigger'
  | 'environment.create'
  | 'environment.update'
  | 'environment.delete'
  | 'environment.read'
  | 'environment.test-connection'
  | 'vcenter.create'
  | 'vcenter.update'
  | 'vcenter.delete'
  | 'vcenter.purge'
  | 'vcenter.test-connection'
  | 'inventory.read'
  | 'inventory.export';

const SEVERITY: Partial<
  Record<VcfAuditAction, AuditorServiceEventSeverityLevel>
> = {
  'credential.reveal': 'high',
  'credential.history': 'high',
  'credential.export': 'high',
  'credential.rotate': 'high',
  'credential.update': 'high',
  'credential.remediate': 'high',
  'environment.delete': 'medium',
  'vcenter.delete': 'medium',
  'vcenter.purge': 'medium',
};

/**
 * What an audited action is about.
 * @internal
 */
export interface VcfAuditSubject {
  actor: string;
  environmentId?: string;
  credentialId?: string;
  vcenterId?: string;
  details?: JsonObject;
}

/**
 * An audited action under way: end it exactly once.
 * @internal
 */
export interface VcfAuditEvent {
  succeeded(details?: JsonObject): Promise<void>;
  /** `error.message` is recorded: it must never carry a secret or a SQL statement. */
  failed(error: Error, details?: JsonObject): Promise<void>;
  denied(error: Error): Promise<void>;
}

/**
 * Writes every audited action twice: to `coreServices.auditor` (the deployment's audit pipeline) and to the
 * plugin's audit table (the UI's audit page). Details never carry a secret.
 * @internal
 */
export class VcfAuditLog {
  constructor(
    private readonly auditor: AuditorService,
    private readonly store: AuditStore,
  ) {}

  async begin(
    action: VcfAuditAction,
    subject: VcfAuditSubject,
    request?: Request<any, any, any, any, any>,
  ): Promise<VcfAuditEvent> {
    const meta: JsonObject = {
      ...(subject.environmentId
        ? { environmentId: subject.environmentId }
        : {}),
      ...(subject.credentialId ? { credentialId: subject.credentialId } : {}),
      ...(subject.vcenterId ? { vcenterId: subject.vcenterId } : {}),
      ...(subject.details ?? {}),
    };
    const event = await this.auditor.createEvent({
      eventId: `vcf-${action.replace('.', '-')}`,
      severityLevel: SEVERITY[action] ?? 'low',
      request,
      meta,
    });
    const row = (
      result: 'succeeded' | 'failed' | 'denied',
      details?: JsonObject,
    ) =>
      this.store.append({
        actor: subject.actor,
        action,
        result,
        environmentId: subject.environmentId,
        credentialId: subject.credentialId,
        vcenterId: subject.vcenterId,
        details: { ...(subject.details ?? {}), ...(details ?? {}) },
      });
    return {
      succeeded: async details => {
        await event.success(details ? { meta: details } : undefined);
        await row('succeeded', details);
      },
      failed: async (error, details) => {
        await event.fail({ error, ...(details ? { meta: details } : {}) });
        await row('failed', { ...(details ?? {}), error: error.message });
      },
      denied: async error => {
        await event.fail({ error });
        await row('denied');
      },
    };
  }
}
