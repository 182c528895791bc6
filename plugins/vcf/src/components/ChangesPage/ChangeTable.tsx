import { Link, Table, type TableColumn } from '@backstage/core-components';
import type { InventoryChange } from '@vcf-backstage/plugin-vcf-common';
import { useOptionalVcfPaths } from '../../hooks/useVcfPaths';
import { formatDateTime } from '../../util/format';

/** "before → after", "added" or "removed". */
export function describeChange(change: InventoryChange): string {
  if (change.change !== 'changed') return change.change;
  return `${change.before ?? '–'} → ${change.after ?? '–'}`;
}

function ObjectCell(props: { change: InventoryChange }) {
  const { change } = props;
  const paths = useOptionalVcfPaths();
  const kind =
    change.kind === 'vms' || change.kind === 'hosts' ? change.kind : undefined;
  if (!paths || !kind || change.change === 'removed')
    return <>{change.objectName}</>;
  return (
    <Link to={paths.inventoryObject(kind, change.objectId)}>
      {change.objectName}
    </Link>
  );
}

/** Props of {@link ChangeTable}. */
export interface ChangeTableProps {
  title: string;
  changes: InventoryChange[];
  /** Titles of vCenters by id, shown instead of ids. */
  vcenterTitles?: Record<string, string>;
  /** Hide the object column (on an object's own page). */
  hideObject?: boolean;
}

/** A list of inventory changes: when, what, which field, before → after. */
export function ChangeTable(props: ChangeTableProps) {
  const { changes, vcenterTitles = {}, hideObject } = props;
  const columns: TableColumn<InventoryChange>[] = [
    { title: 'When', field: 'at', render: c => formatDateTime(c.at) },
    ...(hideObject
      ? []
      : [
          {
            title: 'Object',
            field: 'objectName',
            render: (c: InventoryChange) => <ObjectCell change={c} />,
          },
          { title: 'Kind', field: 'kind' },
        ]),
    { title: 'Field', field: 'field' },
    { title: 'Change', render: c => describeChange(c) },
    ...(hideObject
      ? []
      : [
          {
            title: 'vCenter',
            field: 'vcenterId',
            render: (c: InventoryChange) =>
              vcenterTitles[c.vcenterId] ?? c.vcenterId,
          },
        ]),
  ];
  return (
    <Table<InventoryChange>
      title={props.title}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={changes}
      emptyContent={<div style={{ padding: 16 }}>No changes recorded.</div>}
    />
  );
}
