import type { Actor } from '../../src/domain/people';
import { everyPage, pageSize, type Page } from '../../src/services/page';
import {
  leaderCases,
  myPetitions,
  queue,
  type PetitionSummary,
} from '../../src/services/read-models';
import { eachDatabase } from '../support/databases';
import { patientOrg, World } from '../support/world';

type List = (world: World, actor: Actor, page?: number) => Promise<Page<PetitionSummary>>;

const lists: [string, string, List][] = [
  ['mine', 'hu.bin', (w, a, p) => myPetitions(w.core, a, p)],
  ['queue', 'zhao.min', (w, a, p) => queue(w.core, a, p)],
  ['leading', 'zhang.wei', (w, a, p) => leaderCases(w.core, a, p)],
];

/** How many statements the database is sent while `read` runs. */
async function queriesOf(world: World, read: () => Promise<unknown>): Promise<number> {
  const logged = jest.spyOn(world.store.dataSource.logger, 'logQuery');
  try {
    await read();
    return logged.mock.calls.length;
  } finally {
    logged.mockRestore();
  }
}

/** Files petitions from hu.bin to HR, each with enough people concerned to be major (R16). */
async function fileMajor(world: World, count: number) {
  for (let i = 0; i < count; i++) {
    await world.file('hu.bin', {
      content: `第 ${i + 1} 件：车间加班费少发。`,
      peopleConcerned: 25,
    });
  }
}

eachDatabase('lists read in a constant number of queries', (db) => {
  test('R15 R16 listing 30 cases costs the same queries as listing 3', async () => {
    const world = await World.open(db(), patientOrg);
    await fileMajor(world, 3);
    const few: number[] = [];
    for (const [, reader, list] of lists) {
      const actor = await world.as(reader);
      expect((await list(world, actor)).total).toBe(3);
      few.push(await queriesOf(world, () => list(world, actor)));
    }
    await fileMajor(world, 27);
    const many: number[] = [];
    for (const [, reader, list] of lists) {
      const actor = await world.as(reader);
      expect(await list(world, actor)).toMatchObject({ total: 30, pages: 3 });
      many.push(await queriesOf(world, () => list(world, actor)));
    }
    expect(many).toEqual(few);
    // Each: count, page, five for the rules' view (reviewers and custody among them), histories,
    // names; the queue first reads the ids of the open cases its reader owns or its
    // co-departments work.
    expect(few).toEqual([9, 10, 9]);
  });
});

eachDatabase('lists come in pages', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
    for (let day = 0; day < 25; day++) {
      await fileMajor(world, 1);
      world.clock.advanceDays(1);
    }
  });

  test.each(lists)(
    'R15 the %s list (as %s) shows 25 cases ten at a time, each once',
    async (_name, reader, list) => {
      const actor = await world.as(reader);
      const pages = await Promise.all([1, 2, 3].map((n) => list(world, actor, n)));
      expect(pages.map((p) => [p.page, p.pages, p.total, p.items.length])).toEqual([
        [1, 3, 25, pageSize],
        [2, 3, 25, pageSize],
        [3, 3, 25, 5],
      ]);
      const numbers = pages.flatMap((p) => p.items.map((c) => c.number));
      expect(new Set(numbers).size).toBe(25);
      expect(await everyPage((n) => list(world, actor, n))).toHaveLength(25);
    },
  );

  test('R15 a page past the end (a stale "next") shows the last page', async () => {
    const last = await myPetitions(world.core, await world.as('hu.bin'), 7);
    expect([last.page, last.items.length]).toEqual([3, 5]);
  });

  test('R15 mine lists newest first; the queue soonest due first, across pages', async () => {
    const hu = await world.as('hu.bin');
    const mine = await everyPage((n) => myPetitions(world.core, hu, n));
    const filed = mine.map((p) => p.filedAt.getTime());
    expect(filed).toEqual([...filed].sort((a, b) => b - a));
    const zhao = await world.as('zhao.min');
    const dues = (await everyPage((n) => queue(world.core, zhao, n))).map((p) => p.due ?? '9999');
    expect(dues).toEqual([...dues].sort());
    // Filed a day apart: the first page holds the earliest deadlines, not the newest cases.
    expect(dues[0] < dues[dues.length - 1]).toBe(true);
  });
});
