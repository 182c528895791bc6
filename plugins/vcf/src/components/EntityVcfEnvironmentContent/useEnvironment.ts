import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { vcfApiRef } from '../../api';

/** Loads one environment; `retry` reloads it (e.g. after a manual sync). */
export function useEnvironment(environmentId: string) {
  const api = useApi(vcfApiRef);
  return useAsyncRetry(
    () => api.getEnvironment(environmentId),
    [api, environmentId],
  );
}
