import { accept } from '../../src/services/accept';
import { decideDisclosure, requestDisclosure } from '../../src/services/disclosure';
import { caseFile, queue } from '../../src/services/read-models';
import { relay } from '../../src/services/relay';
import { eachDatabase } from '../support/databases';
import { patientOrg, World } from '../support/world';

eachDatabase('R6 confidentiality and anonymity', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });

  test('R6 a confidential petitioner is hidden from handlers until one accepts and owns the case', async () => {
    const { number } = await world.file('hu.bin', {
      mode: 'confidential',
      content: '车间主任克扣绩效并威胁员工。',
    });
    const listed = (await queue(world.core, await world.as('zhao.min'))).items.find(
      (p) => p.number === number,
    );
    expect(listed?.petitioner).toBeNull();
    const before = await caseFile(world.core, await world.as('zhao.min'), number);
    expect(before).toMatchObject({ petitioner: null, contact: null });
    expect(before.history[0].actor).toBeNull();

    await accept(world.core, await world.as('zhao.min'), number, '2026-11-10');
    const owner = await caseFile(world.core, await world.as('zhao.min'), number);
    expect(owner).toMatchObject({ petitioner: '胡斌', contact: '13800000000' });
    const head = await caseFile(world.core, await world.as('yang.lei'), number);
    expect(head.petitioner).toBeNull();
  });

  test('R6 no notice to a channel carries the identity of a confidential petitioner', async () => {
    const { number } = await world.file('hu.bin', {
      mode: 'confidential',
      content: '安全员收受供应商礼品。',
    });
    const channelPosts = (await world.notices(number)).filter((n) => n.recipientKind !== 'person');
    expect(channelPosts.map((n) => `${n.recipientKind}:${n.recipient}`)).toEqual([
      'department_channel:hr',
    ]);
    for (const post of channelPosts) {
      expect(post.params).not.toContain('胡斌');
      expect(post.params).not.toContain('13800000000');
      expect(post.params).not.toContain(String(await world.idOf('hu.bin')));
    }
  });

  test('R6 a disclosure is asked with a reason, decided by the custodian, logged, and cannot be undone', async () => {
    const { number } = await world.file('hu.bin', {
      mode: 'confidential',
      content: '班组长安排亲属顶岗。',
    });
    await accept(world.core, await world.as('liu.yang'), number, '2026-11-10');
    const asker = await world.as('zhao.min');
    await expect(requestDisclosure(world.core, asker, number, ' ')).rejects.toMatchObject({
      key: 'refusal.required',
    });
    const {
      events: [event],
    } = await requestDisclosure(world.core, asker, number, '需要当面核实考勤记录');
    const request = Number(JSON.parse(event.data).request);
    expect(await world.toldAbout(number, 'disclosure_requested')).toEqual([
      `person:${await world.idOf('chen.jing')}`,
    ]);
    await expect(
      decideDisclosure(world.core, await world.as('wang.fang'), number, request, true, '同意'),
    ).rejects.toMatchObject({ key: 'refusal.role' });
    await decideDisclosure(
      world.core,
      await world.as('chen.jing'),
      number,
      request,
      true,
      '核实需要',
    );
    expect((await caseFile(world.core, asker, number)).petitioner).toBe('胡斌');
    await expect(
      decideDisclosure(world.core, await world.as('chen.jing'), number, request, false, '撤回'),
    ).rejects.toMatchObject({ key: 'refusal.no_disclosure_pending' });
    const trail = (await caseFile(world.core, await world.as('liu.yang'), number)).history;
    expect(trail.map((e) => e.type)).toEqual(
      expect.arrayContaining(['disclosure_requested', 'disclosure_granted']),
    );
  });

  test('R6 an anonymous petitioner is never disclosed, but messages reach them through the bot', async () => {
    const { number } = await world.file('guo.hong', {
      mode: 'anonymous',
      content: '化学品仓库通风设备长期停用。',
      categoryId: 'protection.safety',
    });
    const owner = await world.as('xu.li');
    await accept(world.core, owner, number, '2026-11-10');
    expect((await caseFile(world.core, owner, number)).petitioner).toBeNull();
    await expect(requestDisclosure(world.core, owner, number, '需要')).rejects.toMatchObject({
      key: 'refusal.anonymous',
    });
    await relay(world.core, owner, number, '请问是哪一个仓库？');
    const [question] = await world.notices(number, 'message_to_petitioner');
    expect(question.recipient).toBe(String(await world.idOf('guo.hong')));
    await relay(world.core, await world.as('guo.hong'), number, '二号危化品仓库。');
    const [answer] = await world.notices(number, 'message_from_petitioner');
    expect(answer).toMatchObject({ recipient: String(owner.person.id) });
    const history = (await caseFile(world.core, owner, number)).history;
    expect(history.filter((e) => e.type === 'message_relayed').map((e) => e.actor)).toEqual([
      '徐丽',
      null,
    ]);
  });

  test('R6 a named petitioner is visible to those handling the case', async () => {
    const { number } = await world.file('hu.bin', {
      content: '工装尺码不全。',
      categoryId: 'management.rules',
    });
    expect((await caseFile(world.core, await world.as('liu.yang'), number)).petitioner).toBe(
      '胡斌',
    );
  });

  test('R15 a party-committee reader reads a named case without learning who filed it', async () => {
    const { number } = await world.file('hu.bin', {
      content: '宿舍热水器坏了。',
      categoryId: 'protection.safety',
    });
    const read = await caseFile(world.core, await world.as('zhang.wei'), number);
    expect(read).toMatchObject({ content: '宿舍热水器坏了。', petitioner: null, contact: null });
  });

  test('R15 people with no part in a case cannot read it', async () => {
    const { number } = await world.file('hu.bin', {
      content: '食堂卫生问题。',
      categoryId: 'management.rules',
    });
    await expect(caseFile(world.core, await world.as('guo.hong'), number)).rejects.toMatchObject({
      key: 'refusal.not_found',
    });
    await expect(caseFile(world.core, await world.as('wu.hao'), number)).rejects.toMatchObject({
      key: 'refusal.not_found',
    });
  });
});
