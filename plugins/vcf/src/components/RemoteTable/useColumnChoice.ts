import { storageApiRef, useApi } from '@backstage/core-plugin-api';
import { useCallback, useState } from 'react';

const BUCKET = 'vcf-table-columns';

/**
 * The optional columns a user has turned on, kept in the app's storage API under `preferenceKey`
 * (per user when the app stores settings remotely), or only for this visit when there is no key.
 */
export function useColumnChoice(
  preferenceKey: string | undefined,
  defaultShown: readonly string[],
) {
  const bucket = useApi(storageApiRef).forBucket(BUCKET);
  const [shown, setShown] = useState<string[]>(() => {
    const stored = preferenceKey
      ? bucket.snapshot<string[]>(preferenceKey).value
      : undefined;
    return Array.isArray(stored) ? stored : [...defaultShown];
  });
  const toggle = useCallback(
    (id: string) => {
      setShown(current => {
        const next = current.includes(id)
          ? current.filter(existing => existing !== id)
          : [...current, id];
        if (preferenceKey) void bucket.set(preferenceKey, next);
        return next;
      });
    },
    [bucket, preferenceKey],
  );
  return { shown, toggle };
}
