import { eachDatabase } from '../support/databases';

const tables = [
  'departments',
  'people',
  'identities',
  'role_assignments',
  'categories',
  'category_co_departments',
  'case_counters',
  'policies',
  'petitions',
  'petition_parties',
  'petition_co_departments',
  'petition_events',
  'disclosures',
  'notices',
  'inbound_events',
  'job_fires',
  'job_leases',
];

eachDatabase('migrations', (db) => {
  test('the same migration files create every table and drop them again', async () => {
    const ds = await db().open();
    const runner = ds.createQueryRunner();
    try {
      await ds.runMigrations({ transaction: 'each' });
      expect(await ds.showMigrations()).toBe(false);
      for (const table of tables) expect(await runner.hasTable(table)).toBe(true);
      const petitions = await runner.getTable('petitions');
      expect(petitions?.indices.some((i) => i.isUnique && i.columnNames.join() === 'number')).toBe(
        true,
      );

      await ds.undoLastMigration({ transaction: 'each' });
      for (const table of tables) expect(await runner.hasTable(table)).toBe(false);
      expect(await ds.showMigrations()).toBe(true);

      await ds.runMigrations({ transaction: 'each' });
      expect(await runner.hasTable('petitions')).toBe(true);
    } finally {
      await runner.release();
    }
  });

  test('text columns keep Chinese and four-byte characters', async () => {
    const ds = await db().open();
    await ds.runMigrations({ transaction: 'each' });
    const name = '工资拖欠 😡';
    await ds.query(
      "INSERT INTO departments (id, name_zh, name_en, active) VALUES ('x', ?, 'x', 1)",
      [name],
    );
    const [row] = await ds.query("SELECT name_zh FROM departments WHERE id = 'x'");
    expect(row.name_zh).toBe(name);
  });
});
