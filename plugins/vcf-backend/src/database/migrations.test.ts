import { createVcfTestDatabases } from '../__testUtils__/vcfTestDatabases';
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
});
