import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { EndpointDraft } from './endpoint';

/** Props of {@link EndpointFields}. */
export interface EndpointFieldsProps {
  /** Prefix of the input ids. */
  idPrefix: string;
  /** e.g. `SDDC Manager`; prefixes the field labels. */
  title: string;
  /** Placeholder of the URL field. */
  example: string;
  draft: EndpointDraft;
  /** Errors keyed `${errorPrefix}.${field}`. */
  errors: Record<string, string>;
  errorPrefix: string;
  /** Show an "enable" checkbox (for an environment's optional sources). */
  optional?: boolean;
  /** Server default of the sync interval, for the helper text. */
  defaultIntervalMinutes: number;
  onChange(draft: EndpointDraft): void;
}

/**
 * URL, service account, password, TLS and schedule of one upstream endpoint; shared by the
 * environment and the vCenter forms.
 */
export function EndpointFields(props: EndpointFieldsProps) {
  const {
    idPrefix,
    title,
    example,
    draft,
    errors,
    errorPrefix,
    optional,
    defaultIntervalMinutes,
    onChange,
  } = props;
  const set = (patch: Partial<EndpointDraft>) =>
    onChange({ ...draft, ...patch });
  const error = (field: string): string | undefined =>
    errors[`${errorPrefix}.${field}`];

  return (
    <Box component="fieldset" border={0} padding={0} margin={0} marginTop={2}>
      {optional && (
        <FormControlLabel
          control={
            <Checkbox
              checked={draft.enabled}
              onChange={event => set({ enabled: event.target.checked })}
            />
          }
          label={<Typography variant="h6">{title}</Typography>}
        />
      )}
      {(draft.enabled || !optional) && (
        <Grid container spacing={2}>
          <Grid item xs={12} md={6}>
            <TextField
              id={`${idPrefix}-url`}
              label={`${title} URL`}
              placeholder={example}
              fullWidth
              required
              value={draft.baseUrl}
              onChange={event => set({ baseUrl: event.target.value })}
              error={!!error('baseUrl')}
              helperText={error('baseUrl')}
            />
          </Grid>
          <Grid item xs={12} md={6}>
            <TextField
              id={`${idPrefix}-username`}
              label={`${title} username`}
              placeholder="svc-backstage@vsphere.local"
              fullWidth
              required
              value={draft.username}
              onChange={event => set({ username: event.target.value })}
              error={!!error('username')}
              helperText={error('username')}
            />
          </Grid>
          <Grid item xs={12} md={6}>
            <TextField
              id={`${idPrefix}-password`}
              label={`${title} password`}
              type="password"
              autoComplete="new-password"
              fullWidth
              required={!draft.stored}
              value={draft.password}
              onChange={event => set({ password: event.target.value })}
              error={!!error('password')}
              helperText={
                error('password') ??
                (draft.stored
                  ? 'Leave empty to keep the stored password.'
                  : undefined)
              }
            />
          </Grid>
          <Grid item xs={12} md={6}>
            <TextField
              id={`${idPrefix}-interval`}
              label="Sync every (minutes)"
              type="number"
              placeholder={String(defaultIntervalMinutes)}
              fullWidth
              value={draft.intervalMinutes}
              onChange={event => set({ intervalMinutes: event.target.value })}
              error={!!error('intervalMinutes')}
              helperText={
                error('intervalMinutes') ??
                `Empty: every ${defaultIntervalMinutes} minutes.`
              }
            />
          </Grid>
          <Grid item xs={12}>
            <FormControlLabel
              control={
                <Switch
                  checked={draft.verifyTls}
                  onChange={event => set({ verifyTls: event.target.checked })}
                />
              }
              label="Verify the TLS certificate"
            />
            {!draft.verifyTls && (
              <Alert severity="warning">
                Without verification the service-account password can be
                intercepted. Prefer trusting the CA below.
              </Alert>
            )}
          </Grid>
          <Grid item xs={12}>
            <TextField
              id={`${idPrefix}-ca`}
              label="CA certificate (PEM)"
              multiline
              minRows={2}
              fullWidth
              placeholder="-----BEGIN CERTIFICATE-----"
              value={draft.ca}
              onChange={event => set({ ca: event.target.value })}
            />
          </Grid>
        </Grid>
      )}
    </Box>
  );
}
