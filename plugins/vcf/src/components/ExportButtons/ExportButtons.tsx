import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import CircularProgress from '@material-ui/core/CircularProgress';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useState } from 'react';
import type { VcfDownload, VcfExportFormat } from '../../api';
import { saveDownload } from '../../util/download';
import { describeError } from '../../util/errors';

const FORMATS: Array<{ format: VcfExportFormat; label: string; name: string }> =
  [
    { format: 'csv', label: 'CSV', name: 'Export CSV' },
    { format: 'xlsx', label: 'Excel', name: 'Export Excel' },
  ];

/** Props of {@link ExportButtons}. */
export interface ExportButtonsProps {
  /** Fetches the file; the buttons save it. */
  onExport(format: VcfExportFormat): Promise<VcfDownload>;
}

/** "Export CSV" and "Export Excel" buttons that download through the VCF API and save the file. */
export function ExportButtons(props: ExportButtonsProps) {
  const { onExport } = props;
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState<VcfExportFormat>();

  const run = async (format: VcfExportFormat) => {
    setBusy(format);
    try {
      saveDownload(await onExport(format));
    } catch (error) {
      alertApi.post({
        message: `Export failed: ${describeError(error)}`,
        severity: 'error',
        display: 'transient',
      });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <ButtonGroup size="small" variant="outlined" color="primary">
      {FORMATS.map(({ format, label, name }) => (
        <Button
          key={format}
          aria-label={name}
          disabled={busy !== undefined}
          onClick={() => run(format)}
          startIcon={
            busy === format ? (
              <CircularProgress size={14} />
            ) : (
              <GetAppIcon fontSize="small" />
            )
          }
        >
          {label}
        </Button>
      ))}
    </ButtonGroup>
  );
}
