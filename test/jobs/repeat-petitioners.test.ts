import { periodNumbers } from '../../src/jobs/statistics';
import { eachDatabase } from '../support/databases';
import { patientOrg, World } from '../support/world';

const week = {
  from: new Date('2026-11-01T16:00:00Z'),
  to: new Date('2026-11-08T16:00:00Z'),
  first: '2026-11-02',
  end: '2026-11-09',
};

// Each test on a database of its own: the figure counts every filing of the week.
eachDatabase('R22 R6 repeat petitioners in the figures', (db) => {
  test('an anonymous filing is linked to no one: with a named one by the same person it is no repeat', async () => {
    const world = await World.open(db(), patientOrg, '2026-11-02T02:00:00Z');
    await world.file('hu.bin', { content: '食堂饭菜价格上涨太多。' });
    await world.file('hu.bin', { content: '食堂饭菜价格又上涨了。', mode: 'anonymous' });
    expect((await periodNumbers(world.store.manager, week, 5)).repeatPetitioners).toBe(0);
  });
});

eachDatabase('R22 R6 repeat petitioners in the figures', (db) => {
  test('R16 a second named filing on a similar matter makes a repeat petitioner; an unrelated one does not', async () => {
    const world = await World.open(db(), patientOrg, '2026-11-02T02:00:00Z');
    await world.file('hu.bin', { content: '食堂饭菜价格上涨太多。' });
    await world.file('hu.bin', { content: '食堂饭菜价格又上涨了。' });
    await world.file('he.ping', { content: '夜班补贴标准太低。' });
    await world.file('he.ping', { content: '班车时间不合理。' });
    expect((await periodNumbers(world.store.manager, week, 5)).repeatPetitioners).toBe(1);
  });
});
