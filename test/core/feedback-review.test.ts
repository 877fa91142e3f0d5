import { sweepReminders } from '../../src/jobs/reminders';
import { accept } from '../../src/services/accept';
import { close } from '../../src/services/closure';
import { caseFile } from '../../src/services/read-models';
import { rate, reply } from '../../src/services/reply';
import { appeal, recordReview } from '../../src/services/review';
import { eachDatabase } from '../support/databases';
import { patientOrg, World, writtenReply } from '../support/world';

const written = writtenReply('2026-11-03');

eachDatabase('feedback, review and re-review', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });
  beforeEach(() => world.clock.set('2026-11-03T02:00:00Z'));

  async function repliedCase(content = '夜班补贴标准偏低，与周边企业差距大。') {
    const { number } = await world.file('hu.bin', { content });
    await accept(world.core, await world.as('zhao.min'), number, '2026-11-10');
    await reply(world.core, await world.as('zhao.min'), number, written);
    return number;
  }

  test('R12 only the petitioner rates the reply, and the owner is told the rating', async () => {
    const number = await repliedCase();
    await expect(
      rate(world.core, await world.as('zhao.min'), number, 'satisfied'),
    ).rejects.toMatchObject({ key: 'refusal.role' });
    const { petition } = await rate(
      world.core,
      await world.as('hu.bin'),
      number,
      'basically_satisfied',
      '希望明年调整',
    );
    expect(petition).toMatchObject({ state: 'rated', rating: 'basically_satisfied' });
    expect((await world.notices(number, 'rated'))[0]).toMatchObject({
      recipient: String(await world.idOf('zhao.min')),
    });
  });

  test('R7 R12 a worker filed for by a liaison rates the reply; the liaison may not speak for them', async () => {
    const { number } = await world.file('ma.jun', {
      content: '冲压车间防护手套发放不足。',
      onBehalfOf: { personId: await world.idOf('guo.hong') },
    });
    await accept(world.core, await world.as('zhao.min'), number, '2026-11-10');
    await reply(world.core, await world.as('zhao.min'), number, written);
    await expect(
      rate(world.core, await world.as('ma.jun'), number, 'satisfied'),
    ).rejects.toMatchObject({
      key: 'refusal.role',
    });
    const { petition } = await rate(world.core, await world.as('guo.hong'), number, 'satisfied');
    expect(petition.rating).toBe('satisfied');
  });

  test('R13 an unsatisfied petitioner goes through review and re-review, recorded with their reviewers, and the result is final', async () => {
    const content = '夜班补贴标准偏低，要求按周边企业标准上调夜班补贴。';
    const number = await repliedCase(content);
    const petitioner = await world.as('hu.bin');
    await rate(world.core, petitioner, number, 'unsatisfied');
    await appeal(world.core, petitioner, number, '答复未回应与周边企业的比较');
    const board = (await world.toldAbout(number, 'appealed')).sort();
    expect(board).toEqual(
      [await world.idOf('chen.jing'), await world.idOf('sun.jian'), await world.idOf('he.ping')]
        .map((id) => `person:${id}`)
        .sort(),
    );
    await expect(
      recordReview(world.core, await world.as('zhao.min'), number, {
        reviewers: ['x'],
        outcome: 'upheld',
        opinion: 'x',
      }),
    ).rejects.toMatchObject({ key: 'refusal.role' });
    await expect(
      recordReview(world.core, await world.as('chen.jing'), number, {
        reviewers: [' '],
        outcome: 'upheld',
        opinion: 'x',
      }),
    ).rejects.toMatchObject({ key: 'refusal.reviewers_required' });
    const first = await recordReview(world.core, await world.as('chen.jing'), number, {
      reviewers: ['外聘劳动法专家 周律师', '职工代表 钱师傅'],
      outcome: 'upheld',
      opinion: '补贴标准符合集体合同约定。',
    });
    expect(first.petition.state).toBe('reviewed');

    await appeal(world.core, petitioner, number, '集体合同已过期');
    const second = await recordReview(world.core, await world.as('sun.jian'), number, {
      reviewers: ['职工代表 孙师傅'],
      outcome: 'upheld',
      opinion: '复核维持。',
    });
    expect(second.petition.state).toBe('closed');
    const file = await caseFile(world.core, petitioner, number);
    const reviews = file.history.filter((e) => e.type === 'reviewed');
    expect(
      reviews.map((e) => Object.fromEntries(e.details.map((d) => [d.field, d.value]))),
    ).toEqual([
      {
        level: 'review',
        reviewers: ['外聘劳动法专家 周律师', '职工代表 钱师傅'],
        outcome: 'upheld',
      },
      { level: 're_review', reviewers: ['职工代表 孙师傅'], outcome: 'upheld' },
    ]);
    expect((await world.notices(number, 'reviewed')).at(-1)?.data).toMatchObject({ final: true });
    await expect(appeal(world.core, petitioner, number, '仍不服')).rejects.toMatchObject({
      key: 'refusal.state',
    });

    await expect(
      world.file('hu.bin', { content: '要求按周边企业标准上调夜班补贴，夜班补贴标准偏低。' }),
    ).rejects.toMatchObject({
      key: 'refusal.final_matter',
      params: { number },
    });
    await expect(
      world.file('hu.bin', { content: '另一件事', relatesTo: number }),
    ).rejects.toMatchObject({
      key: 'refusal.final_matter',
    });
    await expect(
      world.file('hu.bin', { content: '食堂窗口太少，排队时间长。' }),
    ).resolves.toMatchObject({
      state: 'submitted',
    });
  });

  test('R13 R18 the review board is reminded before the 30-day review window closes, and chased after', async () => {
    const number = await repliedCase('加班调休无法兑现。');
    await appeal(world.core, await world.as('hu.bin'), number, '不服');
    const board = (kind: string) => world.toldAbout(number, kind);
    world.clock.set('2026-11-27T02:00:00Z');
    await sweepReminders(world.core);
    expect(await board('review_due_soon')).toEqual([]);
    world.clock.set('2026-11-30T02:00:00Z');
    await sweepReminders(world.core);
    expect((await board('review_due_soon')).sort()).toEqual(
      [await world.idOf('chen.jing'), await world.idOf('sun.jian'), await world.idOf('he.ping')]
        .map((id) => `person:${id}`)
        .sort(),
    );
    world.clock.set('2026-12-04T02:00:00Z');
    await sweepReminders(world.core);
    expect(await board('review_overdue')).toHaveLength(3);
  });

  test('R13 review must be asked for within 30 days of the reply', async () => {
    const number = await repliedCase('宿舍热水供应时间太短。');
    world.clock.set('2026-12-04T02:00:00Z');
    await expect(
      appeal(world.core, await world.as('hu.bin'), number, '不服'),
    ).rejects.toMatchObject({ key: 'refusal.appeal_window', params: { date: '2026-12-03' } });
  });

  test('R13 R14 an answered case is not closed while the petitioner may still ask for review', async () => {
    const number = await repliedCase('班车座位不够。');
    await expect(close(world.core, await world.as('zhao.min'), number)).rejects.toMatchObject({
      key: 'refusal.appeal_window_open',
      params: { date: '2026-12-03' },
    });
    world.clock.set('2026-12-04T02:00:00Z');
    const { petition } = await close(
      world.core,
      await world.as('zhao.min'),
      number,
      '复查期限已过',
    );
    expect(petition.state).toBe('closed');
  });

  test('R14 the owner closes a case the petitioner is satisfied with, and the petitioner is told', async () => {
    const number = await repliedCase('停车位不足。');
    await rate(world.core, await world.as('hu.bin'), number, 'satisfied');
    const { petition } = await close(world.core, await world.as('zhao.min'), number);
    expect(petition.state).toBe('closed');
    expect(petition.closedAt).toEqual(new Date('2026-11-03T02:00:00Z'));
    expect(await world.toldAbout(number, 'closed')).toEqual([
      `person:${await world.idOf('hu.bin')}`,
    ]);
  });
});
