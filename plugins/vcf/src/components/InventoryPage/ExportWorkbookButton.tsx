import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useState } from 'react';
import type { VcfDownload } from '../../api';
import { saveDownload } from '../../util/download';
import { describeError } from '../../util/errors';

/** "Download all": saves the one workbook of the whole inventory (a sheet per kind). */
export function ExportWorkbookButton(props: {
  onExport(): Promise<VcfDownload>;
}) {
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      saveDownload(await props.onExport());
    } catch (error) {
      alertApi.post({
        message: `Download failed: ${describeError(error)}`,
        severity: 'error',
        display: 'transient',
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="small"
      variant="outlined"
      color="primary"
      disabled={busy}
      onClick={run}
      startIcon={
        busy ? <CircularProgress size={14} /> : <GetAppIcon fontSize="small" />
      }
    >
      Download all
    </Button>
  );
}
