import type { Knex } from 'knex';
import {
  createTestCipher,
  createVcfTestDatabases,
} from '../__testUtils__/vcfTestDatabases';
import {
  insertVcenter,
  sampleInventory,
} from '../__testUtils__/inventoryFixtures';
import {
  insertEnvironment,
  upstreamCredential,
} from '../__testUtils__/credentialFixtures';
import { DatabaseCredentialStore } from '../credentials/DatabaseCredentialStore';
import { DatabaseInventoryStore } from '../inventory/DatabaseInventoryStore';
import { DatabaseSyncTargetStore } from '../sync/DatabaseSyncTargetStore';
import { DatabaseAuditStore } from '../audit/DatabaseAuditStore';
import { VCF_MIGRATIONS_DIRECTORY } from './VcfDatabase';

/** The tables of the database (not knex's own), with their row counts. */
async function rowCounts(knex: Knex): Promise<Map<string, number>> {
  const client = String(knex.client.config.client);
  const names: string[] = client.includes('sqlite')
    ? (
        await knex('sqlite_master')
          .where({ type: 'table' })
          .whereNot('name', 'like', 'sqlite_%')
          .select('name')
      ).map((r: { name: string }) => r.name)
    : (
        await knex('pg_tables')
          .whereRaw('schemaname = current_schema()')
          .select('tablename')
      ).map((r: { tablename: string }) => r.tablename);
  const counts = new Map<string, number>();
  for (const name of names.filter(n => !n.startsWith('knex_migrations'))) {
    const [{ count }] = await knex(name).count({ count: '*' });
    counts.set(name, Number(count));
  }
  return counts;
}

