import { localDateOf } from '../../src/calendar/local-date';
import { Translator } from '../../src/i18n/translator';
import { sweepReminders } from '../../src/jobs/reminders';
import { leaderDigests } from '../../src/jobs/digests';
import { accept } from '../../src/services/accept';
import { decideExtension, requestExtension } from '../../src/services/extension';
import { pause, resume } from '../../src/services/progress';
import { caseFile } from '../../src/services/read-models';
import { eachDatabase } from '../support/databases';
import { patientOrg, World } from '../support/world';

eachDatabase('R9 R10 the statutory clock is enforced', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg, '2026-11-02T02:00:00Z');
  });

  test('R10 an extension that would pass 60 days plus one extension of 30 is refused, saying why', async () => {
    // Accepted 2026-11-02 with 15 working days: due 11-23; the statutory limit is 11-02 + 90 days.
    const { number } = await world.file('hu.bin');
    const owner = await world.as('zhao.min');
    const head = await world.as('yang.lei');
    await accept(world.core, owner, number, '2026-11-20');
    await requestExtension(world.core, owner, number, 30, '需要外部鉴定');
    const first = await decideExtension(world.core, head, number, true);
    expect(first.events[0].data).toContain('"due":"2027-01-04"');
    const refused = requestExtension(world.core, owner, number, 30, '鉴定仍未完成');
    await expect(refused).rejects.toMatchObject({
      key: 'refusal.extension_beyond_statutory',
      params: { number, due: '2027-02-15', limit: '2027-01-31' },
    });
    const why = await refused.catch((e: Parameters<Translator['refusal']>[1]) =>
      new Translator(patientOrg).refusal('zh-CN', e),
    );
    expect(why).toBe(
      `${number} 延期后办理时限将到 2027-02-15，超过法定期限上限 2027-01-31（受理后 60 日，经批准可延长一次、不超过 30 日），不能批准。`,
    );
  });

  test("R9 a case past its statutory window while its company clock stands is in the leader's overdue list", async () => {
    world.clock.set('2026-09-01T02:00:00Z');
    const { number } = await world.file('hu.bin', { content: '劳动合同续签期限争议。' });
    const owner = await world.as('zhao.min');
    await accept(world.core, owner, number, '2026-09-08');
    world.clock.set('2026-09-02T02:00:00Z');
    await pause(world.core, owner, number, '等待员工补交材料');
    // Accepted 09-01: the statutory window closes 10-31; the Monday digest of 11-02 lists it.
    world.clock.set('2026-11-02T02:30:00Z');
    const digests = await leaderDigests(world.core, world.clock.now());
    const leader = String(await world.idOf('zhang.wei'));
    const digest = digests.find((n) => n.to.id === leader);
    const overdue = digest?.kind === 'leader_digest' ? digest.params.digest.overdue : [];
    expect(overdue.find((o) => o.number === number)).toMatchObject({ due: '2026-10-31' });
  });
});

eachDatabase('R9 R10 the statutory window after a long pause and an extension', (db) => {
  test('R10 an approved extension moves the statutory window as far as the new deadline needs, within its 30 days', async () => {
    const world = await World.open(db(), patientOrg, '2026-03-02T02:00:00Z');
    const { number } = await world.file('hu.bin');
    const owner = await world.as('zhao.min');
    await accept(world.core, owner, number, '2026-03-06');
    world.clock.set('2026-03-09T02:00:00Z');
    await pause(world.core, owner, number, '等待员工补交材料');
    world.clock.set('2026-05-04T02:00:00Z');
    await resume(world.core, owner, number);
    // 15 working days: 03-03 … 03-06 (4), then from 05-06 after the Labour Day holiday: 05-19.
    // The pause was for another reason: the statutory 60 days ran on to 05-01.
    let file = await caseFile(world.core, owner, number);
    expect(file.deadlines).toMatchObject({
      handlingDue: '2026-05-19',
      statutoryHandlingDue: '2026-05-01',
    });
    await requestExtension(world.core, owner, number, 5, '等待财务部核算');
    await decideExtension(world.core, await world.as('yang.lei'), number, true);
    file = await caseFile(world.core, owner, number);
    // Five more working days: 05-26; the statutory window is extended by the 25 days it needs.
    expect(file.deadlines).toMatchObject({
      handlingDue: '2026-05-26',
      statutoryHandlingDue: '2026-05-26',
      statutoryLimit: '2026-05-31',
    });
  });

  test('R9 a clock cannot be paused once its deadline has passed', async () => {
    const world = await World.open(db(), patientOrg, '2026-03-02T02:00:00Z');
    const { number } = await world.file('hu.bin', { categoryId: 'management.process' });
    await accept(world.core, await world.as('wu.hao'), number, '2026-03-05');
    world.clock.set('2026-03-09T02:00:00Z');
    await expect(
      pause(world.core, await world.as('wu.hao'), number, '等待材料'),
    ).rejects.toMatchObject({
      key: 'refusal.pause_overdue',
      params: { number, due: '2026-03-05' },
    });
  });
});

eachDatabase('R9 R18 the statutory window across a long holiday', (db) => {
  test('R18 a window closing inside the Spring Festival is announced on the last working day before it', async () => {
    const world = await World.open(db(), patientOrg, '2025-12-22T02:00:00Z');
    const { number } = await world.file('hu.bin');
    await accept(world.core, await world.as('zhao.min'), number, '2025-12-26');
    // Accepted 2025-12-22: the 60 days end 2026-02-20, inside the holiday of 02-15 … 02-23.
    world.clock.set('2026-02-13T02:00:00Z');
    await sweepReminders(world.core);
    world.clock.set('2026-02-14T02:00:00Z'); // the make-up Saturday, the last working day before it
    await sweepReminders(world.core);
    const soon = await world.notices(number, 'statutory_due_soon');
    expect(soon.map((n) => [localDateOf(n.createdAt, 'Asia/Shanghai'), n.data])).toEqual([
      ['2026-02-14', { number, due: '2026-02-20', days: 6 }],
    ]);
  });
});

eachDatabase('R9 the statutory window to register a petition', (db) => {
  test('R9 a petition neither accepted nor declined 15 days after filing goes to the head and the leader in charge', async () => {
    const world = await World.open(db(), patientOrg, '2026-03-02T02:00:00Z');
    const { number } = await world.file('hu.bin');
    // Filed 03-02: to be registered and routed by 03-17.
    world.clock.set('2026-03-17T02:00:00Z');
    await sweepReminders(world.core);
    world.clock.set('2026-03-18T02:00:00Z');
    await sweepReminders(world.core);
    const told = await world.notices(number, 'register_overdue');
    const head = String(await world.idOf('yang.lei'));
    const leader = String(await world.idOf('zhang.wei'));
    expect(
      told.map((n) => [n.recipient, localDateOf(n.createdAt, 'Asia/Shanghai'), n.data]),
    ).toEqual([
      [head, '2026-03-18', { number, due: '2026-03-17', days: 1 }],
      [leader, '2026-03-18', { number, due: '2026-03-17', days: 1 }],
    ]);
  });
});
