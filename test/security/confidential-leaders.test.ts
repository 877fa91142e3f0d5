import { leaderDigests } from '../../src/jobs/digests';
import type { Digest } from '../../src/domain/figures';
import { accept } from '../../src/services/accept';
import { close } from '../../src/services/closure';
import { assignLeader, flagMajor, leadersInCharge } from '../../src/services/major';
import { caseFile, leaderCases } from '../../src/services/read-models';
import { rate, reply } from '../../src/services/reply';
import { PetitionEntity } from '../../src/store/entities';
import { eachDatabase } from '../support/databases';
import { patientOrg, World, writtenReply } from '../support/world';

/** 张伟 is in charge of HR (and of the office, finance, the union, legal); 李娜 of production and safety. */
eachDatabase('R16 R6 confidential cases and their leaders', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });
  beforeEach(() => world.clock.set('2026-11-03T02:00:00Z'));

  const confidentialHrCase = async () =>
    (await world.file('hu.bin', { mode: 'confidential', content: '主管因我投诉而扣发奖金。' }))
      .number;

  test('R16 assignLeader offers and accepts only the leaders in charge of the area of the case', async () => {
    const number = await confidentialHrCase();
    expect((await leadersInCharge(world.core, number)).map((l) => l.person.orgKey)).toEqual([
      'zhang.wei',
    ]);
    const head = await world.as('yang.lei');
    await expect(
      assignLeader(world.core, head, number, await world.idOf('li.na')),
    ).rejects.toMatchObject({ key: 'refusal.leader_not_in_charge', params: { number } });
    const { petition } = await assignLeader(
      world.core,
      head,
      number,
      await world.idOf('zhang.wei'),
    );
    expect(petition.leaderId).toBe(await world.idOf('zhang.wei'));
    expect((await caseFile(world.core, await world.as('zhang.wei'), number)).petitioner).toBe(
      '胡斌',
    );
  });

  test('R16 R6 a leader set on a confidential case outside their area sees it, not its petitioner, also after flagging it major', async () => {
    const number = await confidentialHrCase();
    // As an earlier release let any leader be assigned.
    await world.store.manager.update(
      PetitionEntity,
      { number },
      { leaderId: await world.idOf('li.na') },
    );
    const liNa = await world.as('li.na');
    expect(await caseFile(world.core, liNa, number)).toMatchObject({
      petitioner: null,
      contact: null,
    });
    const { petition } = await flagMajor(world.core, liNa, number, 'manual', '影响员工队伍稳定');
    expect(petition).toMatchObject({ major: true, leaderId: await world.idOf('li.na') });
    expect(await caseFile(world.core, liNa, number)).toMatchObject({
      petitioner: null,
      contact: null,
    });
  });

  test("R16 R20 a closed case leaves its leader's list and digest", async () => {
    const number = await confidentialHrCase();
    const handler = await world.as('zhao.min');
    await accept(world.core, handler, number, '2026-11-10');
    await assignLeader(
      world.core,
      await world.as('yang.lei'),
      number,
      await world.idOf('zhang.wei'),
    );
    const zhangWei = await world.as('zhang.wei');
    const listed = async () => (await leaderCases(world.core, zhangWei)).items.map((p) => p.number);
    expect(await listed()).toContain(number);

    await reply(world.core, handler, number, writtenReply('2026-11-03'));
    await rate(world.core, await world.as('hu.bin'), number, 'satisfied');
    await close(world.core, handler, number);
    expect(await listed()).not.toContain(number);
    world.clock.set('2026-11-09T01:00:00Z');
    const digest = (await leaderDigests(world.core, world.clock.now())).find(
      (n) => n.to.id === String(zhangWei.person.id),
    )?.params as { digest: Digest } | undefined;
    expect(digest?.digest.owned.map((line) => line.number)).not.toContain(number);
  });
});
