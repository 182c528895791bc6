import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import type {
  VcfEnvironment,
  VcfEnvironmentInput,
} from '@vcf-backstage/plugin-vcf-common';
import { type FormEvent, useState } from 'react';
import { useElementId } from '../../hooks/useElementId';
import { describeError } from '../../util/errors';
import { afterSave, EndpointFields } from '../EndpointFields';
import { RotateAfterRevealFields } from './RotateAfterRevealFields';
import {
  ENVIRONMENT_ENDPOINTS,
  type EnvironmentDraft,
  toDraft,
  toInput,
  validate,
} from './model';

/** Props of {@link EnvironmentForm}. */
export interface EnvironmentFormProps {
  /** The environment to edit; a new one when absent. */
  environment?: VcfEnvironment;
  submitLabel: string;
  onSubmit(input: VcfEnvironmentInput): Promise<void>;
  onCancel?(): void;
}

/**
 * Create or edit an API-managed environment: its SDDC Manager and/or VCF Installer, and rotate-after-reveal
 * (offered with an SDDC Manager, which does the rotations).
 */
export function EnvironmentForm(props: EnvironmentFormProps) {
  const { environment, submitLabel, onSubmit, onCancel } = props;
  const prefix = useElementId('vcf-environment');
  const [draft, setDraft] = useState<EnvironmentDraft>(() =>
    toDraft(environment),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitError, setSubmitError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<EnvironmentDraft>) =>
    setDraft(current => ({ ...current, ...patch }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      return;
    }
    setBusy(true);
    setSubmitError(undefined);
    try {
      await onSubmit(toInput(draft));
      // Typed passwords are not kept in the page once they have been sent.
      setDraft(current => ({
        ...current,
        sddcManager: afterSave(current.sddcManager),
        installer: afterSave(current.installer),
      }));
    } catch (e) {
      setSubmitError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={environment ? `Edit ${environment.title}` : 'New environment'}
    >
      <Grid container spacing={2}>
        <Grid item xs={12} md={6}>
          <TextField
            id={`${prefix}-id`}
            label="Id"
            required
            fullWidth
            disabled={!!environment}
            value={draft.id}
            onChange={event => set({ id: event.target.value })}
            error={!!errors.id}
            helperText={
              errors.id ??
              'Used in URLs and in the vcf-backstage.io/environment annotation.'
            }
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <TextField
            id={`${prefix}-title`}
            label="Title"
            required
            fullWidth
            value={draft.title}
            onChange={event => set({ title: event.target.value })}
            error={!!errors.title}
            helperText={errors.title}
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <TextField
            id={`${prefix}-description`}
            label="Description"
            fullWidth
            value={draft.description}
            onChange={event => set({ description: event.target.value })}
          />
        </Grid>
        <Grid item xs={12} md={6}>
          <TextField
            id={`${prefix}-owner`}
            label="Owner"
            placeholder="group:default/vcf-admins"
            fullWidth
            value={draft.owner}
            onChange={event => set({ owner: event.target.value })}
            error={!!errors.owner}
            helperText={errors.owner}
          />
        </Grid>
        <Grid item xs={12}>
          <FormControlLabel
            control={
              <Switch
                checked={draft.discoverVcenters}
                onChange={event =>
                  set({ discoverVcenters: event.target.checked })
                }
              />
            }
            label="Discover the environment's vCenters from SDDC Manager for the inventory"
          />
        </Grid>
      </Grid>
      {ENVIRONMENT_ENDPOINTS.map(({ key, title, example }) => (
        <EndpointFields
          key={key}
          idPrefix={`${prefix}-${key}`}
          title={title}
          example={example}
          draft={draft[key]}
          errors={errors}
          errorPrefix={key}
          optional
          defaultIntervalMinutes={30}
          onChange={value => set({ [key]: value })}
        />
      ))}
      {draft.sddcManager.enabled && (
        <RotateAfterRevealFields
          idPrefix={`${prefix}-rotate-after-reveal`}
          draft={draft.rotateAfterReveal}
          errors={errors}
          onChange={rotateAfterReveal => set({ rotateAfterReveal })}
        />
      )}
      {errors.endpoints && (
        <Box marginTop={2}>
          <Alert severity="error">{errors.endpoints}</Alert>
        </Box>
      )}
      {submitError !== undefined && (
        <Box marginTop={2}>
          <Alert severity="error">{describeError(submitError)}</Alert>
        </Box>
      )}
      <Box marginTop={3} display="flex" gridGap={8}>
        <Button
          type="submit"
          variant="contained"
          color="primary"
          disabled={busy}
          startIcon={busy ? <CircularProgress size={14} /> : undefined}
        >
          {submitLabel}
        </Button>
        {onCancel && (
          <Button onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
        )}
      </Box>
    </form>
  );
}
