import { accept } from '../../src/services/accept';
import { today } from '../../src/services/core';
import { handover } from '../../src/services/handover';
import { caseFile } from '../../src/services/read-models';
import { reply } from '../../src/services/reply';
import { eachDatabase } from '../support/databases';
import { jobNamed } from '../../src/jobs/catalogue';
import { NoticeEntity } from '../../src/store/entities';
import { syncOrganisation } from '../../src/store/org-sync';
import { exampleOrg, World, writtenReply } from '../support/world';

eachDatabase('R27 handover', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db());
  });

  async function accepted() {
    const { number } = await world.file('hu.bin');
    await accept(world.core, await world.as('zhao.min'), number, today(world.core));
    return number;
  }

  test('R27 R8 the head hands the case to another handler: the new owner answers it, the first receiver stays on record and both are shown', async () => {
    const number = await accepted();
    await handover(world.core, await world.as('yang.lei'), number, 'liu.yang', '赵敏离职');
    await expect(
      reply(world.core, await world.as('zhao.min'), number, writtenReply(today(world.core))),
    ).rejects.toMatchObject({ key: 'refusal.role' });
    await reply(world.core, await world.as('liu.yang'), number, writtenReply(today(world.core)));
    const file = await caseFile(world.core, await world.as('yang.lei'), number);
    expect(file.firstReceiver).toBe('赵敏');
    expect(file.owner).toBe('刘洋');
    expect(file.history.map((e) => e.type)).toContain('handed_over');
    expect(await world.toldAbout(number, 'handed_over')).toEqual([
      `person:${await world.idOf('liu.yang')}`,
    ]);
  });

  test('R27 the owner who leaves and the petitioner are told who handles the case now', async () => {
    const number = await accepted();
    await handover(world.core, await world.as('yang.lei'), number, 'liu.yang', '赵敏休产假');
    const [left] = await world.notices(number, 'handed_over_from');
    expect(left).toMatchObject({
      recipient: String(await world.idOf('zhao.min')),
      data: { number, to: '刘洋', reason: '赵敏休产假' },
    });
    const [petitioner] = await world.notices(number, 'owner_changed');
    expect(petitioner).toMatchObject({
      recipient: String(await world.idOf('hu.bin')),
      data: { number, owner: '刘洋' },
    });
    // The reason is the department's own: the petitioner's notice does not carry it.
    expect(petitioner.data).not.toHaveProperty('reason');
  });

  test('R27 when the organisation file drops an owner of open cases, the head of the lead department is told once, with the numbers', async () => {
    const first = await accepted();
    const second = await accepted();
    const file = { ...exampleOrg, people: exampleOrg.people.filter((p) => p.id !== 'zhao.min') };
    await syncOrganisation(world.store, file, world.clock.now());
    const job = jobNamed('departed-owners');
    await job.run(world.core, world.clock.now());
    await job.run(world.core, world.clock.now());
    const told = await world.store.manager.findBy(NoticeEntity, { kind: 'owner_deactivated' });
    expect(told.map((n) => n.recipient)).toEqual([String(await world.idOf('yang.lei'))]);
    const params = JSON.parse(told[0].params) as { owner: string; numbers: string };
    expect(params.owner).toBe('赵敏');
    expect(params.numbers).toContain(first);
    expect(params.numbers).toContain(second);
    await syncOrganisation(world.store, exampleOrg, world.clock.now());
  });

  test('R27 an owner who returns to the organisation file and leaves again is reported again', async () => {
    await accepted();
    const without = { ...exampleOrg, people: exampleOrg.people.filter((p) => p.id !== 'zhao.min') };
    const job = jobNamed('departed-owners');
    const told = () => world.store.manager.countBy(NoticeEntity, { kind: 'owner_deactivated' });
    const before = await told();
    world.clock.advanceDays(1);
    await syncOrganisation(world.store, without, world.clock.now());
    await job.run(world.core, world.clock.now());
    await syncOrganisation(world.store, without, world.clock.now());
    await job.run(world.core, world.clock.now());
    expect(await told()).toBe(before + 1);
    await syncOrganisation(world.store, exampleOrg, world.clock.now());
    world.clock.advanceDays(1);
    await syncOrganisation(world.store, without, world.clock.now());
    await job.run(world.core, world.clock.now());
    expect(await told()).toBe(before + 2);
    await syncOrganisation(world.store, exampleOrg, world.clock.now());
  });

  test('R27 R15 the owner cannot hand over their own case, and nobody outside the lead department takes it over', async () => {
    const number = await accepted();
    await expect(
      handover(world.core, await world.as('zhao.min'), number, 'liu.yang', '想换人'),
    ).rejects.toMatchObject({ key: 'refusal.role' });
    await expect(
      handover(world.core, await world.as('yang.lei'), number, 'hu.bin', '换人'),
    ).rejects.toMatchObject({ key: 'refusal.not_a_handler' });
  });
});
