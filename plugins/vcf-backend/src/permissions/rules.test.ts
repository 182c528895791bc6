import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type { PermissionRule } from '@backstage/plugin-permission-node';
import {
  insertEnvironment,
  upstreamCredential,
} from '../__testUtils__/credentialFixtures';
import {
  createMigratedDatabase,
  createTestCipher,
  createVcfTestDatabases,
} from '../__testUtils__/vcfTestDatabases';
import { DatabaseCredentialStore } from '../credentials/DatabaseCredentialStore';
import { DatabaseEnvironmentStore } from '../environments/DatabaseEnvironmentStore';
import type { CredentialResource, EnvironmentResource } from './resourceRefs';
import { vcfCredentialRules, vcfEnvironmentRules } from './rules';
import type { VcfQueryFilter } from './VcfQueryFilter';

// Every rule is evaluated twice in production: `apply` on one resource (authorize with a resource ref) and
// `toQuery` in SQL (the lists). Both must select the same resources, also under `not`, on every database: here
// each rule's `apply` over all resources is compared with the list the stores return for its `toQuery`.

type AnyRule<R> = PermissionRule<R, VcfQueryFilter, string, any>;

interface Case<R> {
  rule: AnyRule<R>;
  params: Record<string, unknown>;
}

/** Ids on which `apply` and the SQL of `toQuery` disagree, for the rule and for its negation. */
async function disagreements<R>(options: {
  resources: R[];
  idOf: (resource: R) => string;
  list: (filter: PermissionCriteria<VcfQueryFilter>) => Promise<string[]>;
  testCase: Case<R>;
}): Promise<string[]> {
  const { resources, idOf, list, testCase } = options;
  const { rule, params } = testCase;
  const criteria: PermissionCriteria<VcfQueryFilter> = rule.toQuery(params);
  const found: string[] = [];
  for (const [label, filter, expectMatch] of [
    ['rule', criteria, true],
    ['not rule', { not: criteria }, false],
  ] as const) {
    const expected = resources
      .filter(r => rule.apply(r, params) === expectMatch)
      .map(idOf)
      .sort();
    const actual = (await list(filter)).sort();
    const missing = expected.filter(id => !actual.includes(id));
    const extra = actual.filter(id => !expected.includes(id));
    if (missing.length || extra.length) {
      found.push(
        `${rule.name} ${JSON.stringify(
          params,
        )} (${label}): SQL misses [${missing}], SQL adds [${extra}]`,
      );
    }
  }
  return found;
}

const credentialCases: Case<CredentialResource>[] = [
  {
    rule: vcfCredentialRules.isInEnvironment,
    params: { environmentIds: ['east'] },
  },
  { rule: vcfCredentialRules.isInEnvironment, params: { environmentIds: [] } },
  {
    rule: vcfCredentialRules.isEnvironmentOwnedBy,
    params: { claims: ['group:default/east-team'] },
  },
  { rule: vcfCredentialRules.isEnvironmentOwnedBy, params: { claims: [] } },
  {
    rule: vcfCredentialRules.hasResourceType,
    params: { resourceTypes: ['VCENTER', 'NSXT_MANAGER'] },
  },
  {
    rule: vcfCredentialRules.hasAccountType,
    params: { accountTypes: ['SERVICE'] },
  },
  {
    rule: vcfCredentialRules.hasAccountType,
    params: { accountTypes: ['USER', 'SYSTEM'] },
  },
  {
    rule: vcfCredentialRules.hasCredentialType,
    params: { credentialTypes: ['SSO'] },
  },
  { rule: vcfCredentialRules.hasSource, params: { sources: ['installer'] } },
];

const environmentCases: Case<EnvironmentResource>[] = [
  {
    rule: vcfEnvironmentRules.isEnvironment,
    params: { environmentIds: ['west', 'nowhere'] },
  },
  {
    rule: vcfEnvironmentRules.isOwnedBy,
    params: { claims: ['group:default/east-team'] },
  },
  { rule: vcfEnvironmentRules.isOwnedBy, params: { claims: [] } },
];

const databases = createVcfTestDatabases();

