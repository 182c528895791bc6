import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import {
  MAX_BULK_ROTATE_CREDENTIALS,
  type CredentialListQuery,
  type CredentialSummary,
} from '@vcf-backstage/plugin-vcf-common';
import { useState } from 'react';
import { vcfApiRef } from '../../api';
import { describeError } from '../../util/errors';
import { ConfirmDialog } from '../ConfirmDialog';
import { isChangeable } from '../../hooks/useRotatableCredentials';

/** Props of {@link BulkRotateButtons}. */
export interface BulkRotateButtonsProps {
  environmentId: string;
  /** The ticked rows (only rows the user may rotate can be ticked). */
  selected: CredentialSummary[];
  /** The search and filters of the table, without paging; undefined before the first load. */
  filteredQuery?: CredentialListQuery;
  /** Called with our task id once SDDC Manager accepted the rotation. */
  onStarted?(taskId: string): void;
}

/** The SDDC Manager credentials that match `query`, read page by page; at most one more than a rotation may carry. */
async function matchingCredentials(
  load: (query: CredentialListQuery) => Promise<{
    items: CredentialSummary[];
    totalCount: number;
  }>,
  query: CredentialListQuery,
): Promise<CredentialSummary[]> {
  const found: CredentialSummary[] = [];
  for (let offset = 0; found.length <= MAX_BULK_ROTATE_CREDENTIALS; ) {
    const page = await load({
      ...query,
      source: 'sddc-manager',
      includeRemoved: undefined,
      offset,
      limit: 100,
    });
    found.push(...page.items.filter(isChangeable));
    offset += page.items.length;
    if (page.items.length === 0 || offset >= page.totalCount) break;
  }
  return found;
}

function plural(count: number) {
  return `${count} credential${count === 1 ? '' : 's'}`;
}

/**
 * Bulk rotation above the credential table: the ticked rows, or every SDDC Manager credential that matches the
 * search and filters, in one SDDC Manager task (`POST /environments/:id/credentials/rotate`). Asks first, saying
 * how many credentials; refuses more than {@link MAX_BULK_ROTATE_CREDENTIALS} before asking SDDC Manager, and shows
 * the backend's refusal (for example a credential the user may not rotate) in the dialog.
 */
export function BulkRotateButtons(props: BulkRotateButtonsProps) {
  const { environmentId, selected, filteredQuery, onStarted } = props;
  const api = useApi(vcfApiRef);
  const alertApi = useApi(alertApiRef);
  const [targets, setTargets] = useState<CredentialSummary[]>();
  const [collecting, setCollecting] = useState(false);

  const rotateMatching = async () => {
    if (!filteredQuery) return;
    setCollecting(true);
    try {
      setTargets(
        await matchingCredentials(
          query => api.listCredentials(environmentId, query),
          filteredQuery,
        ),
      );
    } catch (e) {
      alertApi.post({ message: describeError(e), severity: 'error' });
    } finally {
      setCollecting(false);
    }
  };

  const tooMany = (targets?.length ?? 0) > MAX_BULK_ROTATE_CREDENTIALS;
  return (
    <>
      {selected.length > 0 && (
        <Button
          size="small"
          variant="outlined"
          color="secondary"
          onClick={() => setTargets(selected)}
        >
          Rotate selected ({selected.length})
        </Button>
      )}
      <Button
        size="small"
        variant="outlined"
        disabled={!filteredQuery || collecting}
        startIcon={collecting ? <CircularProgress size={14} /> : undefined}
        onClick={rotateMatching}
      >
        Rotate all matching…
      </Button>
      {targets && (
        <ConfirmDialog
          open
          title={`Rotate ${plural(targets.length)}`}
          confirmLabel="Rotate"
          onClose={() => setTargets(undefined)}
          onConfirm={async () => {
            if (targets.length === 0 || tooMany) {
              throw new Error(
                targets.length === 0
                  ? 'No SDDC Manager credential matches the search and filters.'
                  : `One rotation takes at most ${MAX_BULK_ROTATE_CREDENTIALS} credentials: narrow the search or filters.`,
              );
            }
            const accepted = await api.rotateCredentials(
              environmentId,
              targets.map(c => c.id),
            );
            alertApi.post({
              message: `Rotation of ${plural(
                targets.length,
              )} started; follow it under Credential tasks.`,
              severity: 'success',
              display: 'transient',
            });
            onStarted?.(accepted.taskId);
          }}
        >
          {tooMany
            ? `More than ${MAX_BULK_ROTATE_CREDENTIALS} SDDC Manager credentials match; one rotation takes at most ${MAX_BULK_ROTATE_CREDENTIALS}. Narrow the search or filters.`
            : `SDDC Manager will set new random passwords for ${plural(
                targets.length,
              )} in one task. Whoever uses the current passwords will have to reveal the new ones.`}
        </ConfirmDialog>
      )}
    </>
  );
}
