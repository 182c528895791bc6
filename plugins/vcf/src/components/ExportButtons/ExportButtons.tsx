import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import CircularProgress from '@material-ui/core/CircularProgress';
import Tooltip from '@material-ui/core/Tooltip';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useState } from 'react';
import type { VcfDownload, VcfExportFormat } from '../../api';
import { saveDownload } from '../../util/download';
import { describeError } from '../../util/errors';

const FORMATS: Array<{
  format: VcfExportFormat;
  label: string;
  name: string;
  description: string;
}> = [
  {
    format: 'csv',
    label: 'CSV',
    name: 'Export CSV',
    description:
      "For spreadsheets: a value starting with =, +, - or @ gets a leading ' so it cannot run as a formula (such values, passwords included, are then not exact).",
  },
  {
    format: 'csv-raw',
    label: 'Exact CSV',
    name: 'Export exact CSV',
    description:
      'For scripts: every value exactly as stored, without formula guard. Do not open it in a spreadsheet program.',
  },
  {
    format: 'xlsx',
    label: 'Excel',
    name: 'Export Excel',
    description:
      'Every value exactly, in text cells that never run as formulas.',
  },
];

/** Props of {@link ExportButtons}. */
export interface ExportButtonsProps {
  /** Fetches the file; the buttons save it. */
  onExport(format: VcfExportFormat): Promise<VcfDownload>;
}

/**
 * "CSV", "Exact CSV" and "Excel" export buttons that download through the VCF API and save the file. Each
 * button's tooltip says how the format treats values that look like formulas.
 */
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
      {FORMATS.map(({ format, label, name, description }) => (
        <Tooltip key={format} title={description}>
          <Button
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
        </Tooltip>
      ))}
    </ButtonGroup>
  );
}
