import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormHelperText from '@material-ui/core/FormHelperText';
import FormLabel from '@material-ui/core/FormLabel';
import Switch from '@material-ui/core/Switch';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  MAX_ROTATE_AFTER_MINUTES,
  ROTATABLE_RESOURCE_TYPES,
  type RotateAfterRevealDraft,
} from './model';

/** Props of {@link RotateAfterRevealFields}. */
export interface RotateAfterRevealFieldsProps {
  idPrefix: string;
  draft: RotateAfterRevealDraft;
  /** Validation errors by field path (`rotateAfterReveal.afterMinutes`, …). */
  errors: Record<string, string>;
  onChange(draft: RotateAfterRevealDraft): void;
}

/**
 * Rotate-after-reveal of an environment: on or off, after how many minutes, and for which resource types. Each
 * reveal of such a credential has SDDC Manager rotate it once after the delay (a later reveal pushes it back).
 */
export function RotateAfterRevealFields(props: RotateAfterRevealFieldsProps) {
  const { idPrefix, draft, errors, onChange } = props;
  const set = (patch: Partial<RotateAfterRevealDraft>) =>
    onChange({ ...draft, ...patch });
  const typeError = errors['rotateAfterReveal.resourceTypes'];
  // Types the environment already uses stay offered even if the list above does not name them.
  const offered = [
    ...ROTATABLE_RESOURCE_TYPES,
    ...draft.resourceTypes.filter(t => !ROTATABLE_RESOURCE_TYPES.includes(t)),
  ];
  const toggle = (type: string, checked: boolean) =>
    set({
      resourceTypes: checked
        ? [...draft.resourceTypes, type]
        : draft.resourceTypes.filter(t => t !== type),
    });

  return (
    <Box marginTop={3}>
      <Typography variant="h6" component="h3">
        Rotate after reveal
      </Typography>
      <FormControlLabel
        control={
          <Switch
            checked={draft.enabled}
            onChange={event => set({ enabled: event.target.checked })}
          />
        }
        label="Have SDDC Manager rotate a password some time after it was revealed"
      />
      {draft.enabled && (
        <Box display="flex" flexWrap="wrap" gridGap={24} marginTop={1}>
          <TextField
            id={`${idPrefix}-after-minutes`}
            label="Rotate after (minutes)"
            type="number"
            inputProps={{ min: 1, max: MAX_ROTATE_AFTER_MINUTES }}
            value={draft.afterMinutes}
            onChange={event => set({ afterMinutes: event.target.value })}
            error={!!errors['rotateAfterReveal.afterMinutes']}
            helperText={
              errors['rotateAfterReveal.afterMinutes'] ??
              'A later reveal pushes the rotation back; it never runs twice.'
            }
          />
          <FormControl component="fieldset" error={!!typeError}>
            <FormLabel component="legend">Resource types</FormLabel>
            <FormGroup row>
              {offered.map(type => (
                <FormControlLabel
                  key={type}
                  control={
                    <Checkbox
                      size="small"
                      checked={draft.resourceTypes.includes(type)}
                      onChange={event => toggle(type, event.target.checked)}
                    />
                  }
                  label={type}
                />
              ))}
            </FormGroup>
            {typeError && <FormHelperText>{typeError}</FormHelperText>}
          </FormControl>
        </Box>
      )}
    </Box>
  );
}
