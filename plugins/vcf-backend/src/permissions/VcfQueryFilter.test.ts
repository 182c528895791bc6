import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type { Knex } from 'knex';
import { createVcfTestDatabases } from '../__testUtils__/vcfTestDatabases';
import {
  applyPermissionCriteria,
  criteriaUseField,
  narrowToEnvironment,
  type VcfFilterColumns,
  type VcfQueryFilter,
} from './VcfQueryFilter';

// The translator is checked on its own, on a table of its own: every criteria tree is run in SQL and compared
// with what it means (a filter holds when the field has a value and that value is listed; allOf, anyOf and not
// are plain logic, so `not` holds for a row without a value).

interface Row {
  id: string;
  environment_id: string;
  environment_owner: string | null;
  resource_type: string;
  account_type: string | null;
  credential_type: string;
  source: string;
}

const columns: VcfFilterColumns = {
  environmentId: 'environment_id',
  environmentOwner: 'environment_owner',
  resourceType: 'resource_type',
  accountType: 'account_type',
  credentialType: 'credential_type',
  source: 'source',
};

const ROWS: Row[] = [];
for (const [environmentId, owner] of [
  ['east', 'group:default/east-team'],
  ['west', null],
] as const) {
  for (const resourceType of ['VCENTER', 'ESXI']) {
    for (const accountType of ['USER', 'SERVICE', null]) {
      for (const source of ['sddc-manager', 'installer']) {
        ROWS.push({
          id: `${environmentId}/${resourceType}/${accountType}/${source}`,
          environment_id: environmentId,
          environment_owner: owner,
          resource_type: resourceType,
          account_type: accountType,
          credential_type: resourceType === 'VCENTER' ? 'SSO' : 'SSH',
          source,
        });
      }
    }
  }
}

/** What a criteria tree means for one row. */
function holds(
  row: Row,
  criteria: PermissionCriteria<VcfQueryFilter>,
): boolean {
  if ('allOf' in criteria) return criteria.allOf.every(c => holds(row, c));
  if ('anyOf' in criteria) return criteria.anyOf.some(c => holds(row, c));
  if ('not' in criteria) return !holds(row, criteria.not);
  const column = columns[criteria.field] as keyof Row;
  const value = row[column];
  return value !== null && criteria.values.includes(value);
}

const filter = (
  field: VcfQueryFilter['field'],
  ...values: string[]
): VcfQueryFilter => ({ field, values });

const cases: Array<[string, PermissionCriteria<VcfQueryFilter>]> = [
  ['environmentId', filter('environmentId', 'east')],
  ['environmentOwner', filter('environmentOwner', 'group:default/east-team')],
  ['resourceType', filter('resourceType', 'ESXI', 'NSXT_MANAGER')],
  ['accountType', filter('accountType', 'SERVICE')],
  ['credentialType', filter('credentialType', 'SSO')],
  ['source', filter('source', 'installer')],
  ['a value nobody has', filter('source', 'nowhere')],
  ['empty values', filter('environmentId')],
  [
    'not on a nullable column',
    { not: filter('environmentOwner', 'group:default/east-team') },
  ],
  ['not accountType', { not: filter('accountType', 'USER') }],
  ['not empty values', { not: filter('accountType') }],
  ['not not', { not: { not: filter('accountType', 'USER') } }],
  [
    'allOf',
    {
      allOf: [
        filter('environmentId', 'east', 'west'),
        filter('resourceType', 'VCENTER'),
        filter('source', 'sddc-manager'),
      ],
    },
  ],
  [
    'anyOf',
    {
      anyOf: [filter('accountType', 'SERVICE'), filter('source', 'installer')],
    },
  ],
  [
    'not allOf',
    {
      not: {
        allOf: [
          filter('environmentOwner', 'group:default/east-team'),
          filter('accountType', 'USER'),
        ],
      },
    },
  ],
  [
    'not anyOf',
    {
      not: {
        anyOf: [
          filter('accountType', 'SERVICE'),
          filter('resourceType', 'ESXI'),
        ],
      },
    },
  ],
  [
    'anyOf of allOf and not',
    {
      anyOf: [
        {
          allOf: [
            filter('environmentId', 'west'),
            { not: filter('accountType', 'USER', 'SERVICE') },
          ],
        },
        { not: filter('credentialType', 'SSH') },
      ],
    },
  ],
  [
    'allOf with an empty anyOf member',
    {
      allOf: [filter('source', 'installer'), { anyOf: [filter('source')] }],
    },
  ],
];

const databases = createVcfTestDatabases();

