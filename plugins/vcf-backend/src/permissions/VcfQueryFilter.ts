import type { Knex } from 'knex';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';

/**
 * The query form of a VCF permission condition: "this field is one of these values". Lists turn a conditional
 * decision into SQL with `applyPermissionCriteria`.
 * @public
 */
export interface VcfQueryFilter {
  field:
    | 'environmentId'
    | 'environmentOwner'
    | 'resourceType'
    | 'accountType'
    | 'credentialType'
    | 'source';
  values: string[];
}

/**
 * SQL column of each filter field in the query being filtered.
 * @public
 */
export type VcfFilterColumns = Partial<Record<VcfQueryFilter['field'], string>>;

/**
 * Adds permission criteria (allOf / anyOf / not of {@link VcfQueryFilter}s) to a knex query as a WHERE clause.
 * @public
 */
export function applyPermissionCriteria(
  query: Knex.QueryBuilder,
  criteria: PermissionCriteria<VcfQueryFilter>,
  columns: VcfFilterColumns,
): void {
  if ('allOf' in criteria) {
    query.where(q => {
      for (const child of criteria.allOf)
        q.andWhere(sub => applyPermissionCriteria(sub, child, columns));
    });
  } else if ('anyOf' in criteria) {
    query.where(q => {
      for (const child of criteria.anyOf)
        q.orWhere(sub => applyPermissionCriteria(sub, child, columns));
    });
  } else if ('not' in criteria) {
    query.whereNot(q => applyPermissionCriteria(q, criteria.not, columns));
  } else {
    const column = columns[criteria.field];
    if (!column) {
      // A condition this list cannot evaluate matches nothing, never everything.
      query.whereRaw('1 = 0');
      return;
    }
    if (criteria.values.length === 0) {
      query.whereRaw('1 = 0');
    } else {
      // IS NOT NULL keeps `not` true to the rules' apply: NULL IN (...) is NULL in SQL, so NOT (col IN (...))
      // would drop the rows without a value, which apply matches under `not` (e.g. environments without owner).
      query.whereNotNull(column).whereIn(column, criteria.values);
    }
  }
}
