import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { useTheme } from '@material-ui/core/styles';
import type { ExpiryStatus } from '@vcf-backstage/plugin-vcf-common';
import { formatDateTime, formatExpiry } from '../../util/format';
import { expiryColor, expirySeverity } from './expiryColors';

/**
 * A credential's expiry as a small outlined chip in the shared expiry colour: how far away the expiry
 * date is ("expires in 12 days", "expired 3 days ago") with the full date on hover, or the status alone
 * when SDDC Manager gave no date.
 */
export function ExpiryChip(props: {
  status: ExpiryStatus | undefined;
  expiryDate?: string;
}) {
  const { status, expiryDate } = props;
  const theme = useTheme();
  if (!status) return <>–</>;
  const severity = expirySeverity(status);
  const color = expiryColor(theme, severity);
  const label = formatExpiry(expiryDate) ?? severity;
  const chip = (
    <Chip
      size="small"
      variant="outlined"
      label={label}
      data-expiry={severity}
      style={{ color, borderColor: color }}
    />
  );
  return expiryDate ? (
    <Tooltip title={`Expires ${formatDateTime(expiryDate)}`}>{chip}</Tooltip>
  ) : (
    chip
  );
}
