import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { vcfApiRef } from '../../api';
import { useOptionalVcfPaths } from '../../hooks/useVcfPaths';

/** A VM's or host's name, linking to its page when the VCF page is installed (plain text otherwise). */
export function InventoryObjectLink(props: {
  kind: 'vms' | 'hosts';
  row: { id: string; name: string };
}) {
  const paths = useOptionalVcfPaths();
  if (!paths) return <>{props.row.name}</>;
  return (
    <Link to={paths.inventoryObject(props.kind, props.row.id)}>
      {props.row.name}
    </Link>
  );
}

/** A vCenter's title instead of its id (the id while the list loads, or when the vCenter is unknown). */
export function VcenterTitle(props: { id: string }) {
  const api = useApi(vcfApiRef);
  const { value } = useAsync(() => vcenterTitles(api), [api]);
  return <>{value?.get(props.id) ?? props.id}</>;
}

const cache = new WeakMap<object, Promise<Map<string, string>>>();

/** One request per API instance for every cell of every table. */
function vcenterTitles(api: {
  listVcenters(): Promise<Array<{ id: string; title: string }>>;
}) {
  let titles = cache.get(api);
  if (!titles) {
    titles = Promise.resolve()
      .then(() => api.listVcenters())
      .then(list => new Map((list ?? []).map(v => [v.id, v.title])))
      .catch(() => new Map<string, string>());
    cache.set(api, titles);
  }
  return titles;
}
