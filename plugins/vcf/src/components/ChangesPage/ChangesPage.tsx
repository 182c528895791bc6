import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  INVENTORY_CHANGE_KINDS,
  type InventoryChangeKind,
} from '@vcf-backstage/plugin-vcf-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { vcfApiRef } from '../../api';
import { ChangeTable } from './ChangeTable';

const PAGE_SIZE = 50;

/** `/vcf/changes`: what the syncs found changed, newest first, filtered by vCenter and kind. */
export function ChangesPage() {
  const api = useApi(vcfApiRef);
  const [vcenterId, setVcenterId] = useState('');
  const [kind, setKind] = useState<InventoryChangeKind | ''>('');
  // The page shown: the first, or the one next to a page by its cursor (an index range, however old the page).
  const [cursor, setCursor] = useState<string>();
  const vcenters = useAsync(() => api.listVcenters(), [api]);
  const changes = useAsync(
    () =>
      api.listInventoryChanges({
        ...(vcenterId ? { vcenterId } : {}),
        ...(kind ? { kind } : {}),
        ...(cursor ? { cursor } : {}),
        limit: PAGE_SIZE,
      }),
    [api, vcenterId, kind, cursor],
  );
  const titles = Object.fromEntries(
    (vcenters.value ?? []).map(v => [v.id, v.title]),
  );
  return (
    <>
      <div style={{ display: 'flex', gap: 16, marginBottom: 16 }}>
        <TextField
          select
          id="vcf-changes-vcenter"
          label="vCenter"
          value={vcenterId}
          onChange={e => {
            setVcenterId(e.target.value);
            setCursor(undefined);
          }}
          style={{ minWidth: 200 }}
        >
          <MenuItem value="">All vCenters</MenuItem>
          {(vcenters.value ?? []).map(v => (
            <MenuItem key={v.id} value={v.id}>
              {v.title}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          id="vcf-changes-kind"
          label="Kind"
          value={kind}
          onChange={e => {
            setKind(e.target.value as InventoryChangeKind | '');
            setCursor(undefined);
          }}
          style={{ minWidth: 200 }}
        >
          <MenuItem value="">All kinds</MenuItem>
          {INVENTORY_CHANGE_KINDS.map(k => (
            <MenuItem key={k} value={k}>
              {k}
            </MenuItem>
          ))}
        </TextField>
      </div>
      {changes.loading && <Progress />}
      {changes.error && <ResponseErrorPanel error={changes.error} />}
      {changes.value && (
        <>
          <ChangeTable
            title={`Changes (${changes.value.totalCount})`}
            changes={changes.value.items}
            vcenterTitles={titles}
          />
          <div style={{ display: 'flex', gap: 8, marginTop: 8 }}>
            <Button
              disabled={!changes.value.prevCursor}
              onClick={() => setCursor(changes.value?.prevCursor)}
            >
              Newer
            </Button>
            <Button
              disabled={!changes.value.nextCursor}
              onClick={() => setCursor(changes.value?.nextCursor)}
            >
              Older
            </Button>
          </div>
        </>
      )}
    </>
  );
}
