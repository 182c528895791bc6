import { useApi } from '@backstage/core-plugin-api';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { vcfApiRef } from '../api';

/** The vCenters (of one environment, if given) as options of a filter select. */
export function useVcenterOptions(
  environmentId?: string,
): Array<{ value: string; label: string }> {
  const api = useApi(vcfApiRef);
  const { value } = useAsync(() => api.listVcenters(), [api]);
  return useMemo(
    () =>
      (value ?? [])
        .filter(vc => !environmentId || vc.environmentId === environmentId)
        .map(vc => ({ value: vc.id, label: vc.title || vc.id })),
    [value, environmentId],
  );
}
