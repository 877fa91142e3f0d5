import { accept } from '../../src/services/accept';
import { today } from '../../src/services/core';
import { handover } from '../../src/services/handover';
import { caseFile } from '../../src/services/read-models';
import { reply } from '../../src/services/reply';
import { eachDatabase } from '../support/databases';
import { World, writtenReply } from '../support/world';

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
