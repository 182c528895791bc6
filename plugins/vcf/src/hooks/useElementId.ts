import { useState } from 'react';

let counter = 0;

/**
 * A stable id for a component instance, to tie labels to inputs (the plugin supports React
 * versions without `useId`).
 */
export function useElementId(prefix: string): string {
  const [id] = useState(() => {
    counter += 1;
    return `${prefix}-${counter}`;
  });
  return id;
}
