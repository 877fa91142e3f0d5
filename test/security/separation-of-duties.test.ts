import type { Organisation } from '../../src/config/org';
import { sweepReminders } from '../../src/jobs/reminders';
import { accept, decline } from '../../src/services/accept';
import { close } from '../../src/services/closure';
import { decideDisclosure, requestDisclosure } from '../../src/services/disclosure';
import { decideExtension, requestExtension } from '../../src/services/extension';
import { recordTeamResolution } from '../../src/services/file';
import { assignLeader, flagMajor } from '../../src/services/major';
import { handover } from '../../src/services/handover';
import { note } from '../../src/services/progress';
import { rate, reply } from '../../src/services/reply';
import { appeal, recordReview } from '../../src/services/review';
import { eachDatabase } from '../support/databases';
import { patientOrg, World, writtenReply } from '../support/world';

type OrgRole = Organisation['people'][number]['roles'][number];

/**
 * The example organisation where people wear a second hat, as they do in small companies: the
 * liaison ma.jun also handles production's cases, the review board member he.ping also handles
 * HR's, and the custodian chen.jing too.
 */
const twoHats: Organisation = {
  ...patientOrg,
  people: patientOrg.people.map((p) => {
    const more: Record<string, OrgRole[]> = {
      'ma.jun': [{ role: 'handler' }],
      'he.ping': [{ role: 'handler', departments: ['hr'] }],
      'chen.jing': [{ role: 'handler', departments: ['hr'] }],
    };
    return { ...p, roles: [...p.roles, ...(more[p.id] ?? [])] };
  }),
};

const written = writtenReply('2026-11-03');
const review = (opinion: string) => ({
  reviewers: ['职工代表 钱师傅'],
  outcome: 'upheld' as const,
  opinion,
});

