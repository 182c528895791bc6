import { InputError } from '@backstage/errors';

/**
 * The column behind an API sort name. Only the table's own keys count (`constructor`, `__proto__`, `toString`…
 * are refused like any unknown name), so no caller text reaches ORDER BY.
 * @internal
 */
export function sortColumnOf(
  columns: Readonly<Record<string, string>>,
  orderBy: string,
  what: string,
): string {
  if (Object.prototype.hasOwnProperty.call(columns, orderBy))
    return columns[orderBy];
  throw new InputError(
    `Cannot sort ${what} by "${orderBy}"; use one of ${Object.keys(columns)
      .sort()
      .join(', ')}`,
  );
}
