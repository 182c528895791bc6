import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
} from '@backstage/core-components';
import type { VcenterSummary } from '@vcf-backstage/plugin-vcf-common';

type VcenterState = Pick<VcenterSummary, 'enabled' | 'sync'>;

/** connected / error / disabled / syncing / not synced yet, from a vCenter's sync state. */
export function VcenterStatus(props: { vcenter: VcenterState }) {
  const { enabled, sync } = props.vcenter;
  if (!enabled || sync.status === 'disabled') {
    return <StatusAborted>disabled</StatusAborted>;
  }
  switch (sync.status) {
    case 'succeeded':
      return <StatusOK>connected</StatusOK>;
    case 'failed':
      return <StatusError>error</StatusError>;
    case 'running':
      return <StatusRunning>syncing</StatusRunning>;
    default:
      return <StatusPending>not synced yet</StatusPending>;
  }
}