eachDatabase('R28 separation of duties', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), twoHats);
  });
  beforeEach(() => world.clock.set('2026-11-03T02:00:00Z'));

  const person = async (key: string) => `person:${await world.idOf(key)}`;

  test('R28 a handler who files a petition takes no handling step on it and is not offered one; she speaks for it as its petitioner', async () => {
    // 王芳 handles every department, heads the office and administers the bot.
    const { number } = await world.file('wang.fang', { content: '食堂排班不合理。' });
    const wang = await world.as('wang.fang');
    expect(await world.toldAbout(number, 'new_case')).not.toContain(await person('wang.fang'));
    expect(await world.toldAbout(number, 'new_case')).toContain(await person('zhao.min'));
    for (const step of [
      () => accept(world.core, wang, number, '2026-11-10'),
      () => decline(world.core, wang, number, 'litigation'),
      () => flagMajor(world.core, wang, number, 'manual', '涉及面广'),
    ]) {
      await expect(step()).rejects.toMatchObject({ key: 'refusal.role' });
    }
    const leader = await world.idOf('zhang.wei');
    await expect(assignLeader(world.core, wang, number, leader)).rejects.toMatchObject({
      key: 'refusal.role',
    });

    await accept(world.core, await world.as('zhao.min'), number, '2026-11-10');
    await expect(note(world.core, wang, number, '我来跟进')).rejects.toMatchObject({
      key: 'refusal.role',
    });
    await expect(reply(world.core, wang, number, written)).rejects.toMatchObject({
      key: 'refusal.role',
    });
    await reply(world.core, await world.as('zhao.min'), number, written);
    await expect(close(world.core, wang, number)).rejects.toMatchObject({ key: 'refusal.role' });
    const { petition } = await rate(world.core, wang, number, 'satisfied');
    expect(petition.rating).toBe('satisfied');
  });

  test('R28 R27 R6 a case is never handed over to its petitioner, even one kept in custody', async () => {
    // 何平 also handles HR's cases: her own confidential petition about pay is HR's.
    for (const mode of ['named', 'confidential'] as const) {
      const { number } = await world.file('he.ping', { categoryId: 'labour.salary', mode });
      await accept(world.core, await world.as('zhao.min'), number, '2026-11-10');
      await expect(
        handover(world.core, await world.as('yang.lei'), number, 'he.ping', '赵敏休假'),
      ).rejects.toMatchObject({ key: 'refusal.handover_to_party' });
      await handover(world.core, await world.as('yang.lei'), number, 'liu.yang', '赵敏休假');
    }
  });

  test('R28 R18 the reminder that a case waits to be accepted does not go to the handler who filed it', async () => {
    const { number } = await world.file('wang.fang', { content: '会议室预订系统经常失灵。' });
    world.clock.set('2026-11-10T02:00:00Z');
    await sweepReminders(world.core);
    const reminded = await world.toldAbout(number, 'acceptance_overdue');
    expect(reminded).toContain(await person('zhao.min'));
    expect(reminded).not.toContain(await person('wang.fang'));
  });

  test('R28 R7 a liaison who filed for a worker takes no handling step on that case, but records a team-level resolution', async () => {
    const { number } = await world.file('ma.jun', {
      categoryId: 'management.process',
      content: '冲压车间交接班流程混乱。',
      onBehalfOf: { personId: await world.idOf('hu.bin') },
    });
    expect(await world.toldAbout(number, 'new_case')).not.toContain(await person('ma.jun'));
    await expect(
      accept(world.core, await world.as('ma.jun'), number, '2026-11-05'),
    ).rejects.toMatchObject({ key: 'refusal.role' });
    await accept(world.core, await world.as('wu.hao'), number, '2026-11-05');

    const resolved = await recordTeamResolution(
      world.core,
      await world.as('ma.jun'),
      {
        categoryId: 'management.process',
        content: '班前会时间冲突。',
        onBehalfOf: { name: '刘师傅' },
      },
      '已与班长协调调整班前会时间',
    );
    expect(resolved).toMatchObject({ state: 'closed', resolvedAtTeam: true });
  });

  test('R13 R28 a review board member who appealed her own case does not record its review and is not asked to', async () => {
    const { number } = await world.file('chen.jing', { content: '工会经费使用不透明。' });
    await accept(world.core, await world.as('zhao.min'), number, '2026-11-10');
    await reply(world.core, await world.as('zhao.min'), number, written);
    await appeal(world.core, await world.as('chen.jing'), number, '答复未说明经费去向');
    const asked = await world.toldAbout(number, 'appealed');
    expect(asked).not.toContain(await person('chen.jing'));
    expect(asked).toContain(await person('he.ping'));
    await expect(
      recordReview(world.core, await world.as('chen.jing'), number, review('维持。')),
    ).rejects.toMatchObject({ key: 'refusal.role' });
    const { petition } = await recordReview(
      world.core,
      await world.as('he.ping'),
      number,
      review('维持。'),
    );
    expect(petition.state).toBe('reviewed');
  });

  test("R13 R28 review and re-review are recorded by different members, neither of them the case's handler", async () => {
    const { number } = await world.file('hu.bin', { content: '绩效考核结果未公示。' });
    // 何平 sits on the review board and handles HR's cases: this one is his.
    await accept(world.core, await world.as('he.ping'), number, '2026-11-10');
    await reply(world.core, await world.as('he.ping'), number, written);
    const petitioner = await world.as('hu.bin');
    await appeal(world.core, petitioner, number, '考核过程不公开');
    const asked = await world.toldAbout(number, 'appealed');
    expect(asked).not.toContain(await person('he.ping'));
    await expect(
      recordReview(world.core, await world.as('he.ping'), number, review('维持。')),
    ).rejects.toMatchObject({ key: 'refusal.role' });
    await recordReview(world.core, await world.as('sun.jian'), number, review('维持。'));

    await appeal(world.core, petitioner, number, '复查仍未公开考核过程');
    const askedAgain = (await world.notices(number, 'appealed'))
      .filter((n) => 'level' in n.data && n.data.level === 're_review')
      .map((n) => `${n.recipientKind}:${n.recipient}`);
    expect(askedAgain).toEqual([await person('chen.jing')]);
    for (const member of ['sun.jian', 'he.ping']) {
      await expect(
        recordReview(world.core, await world.as(member), number, review('复核维持。')),
      ).rejects.toMatchObject({ key: 'refusal.role' });
    }
    const { petition } = await recordReview(
      world.core,
      await world.as('chen.jing'),
      number,
      review('复核维持。'),
    );
    expect(petition.state).toBe('closed');
  });

  test('R10 R6 nobody approves their own extension or grants themself a disclosure, and a custodian decides none on a case she filed', async () => {
    const { number } = await world.file('hu.bin', {
      mode: 'confidential',
      content: '主管以调岗威胁我撤回投诉。',
    });
    const head = await world.as('yang.lei');
    await accept(world.core, head, number, '2026-11-10');
    await requestExtension(world.core, head, number, 5, '需要调取监控');
    await expect(decideExtension(world.core, head, number, true)).rejects.toMatchObject({
      key: 'refusal.own_extension',
    });
    const custodian = await world.as('chen.jing');
    await requestDisclosure(world.core, custodian, number, '需要当面核实');
    await expect(
      decideDisclosure(world.core, custodian, number, undefined, true, '同意'),
    ).rejects.toMatchObject({ key: 'refusal.own_disclosure' });

    const own = await world.file('chen.jing', { mode: 'confidential', content: '有人跟踪我。' });
    await accept(world.core, await world.as('zhao.min'), own.number, '2026-11-10');
    await requestDisclosure(world.core, await world.as('zhao.min'), own.number, '核实');
    expect(await world.toldAbout(own.number, 'disclosure_requested')).not.toContain(
      await person('chen.jing'),
    );
    await expect(
      decideDisclosure(world.core, custodian, own.number, undefined, true, '同意'),
    ).rejects.toMatchObject({ key: 'refusal.role' });
  });
});
