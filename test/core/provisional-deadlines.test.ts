import { TextRenderer } from '../../adapters/shared/text-render';
import type { Organisation } from '../../src/config/org';
import { Translator } from '../../src/i18n/translator';
import { leaderDigests } from '../../src/jobs/digests';
import { readNotice } from '../../src/notices/notice-reader';
import { noticeText } from '../../src/notices/render-text';
import { accept } from '../../src/services/accept';
import { caseFile, queue } from '../../src/services/read-models';
import { eachDatabase, type TestDatabase } from '../support/databases';
import { patientOrg, with2027, World } from '../support/world';

async function acceptedInDecember(db: TestDatabase, org: Organisation) {
  // 2026-12-10, 10:00 in Shanghai: filed, then accepted the next day (15 working days).
  const world = await World.open(db, org, '2026-12-10T02:00:00Z');
  const { number } = await world.file('hu.bin');
  world.clock.advanceDays(1);
  const handler = await world.as('zhao.min');
  await accept(world.core, handler, number, '2026-12-18');
  const t = new Translator(org);
  const render = new TextRenderer(t, org.organisation.timezone);
  const [acceptance] = await world.notices(number, 'accepted');
  return {
    shown: render.caseFile('zh-CN', await caseFile(world.core, handler, number)),
    listed: render.list('zh-CN', (await queue(world.core, handler)).items),
    told: noticeText(t, 'zh-CN', readNotice(acceptance)),
  };
}

eachDatabase('R31 a deadline in a year the calendar lacks is shown as provisional', (db) => {
  test("the case view, the list and the petitioner's notice mark the Monday-to-Friday deadline 暂按周一至周五计算", async () => {
    const { shown, listed, told } = await acceptedInDecember(db(), patientOrg);
    expect(shown).toContain('办理时限：2027-01-01（暂按周一至周五计算）');
    expect(listed).toContain('2027-01-01（暂按周一至周五计算）');
    expect(told).toContain('（办理时限 2027-01-01（暂按周一至周五计算））');
  });
});

eachDatabase('R31 with the year given in the organisation file the deadline is official', (db) => {
  test('the deadline skips the given holiday and carries no mark', async () => {
    const { shown, listed, told } = await acceptedInDecember(db(), with2027);
    expect(told).toContain('（办理时限 2027-01-04）');
    expect(shown).toContain('办理时限：2027-01-04  ');
    expect(shown).not.toContain('暂按');
    expect(listed).not.toContain('暂按');
  });
});

eachDatabase('R31 a leader digest marks a provisional deadline too', (db) => {
  test('the case a leader owns is listed with its Monday-to-Friday deadline marked 暂按周一至周五计算', async () => {
    const world = await World.open(db(), patientOrg, '2026-12-10T02:00:00Z');
    const { number } = await world.file('hu.bin', { peopleConcerned: 25 });
    world.clock.advanceDays(1);
    await accept(world.core, await world.as('zhao.min'), number, '2026-12-18');
    // Major: 30 working days from 2026-12-11, counted Monday to Friday in 2027: 2027-01-22.
    world.clock.set('2026-12-14T01:30:00Z');
    const leader = String(await world.idOf('zhang.wei'));
    const notice = (await leaderDigests(world.core, world.clock.now())).find(
      (n) => n.to.id === leader,
    );
    if (notice?.kind !== 'leader_digest') throw new Error('no digest for the leader in charge');
    expect(notice.params.digest.owned).toEqual([
      { number, state: 'accepted', due: '2027-01-22', provisional: true },
    ]);
    const text = noticeText(new Translator(patientOrg), 'zh-CN', { ...notice, id: 0 });
    expect(text).toContain(`${number} 已受理 时限 2027-01-22（暂按周一至周五计算）`);
  });
});
