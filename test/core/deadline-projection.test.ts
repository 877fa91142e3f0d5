import { projectDeadlines } from '../../src/domain/deadline-projection';
import { accept, decline } from '../../src/services/accept';
import { createCore } from '../../src/services/core';
import { reprojectIfChanged } from '../../src/services/deadline-projection';
import { decideExtension, requestExtension } from '../../src/services/extension';
import { pause, resume } from '../../src/services/progress';
import { rate, reply } from '../../src/services/reply';
import { appeal, recordReview } from '../../src/services/review';
import { historyOf } from '../../src/store/audit-trail';
import { DeadlineProjectionEntity, PetitionEntity } from '../../src/store/entities';
import { eachDatabase } from '../support/databases';
import { patientOrg, with2027, World, writtenReply } from '../support/world';

eachDatabase('R9 R22 the deadline projection is the history’s deadlines', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg, '2026-11-02T02:00:00Z');
  });

  /** The stored row and `projectDeadlines` of the stored history, for one case. */
  async function compare(number: string) {
    const m = world.store.manager;
    const { id } = await m.findOneByOrFail(PetitionEntity, { number });
    const { petitionId: _id, ...stored } = await m.findOneByOrFail(DeadlineProjectionEntity, {
      petitionId: id,
    });
    const computed = projectDeadlines(
      await historyOf(m, id),
      world.core.rules,
      world.core.calendar,
    );
    return { stored: { ...stored, paused: Boolean(stored.paused) }, computed };
  }

  test('every step writes the projection in its transaction, equal to the one computed from the trail', async () => {
    const { number } = await world.file('hu.bin');
    const handler = await world.as('zhao.min');
    const steps = [
      () => accept(world.core, handler, number, '2026-11-10'),
      () => pause(world.core, handler, number, '等待信访人补充材料'),
      () => {
        world.clock.advanceDays(3);
        return resume(world.core, handler, number);
      },
      () => requestExtension(world.core, handler, number, 5, '需要财务部提供数据'),
      async () => decideExtension(world.core, await world.as('yang.lei'), number, true, '同意'),
      () => reply(world.core, handler, number, writtenReply('2026-11-05')),
      async () => rate(world.core, await world.as('hu.bin'), number, 'unsatisfied'),
      async () => appeal(world.core, await world.as('hu.bin'), number, '九月也少发了'),
      async () =>
        recordReview(world.core, await world.as('chen.jing'), number, {
          reviewers: ['职工代表 钱师傅'],
          outcome: 'upheld',
          opinion: '维持原处理意见。',
        }),
    ];
    const seen = [await compare(number)];
    for (const step of steps) {
      await step();
      seen.push(await compare(number));
    }
    for (const { stored, computed } of seen) expect(stored).toEqual(computed);
    const final = seen[seen.length - 1].stored;
    expect(final).toMatchObject({ repliedOn: '2026-11-05', finishedOn: null });
    expect(final.replyDue).toBe(seen[5].stored.handlingDue);
  });

  test('a declined case is projected finished on the day it was declined', async () => {
    world.clock.set('2026-11-05T02:00:00Z');
    const { number } = await world.file('hu.bin');
    await decline(world.core, await world.as('zhao.min'), number, 'litigation', '属于劳动仲裁事项');
    const { stored, computed } = await compare(number);
    expect(stored).toEqual(computed);
    expect(stored.finishedOn).toBe('2026-11-05');
  });
});

eachDatabase('R31 the projection follows the operator’s calendar', (db) => {
  test('giving a missing year recomputes the open cases once: the provisional deadline becomes the official one', async () => {
    const world = await World.open(db(), patientOrg, '2026-12-10T02:00:00Z');
    expect(await reprojectIfChanged(world.core)).toBe(0);
    const { number } = await world.file('hu.bin');
    world.clock.advanceDays(1);
    await accept(world.core, await world.as('zhao.min'), number, '2026-12-18');
    const m = world.store.manager;
    const { id } = await m.findOneByOrFail(PetitionEntity, { number });
    expect(await m.findOneByOrFail(DeadlineProjectionEntity, { petitionId: id })).toMatchObject({
      handlingDue: '2027-01-01',
    });
    const given = with2027;
    const updated = createCore(world.store, given, world.clock);
    expect(await reprojectIfChanged(updated)).toBe(1);
    expect(await reprojectIfChanged(updated)).toBe(0);
    const row = await m.findOneByOrFail(DeadlineProjectionEntity, { petitionId: id });
    expect(row).toMatchObject({ handlingDue: '2027-01-04' });
    expect(Boolean(row.provisional)).toBe(false);
  });
});
