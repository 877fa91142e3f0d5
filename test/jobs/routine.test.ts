import { jobNamed } from '../../src/jobs/catalogue';
import { NoticeEntity } from '../../src/store/entities';
import { eachDatabase } from '../support/databases';
import { patientOrg, World } from '../support/world';

/** 09:00 in Shanghai on the given day. */
const nine = (day: string) => `${day}T01:00:00Z`;

eachDatabase('R21 三个一 and the joint meetings', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg, nine('2026-11-30'));
  });

  async function told(kind: string) {
    const rows = await world.store.manager.find(NoticeEntity, {
      where: { kind },
      order: { id: 'ASC' },
    });
    const names = new Map<string, string>();
    for (const key of ['ma.jun', 'zhu.xia', 'zhang.wei', 'li.na', 'he.ping']) {
      names.set(String(await world.idOf(key)), key);
    }
    return rows.map((n) => ({
      to: n.recipientKind === 'person' ? (names.get(n.recipient) ?? n.recipient) : n.recipient,
      params: JSON.parse(n.params) as unknown,
    }));
  }

  async function runOn(name: string, day: string) {
    world.clock.set(nine(day));
    return jobNamed(name).run(world.core, world.clock.now());
  }

  test('(1) each liaison is reminded of the pre-shift talk on working days only, once a day, with their team', async () => {
    await runOn('pre-shift', '2026-09-30');
    await runOn('pre-shift', '2026-09-30');
    expect(await runOn('pre-shift', '2026-10-01')).toBe(0); // National Day
    expect(await runOn('pre-shift', '2026-10-04')).toBe(0); // a Sunday of the holiday
    await runOn('pre-shift', '2026-10-10'); // the make-up Saturday is a working day
    expect(await told('pre_shift')).toEqual([
      { to: 'ma.jun', params: { team: '冲压车间一班' } },
      { to: 'zhu.xia', params: { team: '装配车间二班' } },
      { to: 'ma.jun', params: { team: '冲压车间一班' } },
      { to: 'zhu.xia', params: { team: '装配车间二班' } },
    ]);
  });

  test("(2) the week's reception day (Wednesday) is announced in the announcements channel once a week", async () => {
    await runOn('reception-day', '2026-11-30');
    await runOn('reception-day', '2026-12-01');
    await runOn('reception-day', '2026-12-07');
    expect(await told('reception_day')).toEqual([
      { to: 'announcements', params: { date: '2026-12-02' } },
      { to: 'announcements', params: { date: '2026-12-09' } },
    ]);
  });

  test('(3) leaders and party readers are reminded a week before each joint meeting, once', async () => {
    expect(await runOn('joint-meeting', '2026-12-12')).toBe(0); // eight days before 12-20
    await runOn('joint-meeting', '2026-12-13');
    await runOn('joint-meeting', '2026-12-19');
    expect(await runOn('joint-meeting', '2026-12-20')).toBe(0);
    const reminders = await told('joint_meeting');
    expect(reminders.map((r) => r.to).sort()).toEqual(['he.ping', 'li.na', 'zhang.wei']);
    expect(reminders.every((r) => JSON.stringify(r.params) === '{"date":"2026-12-20"}')).toBe(true);
  });
});
