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
 * @internal
 */
export type VcfFilterColumns = Partial<Record<VcfQueryFilter['field'], string>>;

/**
 * Adds permission criteria (allOf / anyOf / not of {@link VcfQueryFilter}s) to a knex query as a WHERE clause.
 * @internal
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

/**
 * Criteria for the rows of one known environment: each condition on the environment itself (`environmentId`,
 * `environmentOwner`) is decided for that environment, as {@link applyPermissionCriteria} would decide it in SQL (a
 * field without a value matches no list), and what is left is simplified. `undefined` when every row of the
 * environment is allowed, `false` when none is, otherwise criteria without environment fields, which a query
 * then applies without joining the environments table.
 * @internal
 */
export function narrowToEnvironment(
  criteria: PermissionCriteria<VcfQueryFilter>,
  environment: { id: string; owner?: string },
): PermissionCriteria<VcfQueryFilter> | undefined | false {
  if ('allOf' in criteria)
    return narrowEach('allOf', criteria.allOf, environment);
  if ('anyOf' in criteria)
    return narrowEach('anyOf', criteria.anyOf, environment);
  if ('not' in criteria) {
    const narrowed = narrowToEnvironment(criteria.not, environment);
    if (narrowed === undefined) return false;
    if (narrowed === false) return undefined;
    return { not: narrowed };
  }
  if (
    criteria.field !== 'environmentId' &&
    criteria.field !== 'environmentOwner'
  )
    return criteria;
  const value =
    criteria.field === 'environmentId' ? environment.id : environment.owner;
  return value !== undefined &&
    value !== null &&
    criteria.values.includes(value)
    ? undefined
    : false;
}

/**
 * `allOf` / `anyOf` of narrowed children: a child that decides the whole (false in `allOf`, true in `anyOf`)
 * decides it, a child that cannot change it (true in `allOf`, false in `anyOf`) is dropped, and with no child
 * left the whole is that neutral value.
 */
function narrowEach(
  kind: 'allOf' | 'anyOf',
  children: PermissionCriteria<VcfQueryFilter>[],
  environment: { id: string; owner?: string },
): PermissionCriteria<VcfQueryFilter> | undefined | false {
  const decisive = kind === 'allOf' ? false : undefined;
  const neutral = kind === 'allOf' ? undefined : false;
  const rest: PermissionCriteria<VcfQueryFilter>[] = [];
  for (const child of children) {
    const narrowed = narrowToEnvironment(child, environment);
    if (narrowed === undefined || narrowed === false) {
      if (narrowed === decisive) return decisive;
    } else {
      rest.push(narrowed);
    }
  }
  const [first, ...others] = rest;
  if (!first) return neutral;
  if (!others.length) return first;
  return kind === 'allOf'
    ? { allOf: [first, ...others] }
    : { anyOf: [first, ...others] };
}

/** Whether any condition of the criteria is on the given field. @internal */
export function criteriaUseField(
  criteria: PermissionCriteria<VcfQueryFilter>,
  field: VcfQueryFilter['field'],
): boolean {
  if ('allOf' in criteria)
    return criteria.allOf.some(c => criteriaUseField(c, field));
  if ('anyOf' in criteria)
    return criteria.anyOf.some(c => criteriaUseField(c, field));
  if ('not' in criteria) return criteriaUseField(criteria.not, field);
  return criteria.field === field;
}
