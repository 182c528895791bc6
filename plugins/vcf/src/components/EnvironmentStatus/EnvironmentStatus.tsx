import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  type CredentialSource,
  type SyncTargetStatus,
  type VcfEnvironment,
  vcfSyncTriggerPermission,
} from '@vcf-backstage/plugin-vcf-common';
import { useCallback, useRef } from 'react';
import { vcfApiRef } from '../../api';
import { sourceTitle } from '../../util/format';
import { type ExpirySeverity, expiryColor } from '../ExpiryStatus';
import { SyncTargetSummary } from '../SyncStatus';
import { SyncNowButton } from '../SyncNowButton';

/** The sources an environment has configured, in display order. */
export function environmentSources(
  environment: VcfEnvironment,
): CredentialSource[] {
  const sources: CredentialSource[] = [];
  if (environment.sddcManager || environment.sync['sddc-manager']) {
    sources.push('sddc-manager');
  }
  if (environment.installer || environment.sync.installer) {
    sources.push('installer');
  }
  return sources;
}

/** Per-source sync state of an environment, with the last error of failed sources. */
export function EnvironmentSyncStatus(props: { environment: VcfEnvironment }) {
  const { environment } = props;
  const sources = environmentSources(environment);
  if (sources.length === 0) {
    return (
      <Typography color="textSecondary">
        No SDDC Manager or VCF Installer is configured for this environment.
      </Typography>
    );
  }
  return (
    <Box display="flex" flexDirection="column" gridGap={8}>
      {sources.map(source => (
        <SyncTargetSummary
          key={source}
          label={sourceTitle(source)}
          sync={environment.sync[source]}
        />
      ))}
    </Box>
  );
}

function Count(props: {
  label: string;
  value: number;
  severity?: ExpirySeverity;
}) {
  const theme = useTheme();
  const colored = props.severity !== undefined && props.value > 0;
  return (
    <Grid item xs={6} sm={3}>
      <Typography
        variant="h5"
        component="p"
        data-expiry={colored ? props.severity : undefined}
        style={
          colored ? { color: expiryColor(theme, props.severity!) } : undefined
        }
      >
        {props.value}
      </Typography>
      <Typography variant="caption" color="textSecondary">
        {props.label}
      </Typography>
    </Grid>
  );
}

/** Total, expiring, expired and removed credentials of an environment. */
export function CredentialCounts(props: { environment: VcfEnvironment }) {
  const { total, expiringSoon, expired, removed } =
    props.environment.credentialCounts;
  return (
    <Grid container spacing={1} aria-label="Credential counts" role="group">
      <Count label="credentials" value={total} />
      <Count label="expiring soon" value={expiringSoon} severity="expiring" />
      <Count label="expired" value={expired} severity="expired" />
      <Count label="removed upstream" value={removed} />
    </Grid>
  );
}

/**
 * "Sync now" for an environment, for users allowed to trigger its sync: polls the
 * environment until the run has finished, then calls `onFinished`.
 */
export function EnvironmentSyncButton(props: {
  environment: VcfEnvironment;
  onFinished?(): void;
  pollIntervalMs?: number;
}) {
  const { environment, onFinished, pollIntervalMs } = props;
  const api = useApi(vcfApiRef);
  const { allowed } = usePermission({
    permission: vcfSyncTriggerPermission,
    resourceRef: environment.id,
  });
  const latest = useRef(environment);

  const readTargets = useCallback(async () => {
    latest.current = await api.getEnvironment(environment.id);
    return Object.values(latest.current.sync).filter(
      (target): target is SyncTargetStatus => target !== undefined,
    );
  }, [api, environment.id]);
  const trigger = useCallback(async () => {
    await api.syncEnvironment(environment.id);
  }, [api, environment.id]);
  const describeTarget = useCallback((target: SyncTargetStatus) => {
    const entry = Object.entries(latest.current.sync).find(
      ([, status]) => status?.targetId === target.targetId,
    );
    return entry ? sourceTitle(entry[0]) : target.targetId;
  }, []);

  if (!allowed || environmentSources(environment).length === 0) {
    return null;
  }
  return (
    <SyncNowButton
      readTargets={readTargets}
      trigger={trigger}
      onFinished={onFinished}
      describeTarget={describeTarget}
      intervalMs={pollIntervalMs}
    />
  );
}
