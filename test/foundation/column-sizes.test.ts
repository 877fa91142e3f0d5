import { eachDatabase, migratedStore } from '../support/databases';

/** A leader's digest of 900 major cases, each with its number, title, department and deadline. */
const digestParams = JSON.stringify({
  cases: Array.from({ length: 900 }, (_, i) => ({
    number: `XF-2026-${String(i + 1).padStart(5, '0')}`,
    category: '劳动关系 · 工资待遇 · 加班费与绩效奖金的计算和发放',
    state: 'in_progress',
    due: '2026-12-31',
    overdueWorkingDays: i % 30,
    department: '人力资源部（薪酬福利组）',
    leader: '分管副总经理（人力资源、行政后勤与安全生产）',
  })),
});
const longOwner = `${'worker-node-'.repeat(16)}cluster.example.internal:4194303`.slice(-200);

eachDatabase('columns sized for real data', (db) => {
  test('R16 R26 a 200 KB digest notice and a 200-character claim owner are stored and read back whole', async () => {
    expect(Buffer.byteLength(digestParams)).toBeGreaterThan(200_000);
    expect(longOwner).toHaveLength(200);
    const store = await migratedStore(db());
    const now = '2026-12-01 00:00:00';
    await store.transaction((m) =>
      m.query(
        'INSERT INTO notices (dedupe_key, petition_id, kind, recipient_kind, recipient, params, ' +
          'state, attempts, not_before, claimed_by, claimed_until, created_at) ' +
          'VALUES (?, NULL, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)',
        [
          'digest:leader:1',
          'leader_digest',
          'person',
          '1',
          digestParams,
          'pending',
          now,
          longOwner,
          now,
          now,
        ],
      ),
    );
    await store.transaction((m) =>
      m.query('INSERT INTO job_fires (fire_key, job_name, owner, fired_at) VALUES (?, ?, ?, ?)', [
        'digest:2026-12-01T00:00:00.000Z',
        'digest',
        longOwner,
        now,
      ]),
    );
    const [notice] = (await store.manager.query(
      "SELECT params, claimed_by FROM notices WHERE dedupe_key = 'digest:leader:1'",
    )) as { params: string; claimed_by: string }[];
    expect(notice.params).toBe(digestParams);
    expect(notice.claimed_by).toBe(longOwner);
    const [fire] = (await store.manager.query('SELECT owner FROM job_fires')) as {
      owner: string;
    }[];
    expect(fire.owner).toBe(longOwner);
  });
});
