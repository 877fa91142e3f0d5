import { accept, decline } from '../../src/services/accept';
import { decideExtension, requestExtension } from '../../src/services/extension';
import { note, pause, resume } from '../../src/services/progress';
import { openStates } from '../../src/domain/lifecycle';
import { everyPage } from '../../src/services/page';
import { caseFile, queue } from '../../src/services/read-models';
import { rate, reply, type WrittenReply } from '../../src/services/reply';
import { addCoDepartment, transfer } from '../../src/services/routing';
import { close, withdraw } from '../../src/services/closure';
import { eachDatabase } from '../support/databases';
import { patientOrg, World } from '../support/world';

const fullReply: WrittenReply = {
  investigation: '调取了十月考勤与工资发放记录，约谈车间主任。',
  facts: '十月加班费因系统参数错误少计 1.5 倍系数。',
  basis: '《劳动法》第四十四条、公司薪酬管理办法第十二条。',
  conclusion: '十一月工资中补发差额，并修正系统参数。',
  deliveryMethod: 'in_system',
  deliveredOn: '2026-11-04',
};

eachDatabase('handling a petition', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });
  beforeEach(() => world.clock.set('2026-11-02T02:00:00Z'));

  test('R8 R5 the first handler to accept owns the case and commits to a reply date the petitioner sees', async () => {
    const { number } = await world.file('hu.bin');
    const { petition } = await accept(world.core, await world.as('zhao.min'), number, '2026-11-16');
    expect(petition).toMatchObject({ state: 'accepted', ownerId: await world.idOf('zhao.min') });
    const [told] = await world.notices(number, 'accepted');
    expect(told.recipient).toBe(String(await world.idOf('hu.bin')));
    expect(told.data).toMatchObject({ owner: '赵敏', replyBy: '2026-11-16', due: '2026-11-23' });
    const file = await caseFile(world.core, await world.as('hu.bin'), number);
    expect(file.deadlines.committedReplyBy).toBe('2026-11-16');
    expect(file.owner).toBe('赵敏');
  });

  test('R5 a committed reply date after the time limit is refused', async () => {
    const { number } = await world.file('hu.bin');
    await expect(
      accept(world.core, await world.as('zhao.min'), number, '2026-12-31'),
    ).rejects.toMatchObject({ key: 'refusal.reply_date_late', params: { due: '2026-11-23' } });
  });

  test('R15 an employee may not accept a petition, and is told so naming the case as one they cannot see', async () => {
    const { number } = await world.file('hu.bin');
    await expect(
      accept(world.core, await world.as('guo.hong'), number, '2026-11-10'),
    ).rejects.toMatchObject({ key: 'refusal.not_found', params: { number } });
  });

  test('R15 a handler of another department may not accept', async () => {
    const { number } = await world.file('hu.bin');
    await expect(
      accept(world.core, await world.as('wu.hao'), number, '2026-11-10'),
    ).rejects.toMatchObject({ key: 'refusal.not_found' });
  });

  test('an illegal step is refused naming the case and its current state', async () => {
    const { number } = await world.file('hu.bin');
    await accept(world.core, await world.as('zhao.min'), number, '2026-11-10');
    await expect(
      accept(world.core, await world.as('liu.yang'), number, '2026-11-10'),
    ).rejects.toMatchObject({
      key: 'refusal.state',
      params: { number, state: 'accepted', step: 'accept' },
    });
  });

  test('R4 a declined petition names the situation and its guidance to the petitioner', async () => {
    const { number } = await world.file('hu.bin');
    const { petition } = await decline(
      world.core,
      await world.as('zhao.min'),
      number,
      'litigation',
    );
    expect(petition.state).toBe('declined');
    expect((await world.notices(number, 'declined'))[0].data).toMatchObject({
      situation: 'litigation',
    });
    await expect(
      decline(world.core, await world.as('zhao.min'), (await world.file('hu.bin')).number, 'whim'),
    ).rejects.toMatchObject({ key: 'refusal.unknown_situation' });
  });

  test('R10 an extension needs the department head, moves the deadline and is told to the petitioner', async () => {
    const { number } = await world.file('hu.bin');
    await accept(world.core, await world.as('zhao.min'), number, '2026-11-20');
    await requestExtension(
      world.core,
      await world.as('zhao.min'),
      number,
      5,
      '需要财务部提供三个月数据',
    );
    const head = await world.idOf('yang.lei');
    expect(await world.toldAbout(number, 'extension_requested')).toEqual(
      expect.arrayContaining([`person:${head}`]),
    );
    await expect(
      decideExtension(world.core, await world.as('zhao.min'), number, true),
    ).rejects.toMatchObject({ key: 'refusal.role' });
    await expect(
      decideExtension(world.core, await world.as('wu.hao'), number, true),
    ).rejects.toMatchObject({ key: 'refusal.not_found' });
    await decideExtension(world.core, await world.as('yang.lei'), number, true, '同意');
    const file = await caseFile(world.core, await world.as('zhao.min'), number);
    expect(file.deadlines.handlingDue).toBe('2026-11-30');
    expect(file.deadlines.extendedWorkingDays).toBe(5);
    const decided = await world.notices(number, 'extension_decided');
    expect(decided.map((n) => n.recipient)).toEqual(
      expect.arrayContaining([String(await world.idOf('hu.bin'))]),
    );
    expect(decided[0].data).toMatchObject({ approved: true, due: '2026-11-30' });
  });

  test('R10 a rejected extension leaves the deadline and a second request waits for none', async () => {
    const { number } = await world.file('hu.bin');
    await accept(world.core, await world.as('zhao.min'), number, '2026-11-20');
    await requestExtension(world.core, await world.as('zhao.min'), number, 3, '等待');
    await expect(
      requestExtension(world.core, await world.as('zhao.min'), number, 3, '再等'),
    ).rejects.toMatchObject({ key: 'refusal.extension_pending' });
    await decideExtension(world.core, await world.as('zhang.wei'), number, false, '时限内可以办完');
    const file = await caseFile(world.core, await world.as('zhao.min'), number);
    expect(file.deadlines.handlingDue).toBe('2026-11-23');
  });

  test('R9 a paused case is not overdue; resuming gives the paused working days back', async () => {
    const { number } = await world.file('hu.bin', {
      categoryId: 'management.rules',
      content: '考勤制度建议。',
    });
    await accept(world.core, await world.as('liu.yang'), number, '2026-11-05');
    world.clock.set('2026-11-03T02:00:00Z');
    await pause(world.core, await world.as('liu.yang'), number, '等待信访人补充材料');
    world.clock.set('2026-11-20T02:00:00Z');
    const waiting = await caseFile(world.core, await world.as('liu.yang'), number);
    expect(waiting).toMatchObject({ paused: true, overdueWorkingDays: 0, due: null });
    expect(waiting.deadlines.remainingWorkingDays).toBe(3);
    await resume(world.core, await world.as('liu.yang'), number);
    const running = await caseFile(world.core, await world.as('liu.yang'), number);
    expect(running.due).toBe('2026-11-24');
    await expect(resume(world.core, await world.as('liu.yang'), number)).rejects.toMatchObject({
      key: 'refusal.not_paused',
    });
  });

  test('R11 a reply missing one of its four parts is refused by name', async () => {
    const { number } = await world.file('hu.bin');
    await accept(world.core, await world.as('zhao.min'), number, '2026-11-20');
    world.clock.set('2026-11-05T02:00:00Z');
    await expect(
      reply(world.core, await world.as('zhao.min'), number, { ...fullReply, basis: ' ' }),
    ).rejects.toMatchObject({ key: 'refusal.reply_part_missing', params: { part: 'basis' } });
    await expect(
      reply(world.core, await world.as('zhao.min'), number, {
        ...fullReply,
        deliveryMethod: 'pigeon' as never,
      }),
    ).rejects.toMatchObject({ key: 'refusal.delivery_method' });
    const { petition } = await reply(world.core, await world.as('zhao.min'), number, fullReply);
    expect(petition.state).toBe('replied');
    expect(await world.toldAbout(number, 'rating_requested')).toEqual([
      `person:${await world.idOf('hu.bin')}`,
    ]);
  });

  test('R8 a transfer changes the lead department but never the owner', async () => {
    const { number } = await world.file('hu.bin');
    await accept(world.core, await world.as('liu.yang'), number, '2026-11-10');
    const { petition } = await transfer(
      world.core,
      await world.as('liu.yang'),
      number,
      'finance',
      '主要涉及财务核算',
    );
    expect(petition).toMatchObject({
      leadDepartmentId: 'finance',
      ownerId: await world.idOf('liu.yang'),
    });
    expect(await world.toldAbout(number, 'transferred_in')).toEqual(
      expect.arrayContaining([
        'department_channel:finance',
        `person:${await world.idOf('huang.qiang')}`,
      ]),
    );
  });

  test('R3 a co-department sees the case and adds progress notes; the owner stays', async () => {
    const { number } = await world.file('hu.bin');
    await accept(world.core, await world.as('zhao.min'), number, '2026-11-10');
    await addCoDepartment(world.core, await world.as('zhao.min'), number, 'production');
    const wu = await world.as('wu.hao');
    expect((await queue(world.core, wu)).items.map((p) => p.number)).toContain(number);
    const { petition } = await note(world.core, wu, number, '已核对车间排班表');
    expect(petition).toMatchObject({ state: 'in_progress', ownerId: await world.idOf('zhao.min') });
  });

  test('R14 the petitioner may withdraw an open case; nobody else may', async () => {
    const { number } = await world.file('hu.bin');
    await expect(
      withdraw(world.core, await world.as('zhao.min'), number, 'x'),
    ).rejects.toMatchObject({
      key: 'refusal.role',
    });
    const { petition } = await withdraw(world.core, await world.as('hu.bin'), number, '已私下解决');
    expect(petition.state).toBe('withdrawn');
  });

  test('R14 every step is logged with who, when and why', async () => {
    const { number } = await world.file('hu.bin');
    await accept(world.core, await world.as('zhao.min'), number, '2026-11-10');
    await reply(world.core, await world.as('zhao.min'), number, {
      ...fullReply,
      deliveredOn: '2026-11-02',
    });
    await rate(world.core, await world.as('hu.bin'), number, 'satisfied', '已补发');
    await close(world.core, await world.as('zhao.min'), number, '信访人满意');
    const file = await caseFile(world.core, await world.as('yang.lei'), number);
    expect(file.history.map((e) => [e.type, e.actor])).toEqual([
      ['filed', '胡斌'],
      ['co_department_added', null],
      ['co_department_added', null],
      ['accepted', '赵敏'],
      ['replied', '赵敏'],
      ['rated', '胡斌'],
      ['closed', '赵敏'],
    ]);
    expect(file.history[6]).toMatchObject({ reason: '信访人满意' });
    expect(file.history[6].at).toEqual(new Date('2026-11-02T02:00:00Z'));
  });

  test('R15 a handler queue lists the open cases of their departments, soonest due first', async () => {
    world.clock.set('2026-11-04T02:00:00Z');
    const { number: later } = await world.file('hu.bin');
    world.clock.set('2026-11-02T02:00:00Z');
    const { number: sooner } = await world.file('hu.bin');
    const { number: withdrawn } = await world.file('hu.bin');
    await withdraw(world.core, await world.as('hu.bin'), withdrawn, '已私下解决');
    const zhao = await world.as('zhao.min');
    const list = await everyPage((page) => queue(world.core, zhao, page));
    const ours = list.map((p) => p.number).filter((n) => [later, sooner, withdrawn].includes(n));
    expect(ours).toEqual([sooner, later]);
    expect(list.every((p) => openStates.includes(p.state))).toBe(true);
    const dues = list.map((p) => p.due ?? '9999');
    expect([...dues].sort()).toEqual(dues);
    expect((await queue(world.core, await world.as('guo.hong'))).total).toBe(0);
  });
});
