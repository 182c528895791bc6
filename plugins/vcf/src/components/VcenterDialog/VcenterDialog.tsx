import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { ResponseError } from '@backstage/errors';
import type {
  VcenterInput,
  VcenterSummary,
} from '@vcf-backstage/plugin-vcf-common';
import { type FormEvent, useCallback, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { vcfApiRef } from '../../api';
import { useElementId } from '../../hooks/useElementId';
import { describeError } from '../../util/errors';
import { ConnectionTestButton } from '../ConnectionTest';
import { VCF_ID_HINT, VCF_ID_PATTERN } from '@vcf-backstage/plugin-vcf-common';
import {
  EndpointFields,
  type EndpointDraft,
  toEndpointDraft,
  toEndpointInput,
  validateEndpoint,
} from '../EndpointFields';

interface VcenterDraft {
  id: string;
  title: string;
  environmentId: string;
  enabled: boolean;
  endpoint: EndpointDraft;
}

function toDraft(vcenter?: VcenterSummary): VcenterDraft {
  return {
    id: vcenter?.id ?? '',
    title: vcenter?.title ?? '',
    environmentId: vcenter?.environmentId ?? '',
    enabled: vcenter?.enabled ?? true,
    endpoint: toEndpointDraft(vcenter),
  };
}

/** The API body of a vCenter from its current summary, e.g. to flip `enabled`. */
export function vcenterInputOf(vcenter: VcenterSummary): VcenterInput {
  return {
    id: vcenter.id,
    title: vcenter.title,
    baseUrl: vcenter.baseUrl,
    username: vcenter.username,
    environmentId: vcenter.environmentId,
    owner: vcenter.owner,
    enabled: vcenter.enabled,
    tls: vcenter.tls,
    intervalMinutes: vcenter.intervalMinutes,
  };
}

function toInput(draft: VcenterDraft, existing?: VcenterSummary): VcenterInput {
  const endpoint = toEndpointInput(draft.endpoint);
  return {
    id: draft.id.trim(),
    title: draft.title.trim() || draft.id.trim(),
    baseUrl: endpoint.baseUrl,
    username: endpoint.username,
    password: endpoint.password,
    environmentId: draft.environmentId || undefined,
    owner: existing?.owner,
    enabled: draft.enabled,
    tls: endpoint.tls,
    intervalMinutes: endpoint.intervalMinutes,
  };
}

function validate(draft: VcenterDraft): Record<string, string> {
  const errors = validateEndpoint(
    draft.endpoint,
    'endpoint',
    'https://vcenter01.example.com',
  );
  if (!VCF_ID_PATTERN.test(draft.id.trim())) {
    errors.id = VCF_ID_HINT;
  }
  return errors;
}

/** The backend's message of a 409 (a vCenter whose URL is already registered), or undefined. */
function conflictMessage(error: unknown): string | undefined {
  return error instanceof ResponseError && error.statusCode === 409
    ? error.cause?.message || error.message
    : undefined;
}

/** Props of {@link VcenterDialog}. */
export interface VcenterDialogProps {
  open: boolean;
  /** The vCenter to edit; a new one when absent. */
  vcenter?: VcenterSummary;
  onClose(): void;
  onSaved(vcenter: VcenterSummary): void;
}

/** Add or edit a vCenter: id, title, URL, service account, environment, TLS, interval, enabled. */
export function VcenterDialog(props: VcenterDialogProps) {
  const { open, vcenter, onClose, onSaved } = props;
  const api = useApi(vcfApiRef);
  const prefix = useElementId('vcf-vcenter');
  const [draft, setDraft] = useState(() => toDraft(vcenter));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<unknown>();
  const environments = useAsync(() => api.listEnvironments(), [api]);
  const set = (patch: Partial<VcenterDraft>) =>
    setDraft(current => ({ ...current, ...patch }));

  /** Checks the fields; false (with the errors shown) when one is wrong. */
  const check = (): boolean => {
    const found = validate(draft);
    setErrors(found);
    return Object.keys(found).length === 0;
  };

  // Before save: signs in with what the form holds; nothing is stored.
  const testConnection = useCallback(async () => {
    const found = validate(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      throw new Error('Correct the marked fields first.');
    }
    return api.testVcenterDefinition(toInput(draft, vcenter));
  }, [api, draft, vcenter]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!check()) {
      return;
    }
    setBusy(true);
    setSaveError(undefined);
    try {
      const input = toInput(draft, vcenter);
      const saved = vcenter
        ? await api.updateVcenter(vcenter.id, input)
        : await api.createVcenter(input);
      onSaved(saved);
      onClose();
    } catch (e) {
      setSaveError(e);
      const conflict = conflictMessage(e);
      if (conflict) setErrors({ 'endpoint.baseUrl': conflict });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={busy ? undefined : onClose}
      aria-labelledby={`${prefix}-title`}
      maxWidth="md"
      fullWidth
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id={`${prefix}-title`}>
          {vcenter ? `Edit ${vcenter.title}` : 'Add a vCenter'}
        </DialogTitle>
        <DialogContent>
          <Grid container spacing={2}>
            <Grid item xs={12} md={4}>
              <TextField
                id={`${prefix}-id`}
                label="Id"
                required
                fullWidth
                disabled={!!vcenter}
                value={draft.id}
                onChange={event => set({ id: event.target.value })}
                error={!!errors.id}
                helperText={errors.id}
              />
            </Grid>
            <Grid item xs={12} md={4}>
              <TextField
                id={`${prefix}-name`}
                label="Title"
                fullWidth
                value={draft.title}
                onChange={event => set({ title: event.target.value })}
              />
            </Grid>
            <Grid item xs={12} md={4}>
              <TextField
                id={`${prefix}-environment`}
                select
                label="Environment"
                fullWidth
                value={draft.environmentId}
                onChange={event => set({ environmentId: event.target.value })}
                SelectProps={{ native: true }}
                InputLabelProps={{ shrink: true }}
              >
                <option value="">none</option>
                {(environments.value ?? []).map(env => (
                  <option key={env.id} value={env.id}>
                    {env.title}
                  </option>
                ))}
              </TextField>
            </Grid>
          </Grid>
          <EndpointFields
            idPrefix={prefix}
            title="vCenter"
            example="https://vcenter01.example.com"
            draft={draft.endpoint}
            errors={errors}
            errorPrefix="endpoint"
            defaultIntervalMinutes={15}
            onChange={endpoint => set({ endpoint })}
          />
          <FormControlLabel
            control={
              <Switch
                checked={draft.enabled}
                onChange={event => set({ enabled: event.target.checked })}
              />
            }
            label="Sync this vCenter"
          />
          <Box marginTop={1}>
            <ConnectionTestButton onTest={testConnection} disabled={busy} />
          </Box>
          {saveError !== undefined && (
            <Box marginTop={2}>
              {conflictMessage(saveError) ? (
                <Alert severity="error">
                  <AlertTitle>This vCenter is already registered</AlertTitle>
                  {conflictMessage(saveError)}
                </Alert>
              ) : (
                <Alert severity="error">{describeError(saveError)}</Alert>
              )}
            </Box>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={busy}
            startIcon={busy ? <CircularProgress size={14} /> : undefined}
          >
            {vcenter ? 'Save' : 'Add'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
