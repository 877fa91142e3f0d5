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
  'filing_drafts',
  'policy_events',
  'inbound_events',
  'job_fires',
  'destructions',
  'custody',
  'case_number_blocks',
  'case_number_voids',
  'delivery_pauses',
  'delivery_instances',
  'attachments',
  'attachment_chunks',
];

eachDatabase('migrations', (db) => {
  test('the same migration files create every table and drop them again', async () => {
    const ds = await db().open();
    const runner = ds.createQueryRunner();
    try {
      await ds.runMigrations({ transaction: 'each' });
      expect(await ds.showMigrations()).toBe(false);
      for (const table of tables) expect(await runner.hasTable(table)).toBe(true);
      expect(await runner.hasTable('job_leases')).toBe(false);
      const petitions = await runner.getTable('petitions');
      expect(petitions?.indices.some((i) => i.isUnique && i.columnNames.join() === 'number')).toBe(
        true,
      );

      const column = async (name: string) =>
        (await runner.getTable('petitions'))?.findColumnByName(name);
      const policyColumn = async (name: string) =>
        (await runner.getTable('policies'))?.findColumnByName(name);
      const petitionIndices = async () =>
        (await runner.getTable('petitions'))?.indices.map((i) => i.name);
      const inboundIndices = async () =>
        (await runner.getTable('inbound_events'))?.indices.map((i) => i.name);
      expect(await inboundIndices()).toContain('IDX_inbound_events_received_at');
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await inboundIndices()).not.toContain('IDX_inbound_events_received_at');
      expect(await petitionIndices()).toContain('IDX_petitions_mode');
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await petitionIndices()).not.toContain('IDX_petitions_mode');
      const leftAt = async () => (await runner.getTable('people'))?.findColumnByName('left_at');
      expect(await leftAt()).toBeDefined();
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await leftAt()).toBeUndefined();
      expect(await policyColumn('risk_level')).toBeDefined();
      const projectionIndices = async () =>
        (await runner.getTable('deadline_projections'))?.indices.map((i) => i.name);
      expect(await projectionIndices()).toContain('IDX_deadline_projections_decided_on');
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await projectionIndices()).not.toContain('IDX_deadline_projections_decided_on');
      const tallies = ['term_tallies', 'term_tally_days', 'term_tally_changes'];
      for (const table of tallies) expect(await runner.hasTable(table)).toBe(true);
      await ds.undoLastMigration({ transaction: 'each' });
      for (const table of tallies) expect(await runner.hasTable(table)).toBe(false);
      // R30: the petition's line of text about attachments gave way to the files themselves.
      expect(await column('attachments')).toBeUndefined();
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await column('attachments')).toBeDefined();
      // R30: a 256 KiB part fits MariaDB's MEDIUMBLOB, not its 64 KiB BLOB.
      const data = (await runner.getTable('attachment_chunks'))?.findColumnByName('data');
      expect(data?.type).toBe(db().kind === 'mysql' ? 'mediumblob' : 'blob');
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await runner.hasTable('attachments')).toBe(false);
      expect(await runner.hasTable('attachment_chunks')).toBe(false);
      expect(await runner.hasTable('policy_events')).toBe(true);
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await runner.hasTable('policy_events')).toBe(false);
      expect(await policyColumn('risk_level')).toBeUndefined();
      expect(await runner.hasTable('filing_drafts')).toBe(true);
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await runner.hasTable('filing_drafts')).toBe(false);
      const remindFrom = async () =>
        (await runner.getTable('deadline_projections'))?.findColumnByName('remind_from');
      expect(await runner.hasTable('petition_terms')).toBe(true);
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await runner.hasTable('petition_terms')).toBe(false);
      expect(await remindFrom()).toBeDefined();
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await remindFrom()).toBeUndefined();
      const actorRelay = async () =>
        (await runner.getTable('petition_events'))?.findColumnByName('actor_relay');
      expect(await runner.hasTable('custody')).toBe(true);
      expect(await actorRelay()).toBeDefined();
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await runner.hasTable('custody')).toBe(false);
      expect(await actorRelay()).toBeUndefined();
      const digest = async () =>
        (await runner.getTable('petition_events'))?.findColumnByName('case_digest');
      expect(await digest()).toBeDefined();
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await digest()).toBeUndefined();
      expect(await runner.hasTable('case_number_blocks')).toBe(false);

      const noticeColumn = async (name: string) =>
        (await runner.getTable('notices'))?.findColumnByName(name);
      expect(await noticeColumn('claim_token')).toBeDefined();
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await noticeColumn('claim_token')).toBeUndefined();
      expect(await runner.hasTable('delivery_pauses')).toBe(false);
      expect(await column('repeats')).toBeDefined();
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await column('repeats')).toBeUndefined();
      expect(await runner.hasTable('deadline_projections')).toBe(true);
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await runner.hasTable('deadline_projections')).toBe(false);
      expect(await runner.hasTable('projection_basis')).toBe(false);
      const claimedBy = async () =>
        (await runner.getTable('notices'))?.findColumnByName('claimed_by');
      if (db().kind === 'mysql') expect((await claimedBy())?.length).toBe('320');
      await ds.undoLastMigration({ transaction: 'each' });
      if (db().kind === 'mysql') expect((await claimedBy())?.length).toBe('64');
      const identityColumns = async () =>
        (await runner.getTable('identities'))?.columns.map((c) => c.name);
      expect(await identityColumns()).toEqual(['id', 'person_id', 'kind', 'external_id']);
      // R15: one identity is one person, under its new name too.
      const identities = await runner.getTable('identities');
      expect(
        identities?.indices.some(
          (i) => i.isUnique && [...i.columnNames].sort().join() === 'external_id,kind',
        ),
      ).toBe(true);
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await identityColumns()).toEqual(['id', 'person_id', 'platform', 'external_id']);
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await runner.hasTable('job_leases')).toBe(true);
      const eventColumn = async (name: string) =>
        (await runner.getTable('petition_events'))?.findColumnByName(name);
      expect(await eventColumn('chain_version')).toBeDefined();
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await eventColumn('chain_version')).toBeUndefined();
      expect(await column('audit_seal')).toBeDefined();
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await column('audit_seal')).toBeUndefined();
      expect(await column('legal_hold')).toBeDefined();
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await column('legal_hold')).toBeUndefined();
      expect(await runner.hasTable('destructions')).toBe(false);
      expect(await column('audit_head')).toBeDefined();
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await column('audit_head')).toBeUndefined();
      await ds.undoLastMigration({ transaction: 'each' });
      for (const table of tables) expect(await runner.hasTable(table)).toBe(false);
      expect(await ds.showMigrations()).toBe(true);

      await ds.runMigrations({ transaction: 'each' });
      expect(await runner.hasTable('petitions')).toBe(true);
    } finally {
      await runner.release();
    }
  });

  test("R24 the audit-head migration takes each existing trail's last event as its head", async () => {
    const ds = await db().open();
    await ds.runMigrations({ transaction: 'each' });
    // Back to before the audit-head migration: undo it and every one that came after it.
    const runner = ds.createQueryRunner();
    while ((await runner.getTable('petitions'))?.findColumnByName('audit_head')) {
      await ds.undoLastMigration({ transaction: 'each' });
    }
    await runner.release();
    await ds.query(
      "INSERT INTO petitions (id, number, category_id, lead_department_id, mode, state, content, people_concerned, filed_at, updated_at) VALUES (7, 'XF-2026-000007', 'c', 'd', 'named', 'submitted', 'x', 1, '2026-11-02 02:00:00', '2026-11-02 02:00:00')",
    );
    for (const seq of [1, 2]) {
      await ds.query(
        "INSERT INTO petition_events (petition_id, seq, type, at, data, prev_hash, hash) VALUES (7, ?, 'filed', '2026-11-02 02:00:00', '{}', 'p', ?)",
        [seq, `hash-${seq}`],
      );
    }
    await ds.runMigrations({ transaction: 'each' });
    const [row] = await ds.query('SELECT audit_seq, audit_head FROM petitions WHERE id = 7');
    expect({ seq: Number(row.audit_seq), head: row.audit_head }).toEqual({
      seq: 2,
      head: 'hash-2',
    });
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
