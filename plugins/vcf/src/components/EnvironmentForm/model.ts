import type {
  VcfEnvironment,
  VcfEnvironmentInput,
} from '@vcf-backstage/plugin-vcf-common';
import {
  type EndpointDraft,
  toEndpointDraft,
  toEndpointInput,
  validateEndpoint,
} from '../EndpointFields';
import { VCF_ID_HINT, VCF_ID_PATTERN } from '@vcf-backstage/plugin-vcf-common';

/** Rotate-after-reveal as the form holds it. */
export interface RotateAfterRevealDraft {
  enabled: boolean;
  afterMinutes: string;
  resourceTypes: string[];
}

/** The resource types SDDC Manager rotates passwords of (its `resourceType`s), offered for rotate-after-reveal. */
export const ROTATABLE_RESOURCE_TYPES = [
  'ESXI',
  'VCENTER',
  'PSC',
  'NSXT_MANAGER',
  'NSXT_EDGE',
  'NSX_ALB',
  'BACKUP',
];

/** The longest delay of rotate-after-reveal the API accepts: a week. */
export const MAX_ROTATE_AFTER_MINUTES = 10_080;

/** The form state of an environment. */
export interface EnvironmentDraft {
  id: string;
  title: string;
  description: string;
  owner: string;
  discoverVcenters: boolean;
  rotateAfterReveal: RotateAfterRevealDraft;
  sddcManager: EndpointDraft;
  installer: EndpointDraft;
}

/** The environment's sources as the form shows them. */
export const ENVIRONMENT_ENDPOINTS = [
  {
    key: 'sddcManager',
    title: 'SDDC Manager',
    example: 'https://sddc-manager.example.com',
  },
  {
    key: 'installer',
    title: 'VCF Installer',
    example: 'https://vcf-installer.example.com',
  },
] as const;

export function toDraft(environment?: VcfEnvironment): EnvironmentDraft {
  return {
    id: environment?.id ?? '',
    title: environment?.title ?? '',
    description: environment?.description ?? '',
    owner: environment?.owner ?? '',
    discoverVcenters: environment?.discoverVcenters ?? true,
    rotateAfterReveal: {
      enabled: !!environment?.rotateAfterReveal,
      afterMinutes: String(environment?.rotateAfterReveal?.afterMinutes ?? 60),
      resourceTypes: environment?.rotateAfterReveal?.resourceTypes ?? [
        'ESXI',
        'VCENTER',
      ],
    },
    sddcManager: toEndpointDraft(environment?.sddcManager),
    installer: toEndpointDraft(environment?.installer),
  };
}

export function toInput(draft: EnvironmentDraft): VcfEnvironmentInput {
  return {
    id: draft.id.trim(),
    title: draft.title.trim(),
    description: draft.description.trim() || undefined,
    owner: draft.owner.trim() || undefined,
    discoverVcenters: draft.discoverVcenters,
    // Rotations go through SDDC Manager: without one there is nothing to rotate.
    rotateAfterReveal:
      draft.sddcManager.enabled && draft.rotateAfterReveal.enabled
        ? {
            afterMinutes: Number(draft.rotateAfterReveal.afterMinutes),
            resourceTypes: draft.rotateAfterReveal.resourceTypes,
          }
        : undefined,
    sddcManager: draft.sddcManager.enabled
      ? toEndpointInput(draft.sddcManager)
      : undefined,
    installer: draft.installer.enabled
      ? toEndpointInput(draft.installer)
      : undefined,
  };
}

/** An entity ref such as `group:default/vcf-admins`. */
export const OWNER_PATTERN = /^(group|user):/;

/** Validation errors by field path (`title`, `sddcManager.baseUrl`, …); empty when valid. */
export function validate(draft: EnvironmentDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!VCF_ID_PATTERN.test(draft.id.trim())) {
    errors.id = VCF_ID_HINT;
  }
  if (!draft.title.trim()) {
    errors.title = 'Give the environment a name.';
  }
  if (draft.owner.trim() && !OWNER_PATTERN.test(draft.owner.trim())) {
    errors.owner = 'An entity ref such as group:default/vcf-admins.';
  }
  if (!draft.sddcManager.enabled && !draft.installer.enabled) {
    errors.endpoints = 'Configure an SDDC Manager, a VCF Installer, or both.';
  }
  const rotation = draft.rotateAfterReveal;
  if (draft.sddcManager.enabled && rotation.enabled) {
    const minutes = Number(rotation.afterMinutes.trim());
    if (
      !/^\d+$/.test(rotation.afterMinutes.trim()) ||
      minutes < 1 ||
      minutes > MAX_ROTATE_AFTER_MINUTES
    ) {
      errors[
        'rotateAfterReveal.afterMinutes'
      ] = `Whole minutes from 1 to ${MAX_ROTATE_AFTER_MINUTES} (a week).`;
    }
    if (rotation.resourceTypes.length === 0) {
      errors['rotateAfterReveal.resourceTypes'] =
        'Choose the resource types whose passwords are rotated after a reveal.';
    }
  }
  for (const { key, example } of ENVIRONMENT_ENDPOINTS) {
    if (draft[key].enabled) {
      Object.assign(errors, validateEndpoint(draft[key], key, example));
    }
  }
  return errors;
}
