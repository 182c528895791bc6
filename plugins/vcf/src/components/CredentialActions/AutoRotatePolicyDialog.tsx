import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import type { AutoRotatePolicyInput } from '@vcf-backstage/plugin-vcf-common';
import { useState } from 'react';
import { useElementId } from '../../hooks/useElementId';
import { describeError } from '../../util/errors';

/** Props of {@link AutoRotatePolicyDialog}. */
export interface AutoRotatePolicyDialogProps {
  onSubmit(policy: AutoRotatePolicyInput): Promise<void>;
  onClose(): void;
}

/** Turns SDDC Manager's automatic rotation of one credential on (every N days) or off. */
export function AutoRotatePolicyDialog(props: AutoRotatePolicyDialogProps) {
  const titleId = useElementId('vcf-auto-rotate');
  const [enabled, setEnabled] = useState(true);
  const [days, setDays] = useState('30');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const frequencyInDays = Number(days);
  const validDays =
    /^\d+$/.test(days) && frequencyInDays >= 1 && frequencyInDays <= 90;

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onSubmit(
        enabled ? { enabled, frequencyInDays } : { enabled },
      );
      props.onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={busy ? undefined : props.onClose}
      aria-labelledby={titleId}
    >
      <DialogTitle id={titleId}>Auto-rotate policy</DialogTitle>
      <DialogContent>
        <FormControlLabel
          control={
            <Switch
              checked={enabled}
              onChange={event => setEnabled(event.target.checked)}
            />
          }
          label="Rotate automatically"
        />
        {enabled && (
          <TextField
            label="Every (days)"
            value={days}
            onChange={event => setDays(event.target.value)}
            error={!validDays}
            helperText="1 to 90 days"
            inputProps={{ inputMode: 'numeric' }}
          />
        )}
        {error !== undefined && (
          <Alert severity="error">{describeError(error)}</Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose} disabled={busy}>
          Cancel
        </Button>
        <Button
          color="primary"
          onClick={submit}
          disabled={busy || (enabled && !validDays)}
        >
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
}
