import { createVcfTestDatabases } from '../__testUtils__/vcfTestDatabases';
import { insertVcenter } from '../__testUtils__/inventoryFixtures';
import { VCF_MIGRATIONS_DIRECTORY } from './VcfDatabase';

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