const databases = createVcfTestDatabases();

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('migrates up, down to nothing, and up again', async () => {
    const knex = await databases.init(databaseId);
    const config = { directory: VCF_MIGRATIONS_DIRECTORY };
    await knex.migrate.latest(config);
    expect(await knex.schema.hasTable('credentials')).toBe(true);
    expect(await knex.schema.hasTable('sync_targets')).toBe(true);

    while ((await knex.migrate.currentVersion(config)) !== 'none') {
      await knex.migrate.down(config);
    }
    expect(await knex.schema.hasTable('credentials')).toBe(false);
    expect(await knex.schema.hasTable('environments')).toBe(false);

    await knex.migrate.latest(config);
    expect(await knex.schema.hasTable('audit_events')).toBe(true);
    await knex.destroy();
  });

  it('takes every migration down and up again one at a time over a database that holds data, losing no row of a table that stays', async () => {
    const knex = await databases.init(databaseId);
    const config = { directory: VCF_MIGRATIONS_DIRECTORY };
    await knex.migrate.latest(config);
    // Data in every feature: credentials with history, inventory with children and changes, targets, audit.
    const cipher = createTestCipher();
    const credentials = DatabaseCredentialStore.create({
      db: knex,
      cipher,
    });
    await insertEnvironment(knex, 'east', 'group:default/east');
    const sync = (password: string) =>
      credentials.replaceSourceSet({
        environmentId: 'east',
        source: 'sddc-manager',
        credentials: [1, 2, 3].map(n =>
          upstreamCredential(n, { password: `${password}-${n}` }),
        ),
      });
    await sync('first');
    await sync('second');
    await insertVcenter(knex, 'vc-a', { environmentId: 'east' });
    const inventory = DatabaseInventoryStore.create({ db: knex });
    await inventory.replaceVcenterInventory('vc-a', sampleInventory('vc-a', 3));
    await inventory.replaceVcenterInventory('vc-a', sampleInventory('vc-a', 2));
    await DatabaseSyncTargetStore.create({ db: knex }).declareTarget({
      id: 'inventory:vc-a',
      kind: 'inventory',
      vcenterId: 'vc-a',
      environmentId: 'east',
      enabled: true,
      intervalSeconds: 900,
    });
    await DatabaseAuditStore.create({ db: knex }).append({
      actor: 'user:default/admin',
      action: 'credential.reveal',
      result: 'succeeded',
      environmentId: 'east',
    });
    const seeded = await rowCounts(knex);
    for (const table of [
      'credentials',
      'credential_history',
      'inventory_vms',
      'sync_targets',
      'audit_events',
    ]) {
      expect(seeded.get(table)).toBeGreaterThan(0);
    }

    const steps: string[] = [];
    while ((await knex.migrate.currentVersion(config)) !== 'none') {
      const before = await rowCounts(knex);
      const version = await knex.migrate.currentVersion(config);
      await knex.migrate.down(config);
      steps.push(version);
      const after = await rowCounts(knex);
      const kept = [...after].filter(([table]) => before.has(table));
      expect(
        kept.map(([table, count]) => ({ down: version, table, count })),
      ).toEqual(
        kept.map(([table]) => ({
          down: version,
          table,
          count: before.get(table),
        })),
      );
      // Up again from here: what stayed is still there, and the step can be taken twice.
      await knex.migrate.up(config);
      for (const [table, count] of after) {
        expect({
          up: version,
          table,
          count: (await rowCounts(knex)).get(table),
        }).toEqual({
          up: version,
          table,
          count,
        });
      }
      await knex.migrate.down(config);
    }
    expect(steps.length).toBeGreaterThanOrEqual(7);
    await knex.migrate.latest(config);
    await knex.destroy();
  });

  it('adds the inventory depth columns and tables without losing stored inventory, and back', async () => {
    const knex = await databases.init(databaseId);
    const config = { directory: VCF_MIGRATIONS_DIRECTORY };
    const version = () => knex.migrate.currentVersion(config);
    // Up to the inventory tables as they were before inventory depth ('none' sorts after digits).
    for (
      let v = await version();
      v === 'none' || v < '20261123';
      v = await version()
    ) {
      await knex.migrate.up(config);
    }
    await insertVcenter(knex, 'vc-a');
    const vm = {
      vcenter_id: 'vc-a',
      moref: 'vm-1',
      name: 'web-01',
      search: 'web-01',
      power_state: 'poweredOn',
      ip_addresses: '["10.0.0.1"]',
      datastores: '[]',
      networks: '[]',
      snapshot_count: 0,
      template: false,
    };
    await knex('inventory_vms').insert(vm);
    await knex('inventory_hosts').insert({
      vcenter_id: 'vc-a',
      moref: 'host-1',
      name: 'esxi-1',
      search: 'esxi-1',
      in_maintenance_mode: false,
    });

    await knex.migrate.latest(config);
    const migrated = await knex('inventory_vms')
      .where({ moref: 'vm-1' })
      .first();
    expect(migrated).toMatchObject({
      name: 'web-01',
      ip_addresses: '["10.0.0.1"]',
    });
    expect(migrated.hardware_version).toBeNull();
    const host = await knex('inventory_hosts')
      .where({ moref: 'host-1' })
      .first();
    expect(host).toMatchObject({ name: 'esxi-1', ntp_servers: '[]' });
    for (const table of [
      'inventory_vm_disks',
      'inventory_vm_nics',
      'inventory_host_nics',
      'inventory_host_vmkernel_adapters',
      'inventory_changes',
    ]) {
      expect(await knex.schema.hasTable(table)).toBe(true);
    }

    // Down to before this migration: the new tables and columns go, the rows stay.
    while ((await version()) >= '20261202') {
      await knex.migrate.down(config);
    }
    expect(await knex.schema.hasTable('inventory_changes')).toBe(false);
    expect(
      await knex.schema.hasColumn('inventory_vms', 'hardware_version'),
    ).toBe(false);
    expect(
      await knex('inventory_vms').where({ moref: 'vm-1' }).first(),
    ).toMatchObject({
      name: 'web-01',
    });
    expect(
      Number((await knex('inventory_hosts').count({ count: '*' }))[0].count),
    ).toBe(1);
    await knex.destroy();
  });
});
