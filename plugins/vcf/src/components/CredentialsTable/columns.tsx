import { SubvalueCell, type TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import type {
  CredentialSummary,
  ExpiryStatus,
} from '@vcf-backstage/plugin-vcf-common';
import {
  formatDateTime,
  formatRelativeTime,
  sourceTitle,
} from '../../util/format';
import { CredentialActions } from '../CredentialActions';
import { CredentialHistoryButton } from '../CredentialHistoryDialog';
import { RevealPasswordButton } from '../RevealPassword';

const EXPIRY_COLORS: Record<ExpiryStatus, 'default' | 'primary' | 'secondary'> =
  {
    ACTIVE: 'default',
    EXPIRING: 'primary',
    EXPIRED: 'secondary',
    UNKNOWN: 'default',
  };

function ExpiryCell(props: { credential: CredentialSummary }) {
  const { expiryStatus, expiryDate } = props.credential;
  if (!expiryStatus) {
    return <>–</>;
  }
  return (
    <SubvalueCell
      value={
        <Chip
          size="small"
          label={expiryStatus.toLowerCase()}
          color={EXPIRY_COLORS[expiryStatus]}
        />
      }
      subvalue={expiryDate ? formatDateTime(expiryDate) : undefined}
    />
  );
}

/**
 * Columns of the credential list. Each `field` is the `orderBy` name the backend sorts by;
 * the password column reveals one password at a time.
 */
export const credentialColumns: TableColumn<CredentialSummary>[] = [
  {
    title: 'Resource',
    field: 'resourceName',
    highlight: true,
    render: row => (
      <SubvalueCell value={row.resourceName} subvalue={row.resourceIp} />
    ),
  },
  { title: 'Resource type', field: 'resourceType' },
  { title: 'Domain', field: 'domainName', emptyValue: '–' },
  { title: 'Username', field: 'username' },
  { title: 'Credential type', field: 'credentialType' },
  { title: 'Account type', field: 'accountType', emptyValue: '–' },
  {
    title: 'Source',
    field: 'source',
    render: row => sourceTitle(row.source),
  },
  {
    title: 'Expiry',
    field: 'expiryStatus',
    render: row => <ExpiryCell credential={row} />,
  },
  {
    title: 'Auto-rotate',
    sorting: false,
    render: row =>
      row.autoRotate ? (
        <SubvalueCell
          value={`every ${row.autoRotate.frequencyInDays} d`}
          subvalue={
            row.autoRotate.nextRotationAt
              ? `next ${formatRelativeTime(row.autoRotate.nextRotationAt)}`
              : undefined
          }
        />
      ) : (
        '–'
      ),
  },
  {
    title: 'Last seen',
    field: 'lastSeenAt',
    render: row =>
      row.removedAt ? (
        <SubvalueCell
          value="removed upstream"
          subvalue={formatDateTime(row.removedAt)}
        />
      ) : (
        formatRelativeTime(row.lastSeenAt)
      ),
  },
  {
    title: 'Password',
    sorting: false,
    render: row => (
      <Box display="flex" alignItems="center">
        <RevealPasswordButton credential={row} />
        <CredentialHistoryButton credential={row} />
        <CredentialActions credential={row} />
      </Box>
    ),
  },
];