describe.each(databases.eachSupportedId())(
  'applyPermissionCriteria on %p',
  databaseId => {
    let knex: Knex;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      await knex.schema.createTable('filtered', table => {
        table.string('id').primary();
        table.string('environment_id').notNullable();
        table.string('environment_owner').nullable();
        table.string('resource_type').notNullable();
        table.string('account_type').nullable();
        table.string('credential_type').notNullable();
        table.string('source').notNullable();
      });
      await knex('filtered').insert(ROWS);
    });

    async function selectIds(
      criteria: PermissionCriteria<VcfQueryFilter>,
      filterColumns: VcfFilterColumns = columns,
    ): Promise<string[]> {
      const query = knex('filtered').select('id');
      applyPermissionCriteria(query, criteria, filterColumns);
      return (await query).map((row: { id: string }) => row.id).sort();
    }

    const expectedIds = (criteria: PermissionCriteria<VcfQueryFilter>) =>
      ROWS.filter(row => holds(row, criteria))
        .map(row => row.id)
        .sort();

    it.each(cases)('selects what %s means', async (_label, criteria) => {
      expect(await selectIds(criteria)).toEqual(expectedIds(criteria));
    });

    it('selects rows on both sides of every case', () => {
      // Guards the fixture: a case that selects all rows or none would not tell much.
      const trivial = cases
        .filter(([label]) => !/nobody|empty/.test(label))
        .filter(([, criteria]) => {
          const count = expectedIds(criteria).length;
          return count === 0 || count === ROWS.length;
        })
        .map(([label]) => label);
      expect(trivial).toEqual([]);
    });

    it('selects nothing for empty values, and everything under not', async () => {
      expect(await selectIds(filter('source'))).toEqual([]);
      expect(await selectIds({ not: filter('source') })).toHaveLength(
        ROWS.length,
      );
    });

    it('keeps rows without a value under not, and drops them without it', async () => {
      const selected = await selectIds({
        not: filter('environmentOwner', 'group:default/east-team'),
      });
      expect(selected).toHaveLength(ROWS.length / 2);
      expect(selected.every(id => id.startsWith('west/'))).toBe(true);
      const withOwner = await selectIds(
        filter('environmentOwner', 'group:default/east-team'),
      );
      expect(withOwner.every(id => id.startsWith('east/'))).toBe(true);
    });

    it('matches nothing on a field the list has no column for, never everything', async () => {
      const { accountType: _accountType, ...withoutAccountType } = columns;
      expect(
        await selectIds(filter('accountType', 'USER'), withoutAccountType),
      ).toEqual([]);
      expect(
        await selectIds(
          {
            anyOf: [
              filter('accountType', 'USER'),
              filter('source', 'installer'),
            ],
          },
          withoutAccountType,
        ),
      ).toEqual(expectedIds(filter('source', 'installer')));
    });

    it('combines with the query’s own conditions instead of widening them', async () => {
      const query = knex('filtered')
        .select('id')
        .where('environment_id', 'east');
      applyPermissionCriteria(
        query,
        {
          anyOf: [filter('source', 'installer'), filter('accountType', 'USER')],
        },
        columns,
      );
      const ids = (await query).map((row: { id: string }) => row.id).sort();
      expect(ids).toEqual(
        ROWS.filter(
          row =>
            row.environment_id === 'east' &&
            (row.source === 'installer' || row.account_type === 'USER'),
        )
          .map(row => row.id)
          .sort(),
      );
    });
  },
);

describe('narrowToEnvironment', () => {
  const environments = [
    { id: 'east', owner: 'group:default/east-team' },
    { id: 'west', owner: undefined },
  ];

  it.each(cases)(
    'keeps what %s means for the rows of each environment',
    (_label, criteria) => {
      for (const environment of environments) {
        const narrowed = narrowToEnvironment(criteria, environment);
        for (const row of ROWS.filter(
          r => r.environment_id === environment.id,
        )) {
          const allowed =
            narrowed === undefined ||
            (narrowed !== false && holds(row, narrowed));
          expect({ row: row.id, allowed }).toEqual({
            row: row.id,
            allowed: holds(row, criteria),
          });
        }
        const left =
          narrowed === undefined || narrowed === false ? [] : [narrowed];
        expect(
          left.filter(
            c =>
              criteriaUseField(c, 'environmentId') ||
              criteriaUseField(c, 'environmentOwner'),
          ),
        ).toEqual([]);
      }
    },
  );

  it('decides conditions on the environment alone, and leaves the others', () => {
    const east = environments[0];
    expect(
      narrowToEnvironment(
        filter('environmentOwner', 'group:default/east-team'),
        east,
      ),
    ).toBeUndefined();
    expect(
      narrowToEnvironment(
        filter('environmentOwner', 'group:default/other'),
        east,
      ),
    ).toBe(false);
    expect(
      narrowToEnvironment(
        filter('environmentOwner', 'group:default/east-team'),
        {
          id: 'west',
        },
      ),
    ).toBe(false);
    expect(
      narrowToEnvironment(
        {
          allOf: [
            filter('environmentId', 'east'),
            filter('resourceType', 'ESXI'),
          ],
        },
        east,
      ),
    ).toEqual(filter('resourceType', 'ESXI'));
    expect(
      narrowToEnvironment(
        {
          anyOf: [
            filter('environmentId', 'west'),
            { not: filter('source', 'installer') },
          ],
        },
        east,
      ),
    ).toEqual({ not: filter('source', 'installer') });
  });
});
