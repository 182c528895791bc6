import { SubvalueCell } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import type { CredentialSummary } from '@vcf-backstage/plugin-vcf-common';
import { createContext, useContext } from 'react';
import {
  formatCompactRelativeTime,
  formatDateTime,
  formatRotatesIn,
  sourceTitle,
} from '../../util/format';
import { CredentialActions } from '../CredentialActions';
import { CredentialHistoryButton } from '../CredentialHistoryDialog';
import { ExpiryChip } from '../ExpiryStatus';
import type { RemoteTableColumn } from '../RemoteTable';
import { RevealPasswordButton } from '../RevealPassword';

/** A short relative time with the full date on hover. */
function CompactTime(props: { iso: string | undefined; prefix?: string }) {
  const { iso, prefix = '' } = props;
  if (!iso) return <>–</>;
  return (
    <Tooltip title={formatDateTime(iso)}>
      <span>
        {prefix}
        {formatCompactRelativeTime(iso)}
      </span>
    </Tooltip>
  );
}

/** When rotate-after-reveal rotates each credential that has a rotation scheduled, by credential id. */
export const ScheduledRotationsContext = createContext<
  ReadonlyMap<string, string>
>(new Map());

/** "rotates in 57 min" for a credential whose reveal scheduled a rotation, with the time on hover. */
function ScheduledRotation(props: { credentialId: string }) {
  const rotatesAt = useContext(ScheduledRotationsContext).get(
    props.credentialId,
  );
  if (!rotatesAt) return null;
  return (
    <Tooltip title={`Rotated after a reveal, at ${formatDateTime(rotatesAt)}`}>
      <Typography
        variant="caption"
        color="secondary"
        display="block"
        data-testid={`vcf-rotates-at-${props.credentialId}`}
      >
        {formatRotatesIn(rotatesAt)}
      </Typography>
    </Tooltip>
  );
}

/** The auto-rotate policy of a credential and a pending rotate-after-reveal. */
function RotationCell(props: { credential: CredentialSummary }) {
  const { credential } = props;
  return (
    <>
      {credential.autoRotate ? (
        <SubvalueCell
          value={`every ${credential.autoRotate.frequencyInDays} d`}
          subvalue={
            credential.autoRotate.nextRotationAt ? (
              <CompactTime
                iso={credential.autoRotate.nextRotationAt}
                prefix="next "
              />
            ) : undefined
          }
        />
      ) : (
        '–'
      )}
      <ScheduledRotation credentialId={credential.id} />
    </>
  );
}

/** Reveal, copy, history and the rotate menu of one row; kept on one line in the sticky action column. */
function CredentialRowActions(props: { credential: CredentialSummary }) {
  return (
    <Box display="flex" alignItems="center" flexWrap="nowrap">
      <RevealPasswordButton credential={props.credential} />
      <CredentialHistoryButton credential={props.credential} />
      <CredentialActions credential={props.credential} />
    </Box>
  );
}

/**
 * Columns of the credential list, sized to fit a 1,280 px screen: resource, username, type, expiry
 * and the row actions are always shown, auto-rotate and last seen by default, the rest are offered
 * in the column chooser. Each `field` is the `orderBy` name the backend sorts by.
 */
export const credentialColumns: RemoteTableColumn<CredentialSummary>[] = [
  {
    title: 'Resource',
    field: 'resourceName',
    highlight: true,
    render: row => (
      <SubvalueCell
        value={row.resourceName}
        subvalue={[row.resourceType, row.resourceIp]
          .filter(Boolean)
          .join(' · ')}
      />
    ),
  },
  { title: 'Username', field: 'username' },
  { title: 'Type', field: 'credentialType' },
  {
    title: 'Expiry',
    field: 'expiryStatus',
    render: row => (
      <ExpiryChip status={row.expiryStatus} expiryDate={row.expiryDate} />
    ),
  },
  {
    title: 'Auto-rotate',
    sorting: false,
    choice: 'shown',
    render: row => <RotationCell credential={row} />,
  },
  {
    title: 'Last seen',
    field: 'lastSeenAt',
    choice: 'hidden',
    render: row =>
      row.removedAt ? (
        <CompactTime iso={row.removedAt} prefix="removed " />
      ) : (
        <CompactTime iso={row.lastSeenAt} />
      ),
  },
  // What admins scan a VCF estate by (ESXI, VCENTER, NSXT_MANAGER…): shown unless the user hides it.
  { title: 'Resource type', field: 'resourceType', choice: 'shown' },
  { title: 'Domain', field: 'domainName', emptyValue: '–', choice: 'hidden' },
  {
    title: 'Account type',
    field: 'accountType',
    emptyValue: '–',
    choice: 'hidden',
  },
  {
    title: 'Source',
    field: 'source',
    choice: 'hidden',
    render: row => sourceTitle(row.source),
  },
  {
    title: 'Actions',
    sorting: false,
    sticky: true,
    // Room for the reveal, copy and history controls plus one more row-actions cell.
    width: '1%',
    render: row => <CredentialRowActions credential={row} />,
  },
];