describe.each(databases.eachSupportedId())(
  'permission rules on %p',
  databaseId => {
    let fixture: Awaited<ReturnType<typeof setup>>;
    // The tests only read: one database per kind, created, migrated and filled once (several seconds on PostgreSQL).
    beforeAll(async () => {
      fixture = await setup();
    });

    async function setup() {
      const knex = await createMigratedDatabase(databases, databaseId);
      // An owned environment and one without owner: owner and account type are nullable columns.
      await insertEnvironment(knex, 'east', 'group:default/east-team');
      await insertEnvironment(knex, 'west');
      const cipher = createTestCipher();
      const credentials = DatabaseCredentialStore.create({
        db: knex,
        cipher,
      });
      const environments = DatabaseEnvironmentStore.create({
        db: knex,
        cipher,
      });
      const fetched = (from: number) =>
        Array.from({ length: 12 }, (_, i) =>
          upstreamCredential(
            from + i,
            i % 4 === 1 ? { accountType: undefined } : {},
          ),
        );
      await credentials.replaceSourceSet({
        environmentId: 'east',
        source: 'sddc-manager',
        credentials: fetched(1),
      });
      await credentials.replaceSourceSet({
        environmentId: 'west',
        source: 'installer',
        credentials: fetched(20),
      });
      await credentials.replaceSourceSet({
        environmentId: 'west',
        source: 'sddc-manager',
        credentials: fetched(40).map(c => ({
          ...c,
          resourceType: 'NSXT_MANAGER',
        })),
      });

      const listCredentials = async (
        filter: PermissionCriteria<VcfQueryFilter>,
      ) =>
        (await credentials.list({ query: { limit: 500 }, filter })).items.map(
          c => c.id,
        );
      const allCredentialIds = (
        await credentials.list({ query: { limit: 500 } })
      ).items.map(c => c.id);
      const credentialResources = (
        await credentials.getMany(allCredentialIds)
      ).filter((c): c is CredentialResource => !!c);
      const environmentResources: EnvironmentResource[] = (
        await environments.list()
      ).map(e => ({
        id: e.id,
        owner: e.owner,
      }));

      const checkCredentials = (testCase: Case<CredentialResource>) =>
        disagreements({
          resources: credentialResources,
          idOf: c => c.id,
          list: listCredentials,
          testCase,
        });
      const checkEnvironments = (testCase: Case<EnvironmentResource>) =>
        disagreements({
          resources: environmentResources,
          idOf: e => e.id,
          list: async filter =>
            (await environments.list(filter)).map(e => e.id),
          testCase,
        });
      return {
        credentialResources,
        environmentResources,
        checkCredentials,
        checkEnvironments,
      };
    }

    it('has resources of every kind to compare', async () => {
      const { credentialResources, environmentResources } = fixture;
      expect(credentialResources).toHaveLength(36);
      expect(credentialResources.some(c => c.accountType === undefined)).toBe(
        true,
      );
      expect(
        credentialResources.some(c => c.environmentOwner === undefined),
      ).toBe(true);
      expect(environmentResources.map(e => e.id).sort()).toEqual([
        'east',
        'west',
      ]);
    });

    it('selects the same credentials with apply and toQuery, and with their negation', async () => {
      const { checkCredentials } = fixture;
      const found: string[] = [];
      for (const testCase of credentialCases)
        found.push(...(await checkCredentials(testCase)));
      expect(found).toEqual([]);
    });

    it('selects the same environments with apply and toQuery, and with their negation', async () => {
      const { checkEnvironments } = fixture;
      const found: string[] = [];
      for (const testCase of environmentCases)
        found.push(...(await checkEnvironments(testCase)));
      expect(found).toEqual([]);
    });

    it('reports a rule whose apply and toQuery disagree', async () => {
      const { checkCredentials } = fixture;
      const inconsistent: AnyRule<CredentialResource> = {
        ...vcfCredentialRules.hasResourceType,
        // Filters another column than the one apply checks.
        toQuery: ({ resourceTypes }: { resourceTypes: string[] }) => ({
          field: 'credentialType',
          values: resourceTypes,
        }),
      };
      expect(
        await checkCredentials({
          rule: inconsistent,
          params: { resourceTypes: ['SSO'] },
        }),
      ).not.toEqual([]);
    });
  },
);
