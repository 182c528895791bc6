import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import HistoryIcon from '@material-ui/icons/History';
import Alert from '@material-ui/lab/Alert';
import {
  type CredentialHistoryEntry,
  type CredentialSummary,
  vcfCredentialRevealPermission,
} from '@vcf-backstage/plugin-vcf-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { vcfApiRef } from '../../api';
import { useElementId } from '../../hooks/useElementId';
import { useTimedSecret } from '../../hooks/useTimedSecret';
import { describeError } from '../../util/errors';
import { formatDateTime } from '../../util/format';
import { credentialLabel } from '../RevealPassword';
import { useRevealSeconds } from '../../hooks/useRevealSeconds';

function HistoryContent(props: { credential: CredentialSummary }) {
  const { credential } = props;
  const api = useApi(vcfApiRef);
  const { allowed: mayReveal } = usePermission({
    permission: vcfCredentialRevealPermission,
    resourceRef: credential.id,
  });
  const history = useAsync(
    () => api.getCredentialHistory(credential.id),
    [api, credential.id],
  );
  const revealed = useTimedSecret<CredentialHistoryEntry[]>(useRevealSeconds());
  const [revealError, setRevealError] = useState<unknown>();

  const reveal = async () => {
    setRevealError(undefined);
    try {
      revealed.show(
        await api.getCredentialHistory(credential.id, { reveal: true }),
      );
    } catch (e) {
      setRevealError(e);
    }
  };

  if (history.loading) {
    return <Progress />;
  }
  if (history.error) {
    return (
      <Alert severity="error">
        The password history could not be loaded: {describeError(history.error)}
      </Alert>
    );
  }
  const entries = history.value ?? [];
  if (entries.length === 0) {
    return (
      <Typography>
        The password has not changed since the credential was first synced.
      </Typography>
    );
  }
  const passwords = new Map(
    (revealed.secret ?? []).map(entry => [entry.id, entry.password]),
  );

  return (
    <>
      <Box display="flex" alignItems="center" gridGap={8} marginBottom={1}>
        {mayReveal && !revealed.secret && (
          <Button variant="outlined" size="small" onClick={reveal}>
            Reveal old passwords
          </Button>
        )}
        {revealed.secret && (
          <>
            <Button variant="outlined" size="small" onClick={revealed.hide}>
              Hide passwords
            </Button>
            <Typography variant="caption" color="textSecondary">
              hides in {revealed.remaining} s
            </Typography>
          </>
        )}
      </Box>
      {revealError !== undefined && (
        <Alert severity="error">{describeError(revealError)}</Alert>
      )}
      <Table size="small" aria-label="Password changes">
        <TableHead>
          <TableRow>
            <TableCell>Replaced at</TableCell>
            <TableCell>Previous password</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {entries.map(entry => (
            <TableRow key={entry.id}>
              <TableCell>{formatDateTime(entry.changedAt)}</TableCell>
              <TableCell>
                {passwords.get(entry.id) !== undefined ? (
                  <code data-testid="vcf-history-password">
                    {passwords.get(entry.id)}
                  </code>
                ) : (
                  '••••••••'
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

/**
 * A history button for one credential: opens a dialog listing when its password changed,
 * with the old passwords revealable by users allowed to reveal this credential.
 */
export function CredentialHistoryButton(props: {
  credential: CredentialSummary;
}) {
  const { credential } = props;
  const [open, setOpen] = useState(false);
  const titleId = useElementId('vcf-history');
  const label = credentialLabel(credential);

  return (
    <>
      <IconButton
        size="small"
        aria-label={`Password history for ${label}`}
        onClick={() => setOpen(true)}
      >
        <HistoryIcon fontSize="small" />
      </IconButton>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby={titleId}
        fullWidth
        maxWidth="sm"
      >
        <DialogTitle id={titleId}>Password history of {label}</DialogTitle>
        <DialogContent>
          {open && <HistoryContent credential={credential} />}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Close</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
