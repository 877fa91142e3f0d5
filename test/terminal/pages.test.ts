import { eachDatabase } from '../support/databases';
import { casesIn } from '../support/pages';
import { patientOrg, World } from '../support/world';
import { drive } from './drive';

eachDatabase('R15 terminal lists come in pages', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
    for (let i = 1; i <= 25; i++) {
      // Enough people concerned to be major: the leader over HR leads them too (R16).
      await world.file('hu.bin', { content: `第 ${i} 件：加班费少发。`, peopleConcerned: 25 });
    }
  });

  test('the queue shows ten of 25 and says how to see the next page; "queue 3" shows the last five', async () => {
    const first = await drive(world, 'queue\n', 'zhao.min');
    expect(casesIn(first)).toHaveLength(10);
    expect(first).toContain('第 1/3 页，共 25 件。下一页：发送“待办 2”。');
    const pages = await Promise.all([2, 3].map((n) => drive(world, `queue ${n}\n`, 'zhao.min')));
    expect(pages.map((out) => casesIn(out).length)).toEqual([10, 5]);
    expect(pages[1]).toContain('第 3/3 页，共 25 件。');
    expect(pages[1]).not.toContain('下一页');
    const all = [first, ...pages].flatMap(casesIn);
    expect(new Set(all).size).toBe(25);
  });

  test('mine and leading take a page too, and say so in English', async () => {
    const mine = await drive(world, 'lang en\nmine 2\n');
    expect(casesIn(mine)).toHaveLength(10);
    expect(mine).toContain('Page 2 of 3, 25 cases. Next page: send "mine 3".');
    const leading = await drive(world, 'lang en\nleading 3\n', 'zhang.wei');
    expect(casesIn(leading)).toHaveLength(5);
  });
});
