import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import {
  VCF_PASSWORD_POLICY,
  vcfPasswordPolicyViolation,
} from '@vcf-backstage/plugin-vcf-common';
import { useState } from 'react';
import { useElementId } from '../../hooks/useElementId';
import { describeError } from '../../util/errors';
import { generateVcfPassword } from './generateVcfPassword';

/** Props of {@link PasswordDialog}. */
export interface PasswordDialogProps {
  title: string;
  description: string;
  confirmLabel: string;
  /** Checks the password against VCF's policy before sending it (update; remediation sends what the resource has). */
  enforcePolicy: boolean;
  onSubmit(password: string): Promise<void>;
  onClose(): void;
}

/**
 * Asks for a password, with the policy as hint and a generator. The password lives in this dialog's state only and
 * is dropped when it closes.
 */
export function PasswordDialog(props: PasswordDialogProps) {
  const { title, description, confirmLabel, enforcePolicy, onSubmit, onClose } =
    props;
  const titleId = useElementId('vcf-password-dialog');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const violation =
    enforcePolicy && password
      ? vcfPasswordPolicyViolation(password)
      : undefined;

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(password);
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={busy ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>
        <DialogContentText>{description}</DialogContentText>
        <TextField
          label="New password"
          type="text"
          value={password}
          onChange={event => setPassword(event.target.value)}
          fullWidth
          autoComplete="off"
          inputProps={{ spellCheck: false, 'data-testid': 'vcf-new-password' }}
          error={!!violation}
          helperText={
            violation
              ? `The password ${violation}.`
              : `VCF policy: ${VCF_PASSWORD_POLICY.description}`
          }
        />
        {enforcePolicy && (
          <Button
            size="small"
            onClick={() => setPassword(generateVcfPassword())}
            disabled={busy}
          >
            Generate
          </Button>
        )}
        {error !== undefined && (
          <Alert severity="error">{describeError(error)}</Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button
          color="primary"
          onClick={submit}
          disabled={busy || !password || !!violation}
        >
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
