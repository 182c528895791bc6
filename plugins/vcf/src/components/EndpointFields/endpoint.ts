import type {
  EndpointInput,
  TlsSettings,
} from '@vcf-backstage/plugin-vcf-common';

/** The form state of an upstream endpoint (SDDC Manager, VCF Installer or vCenter). */
export interface EndpointDraft {
  /** Optional endpoints (an environment's sources) can be switched off. */
  enabled: boolean;
  baseUrl: string;
  username: string;
  /** Empty on edit keeps the stored password. */
  password: string;
  verifyTls: boolean;
  ca: string;
  /** Empty leaves the server default. */
  intervalMinutes: string;
  /** The endpoint exists on the server, so its password may be left out. */
  stored: boolean;
}

/** A draft from what the API shows of an endpoint, or an empty one. */
export function toEndpointDraft(existing?: {
  baseUrl: string;
  username: string;
  tls: TlsSettings;
  intervalMinutes?: number;
}): EndpointDraft {
  return {
    enabled: existing !== undefined,
    baseUrl: existing?.baseUrl ?? '',
    username: existing?.username ?? '',
    password: '',
    verifyTls: existing?.tls.verify ?? true,
    ca: existing?.tls.ca ?? '',
    intervalMinutes: existing?.intervalMinutes?.toString() ?? '',
    stored: existing !== undefined,
  };
}

/** The endpoint as the API takes it; the password only when one was typed. */
export function toEndpointInput(draft: EndpointDraft): EndpointInput {
  return {
    baseUrl: draft.baseUrl.trim(),
    username: draft.username.trim(),
    password: draft.password || undefined,
    tls: { verify: draft.verifyTls, ca: draft.ca.trim() || undefined },
    intervalMinutes: draft.intervalMinutes
      ? Number(draft.intervalMinutes)
      : undefined,
  };
}

/** After a successful save the typed password is dropped from the page. */
export function afterSave(draft: EndpointDraft): EndpointDraft {
  return { ...draft, password: '', stored: draft.enabled };
}

/** Validation errors of an endpoint, keyed `${prefix}.${field}`. */
export function validateEndpoint(
  draft: EndpointDraft,
  prefix: string,
  example: string,
): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!/^https?:\/\/[^\s/]+/.test(draft.baseUrl.trim())) {
    errors[`${prefix}.baseUrl`] = `A URL such as ${example}.`;
  }
  if (!draft.username.trim()) {
    errors[`${prefix}.username`] = 'The service account to sync with.';
  }
  if (!draft.stored && !draft.password) {
    errors[`${prefix}.password`] = 'The service account password.';
  }
  const minutes = Number(draft.intervalMinutes);
  if (draft.intervalMinutes && !(Number.isInteger(minutes) && minutes >= 1)) {
    errors[`${prefix}.intervalMinutes`] = 'Whole minutes, at least 1.';
  }
  return errors;
}
