import { StatusError, StatusOK } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Alert from '@material-ui/lab/Alert';
import type { ConnectionTestResult } from '@vcf-backstage/plugin-vcf-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { describeError } from '../../util/errors';
import { formatDuration, sourceTitle } from '../../util/format';

/** The per-source outcome of a connection test. */
export function ConnectionTestResults(props: { result: ConnectionTestResult }) {
  return (
    <List dense aria-label="Connection test results">
      {props.result.results.map(item => (
        <ListItem key={item.source} disableGutters>
          <ListItemText
            primary={
              item.ok ? (
                <StatusOK>{sourceTitle(item.source)}: connected</StatusOK>
              ) : (
                <StatusError>{sourceTitle(item.source)}: failed</StatusError>
              )
            }
            secondary={`${item.message} (${formatDuration(item.durationMs)})`}
          />
        </ListItem>
      ))}
    </List>
  );
}

/** A "Test connection" button that shows the result of each source below it. */
export function ConnectionTestButton(props: {
  onTest(): Promise<ConnectionTestResult>;
  disabled?: boolean;
}) {
  const [state, run] = useAsyncFn(props.onTest, [props.onTest]);
  return (
    <Box>
      <Button
        variant="outlined"
        onClick={run}
        disabled={props.disabled || state.loading}
        startIcon={state.loading ? <CircularProgress size={14} /> : undefined}
      >
        Test connection
      </Button>
      {state.error && (
        <Box marginTop={1}>
          <Alert severity="error">
            The connection test could not run: {describeError(state.error)}
          </Alert>
        </Box>
      )}
      {state.value && <ConnectionTestResults result={state.value} />}
    </Box>
  );
}
