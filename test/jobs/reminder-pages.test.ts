import { sweepPage, sweepReminders } from '../../src/jobs/reminders';
import { holdersOf } from '../../src/services/audience';
import { eachDatabase } from '../support/databases';
import { patientOrg, World } from '../support/world';

/** More due cases than the sweep reads at a time: two whole pages and a short one. */
const due = 2 * sweepPage + 345;
const firstId = 100_000;

/**
 * Accepted cases of HR two working days past their handling deadline (Thursday 12 November, the
 * sweep on Monday 16), written straight into the tables as an office years in would have them.
 */
async function seedOverdue(world: World) {
  const rows = Array.from({ length: due }, (_, i) => firstId + i);
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500);
    await world.store.transaction(async (m) => {
      await m.query(
        'INSERT INTO petitions (id, number, category_id, lead_department_id, mode, state, content, people_concerned, filed_at, updated_at) VALUES ' +
          ids
            .map(() => "(?, ?, 'labour.salary', 'hr', 'named', 'accepted', ?, 1, ?, ?)")
            .join(', '),
        ids.flatMap((id) => [
          id,
          `XF-P-${id}`,
          '加班费未发放',
          '2026-10-20 02:00:00',
          '2026-10-20 02:00:00',
        ]),
      );
      await m.query(
        'INSERT INTO petition_parties (petition_id, petitioner_id) VALUES ' +
          ids.map(() => '(?, NULL)').join(', '),
        ids,
      );
      await m.query(
        'INSERT INTO deadline_projections (petition_id, handling_due, remind_from) VALUES ' +
          ids.map(() => "(?, '2026-11-12', '2026-11-11')").join(', '),
        ids,
      );
    });
  }
}

eachDatabase('R18 the reminder sweep over more due cases than one page', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg, '2026-11-16T01:00:00Z');
    await seedOverdue(world);
  });

  test('R18 every due case of every page is reminded, each reminder written once however often the sweep runs', async () => {
    const heads = await holdersOf(world.store.manager, 'department_head', 'hr');
    expect(heads.length).toBeGreaterThan(0);
    expect(await sweepReminders(world.core)).toBe(due * heads.length);
    const written = (await world.store.manager.query(
      "SELECT petition_id AS id, recipient FROM notices WHERE kind = 'overdue'",
    )) as { id: number; recipient: string }[];
    expect(written).toHaveLength(due * heads.length);
    expect(new Set(written.map((r) => Number(r.id))).size).toBe(due);
    expect(new Set(written.map((r) => r.recipient))).toEqual(new Set(heads.map(String)));
    expect(await sweepReminders(world.core)).toBe(0);
  });
});
