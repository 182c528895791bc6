import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import VisibilityIcon from '@material-ui/icons/Visibility';
import VisibilityOffIcon from '@material-ui/icons/VisibilityOff';
import {
  type CredentialSummary,
  vcfCredentialRevealPermission,
} from '@vcf-backstage/plugin-vcf-common';
import { useState } from 'react';
import { vcfApiRef } from '../../api';
import { useTimedSecret } from '../../hooks/useTimedSecret';
import { useRevealSeconds } from '../../hooks/useRevealSeconds';
import { describeError } from '../../util/errors';


const useStyles = makeStyles(theme => ({
  password: {
    fontFamily: 'monospace',
    padding: theme.spacing(0.25, 0.75),
    borderRadius: theme.shape.borderRadius,
    background: theme.palette.background.default,
    userSelect: 'all',
    wordBreak: 'break-all',
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

async function copyToClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard access (insecure context, denied): the password is still on screen.
    return false;
  }
}

/**
 * "Reveal" for one credential: fetches the password (the backend checks and audits it),
 * shows it, copies it to the clipboard and hides it again after `vcf.revealSeconds` (default 20).
 * Renders nothing for users who may not reveal this credential.
 */
export function RevealPasswordButton(props: { credential: CredentialSummary }) {
  const { credential } = props;
  const classes = useStyles();
  const api = useApi(vcfApiRef);
  const { allowed } = usePermission({
    permission: vcfCredentialRevealPermission,
    resourceRef: credential.id,
  });
  const { secret, remaining, show, hide } =
    useTimedSecret<string>(useRevealSeconds());
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<string>();
  const label = credentialLabel(credential);

  if (!allowed || credential.removedAt) {
    return null;
  }

  const reveal = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const { password } = await api.revealPassword(credential.id);
      show(password);
      setCopied(await copyToClipboard(password));
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  if (secret !== undefined) {
    return (
      <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={4}>
        <span className={classes.password} data-testid="vcf-password">
          {secret}
        </span>
        <IconButton
          size="small"
          aria-label={`Hide password for ${label}`}
          onClick={hide}
        >
          <VisibilityOffIcon fontSize="small" />
        </IconButton>
        <Typography variant="caption" color="textSecondary" aria-live="polite">
          {copied ? 'Copied · ' : ''}hides in {remaining} s
        </Typography>
      </Box>
    );
  }

  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={4}>
      <Button
        size="small"
        className={classes.revealButton}
        aria-label={`Reveal password for ${label}`}
        startIcon={<VisibilityIcon fontSize="small" />}
        disabled={busy}
        onClick={reveal}
      >
        Reveal
      </Button>
      {error && (
        <Typography variant="caption" color="error" role="alert">
          {error}
        </Typography>
      )}
    </Box>
  );
}
