import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import FileCopyOutlinedIcon from '@material-ui/icons/FileCopyOutlined';
import VisibilityIcon from '@material-ui/icons/Visibility';
import VisibilityOffIcon from '@material-ui/icons/VisibilityOff';
import {
  type CredentialSummary,
  vcfCredentialRevealPermission,
} from '@vcf-backstage/plugin-vcf-common';
import { useState } from 'react';
import { vcfApiRef } from '../../api';
import { useRevealSeconds } from '../../hooks/useRevealSeconds';
import { describeError } from '../../util/errors';
import { useRevealedSecret } from './RevealedSecretContext';

const useStyles = makeStyles(theme => ({
  password: {
    fontFamily: 'monospace',
    padding: theme.spacing(0.25, 0.75),
    borderRadius: theme.shape.borderRadius,
    background: theme.palette.background.default,
    userSelect: 'all',
    wordBreak: 'break-all',
    // A long password wraps inside the action column instead of widening the table.
    maxWidth: 180,
  },
  revealButton: {
    // In a narrow table column the label must not break into "REV / EAL".
    whiteSpace: 'nowrap',
    flexShrink: 0,
  },
}));

/** `root@esx01.example.com`: how buttons and dialogs name a credential. */
export function credentialLabel(credential: CredentialSummary): string {
  return `${credential.username}@${credential.resourceName}`;
}

/**
 * The block "Copy credentials" puts on the clipboard: host, user and password on their own lines,
 * ready to paste into a login prompt or a ticket.
 */
export function credentialBlock(
  credential: CredentialSummary,
  password: string,
): string {
  return [
    `Host: ${credential.resourceName}`,
    ...(credential.resourceIp ? [`IP: ${credential.resourceIp}`] : []),
    `Username: ${credential.username}`,
    `Password: ${password}`,
  ].join('\n');
}

/**
 * "Reveal" and "Copy credentials" for one credential: fetches the password (the backend checks and
 * audits it), shows it and copies it, alone or with host and user, to the clipboard. One password
 * is visible at a time on the page; it hides after `vcf.revealSeconds` (default 20), and the
 * clipboard is cleared then if it still holds it. Renders nothing for users who may not reveal
 * this credential.
 */
export function RevealPasswordButton(props: { credential: CredentialSummary }) {
  const { credential } = props;
  const classes = useStyles();
  const api = useApi(vcfApiRef);
  const { allowed } = usePermission({
    permission: vcfCredentialRevealPermission,
    resourceRef: credential.id,
  });
  const seconds = useRevealSeconds();
  const { revealed, show, hide } = useRevealedSecret(credential.id);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const label = credentialLabel(credential);

  if (!allowed || credential.removedAt) {
    return null;
  }

  const reveal = async (asBlock: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      const { password } = await api.revealPassword(credential.id);
      await show(
        password,
        seconds,
        asBlock ? credentialBlock(credential, password) : password,
      );
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  if (revealed !== undefined) {
    let copied = '';
    if (revealed.copied === revealed.text) copied = 'Copied · ';
    else if (revealed.copied !== undefined)
      copied = 'Copied with host and user · ';
    return (
      <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={4}>
        <span className={classes.password} data-testid="vcf-password">
          {revealed.text}
        </span>
        <IconButton
          size="small"
          aria-label={`Hide password for ${label}`}
          onClick={hide}
        >
          <VisibilityOffIcon fontSize="small" />
        </IconButton>
        <Typography variant="caption" color="textSecondary" aria-live="polite">
          {copied}hides in {revealed.remaining} s
        </Typography>
      </Box>
    );
  }

  return (
    <Box display="flex" alignItems="center" flexWrap="nowrap" gridGap={4}>
      <Button
        size="small"
        className={classes.revealButton}
        aria-label={`Reveal password for ${label}`}
        startIcon={<VisibilityIcon fontSize="small" />}
        disabled={busy}
        onClick={() => reveal(false)}
      >
        Reveal
      </Button>
      <Tooltip title="Copy host, user and password">
        <span>
          <IconButton
            size="small"
            aria-label={`Copy credentials for ${label}`}
            disabled={busy}
            onClick={() => reveal(true)}
          >
            <FileCopyOutlinedIcon fontSize="small" />
          </IconButton>
        </span>
      </Tooltip>
      {error && (
        <Typography variant="caption" color="error" role="alert">
          {error}
        </Typography>
      )}
    </Box>
  );
}
