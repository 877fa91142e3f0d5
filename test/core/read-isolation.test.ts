import type { EntityManager } from 'typeorm';
import { myPetitions } from '../../src/services/read-models';
import { PetitionEntity, PetitionPartyEntity } from '../../src/store/entities';
import type { Store } from '../../src/store/store';
import { eachDatabase } from '../support/databases';
import { patientOrg, World } from '../support/world';

/**
 * Holds the next filing's transaction open once its petition and party rows are written, while the
 * petition still carries its provisional `~hex` number: `opened` resolves then, and `end` lets it go on to commit
 * or fails it there (so that it rolls back).
 */
function holdNextFiling(store: Store) {
  let opened!: () => void;
  let end!: (outcome: 'commit' | 'fail') => void;
  const isOpen = new Promise<void>((resolve) => (opened = resolve));
  const ended = new Promise<'commit' | 'fail'>((resolve) => (end = resolve));
  const transaction = store.writingNew.bind(store);
  const pause = async () => {
    opened();
    if ((await ended) === 'fail') throw new Error('the instance lost its database');
  };
  // The party row goes in through the entity manager or, on the filing's hot path, as SQL.
  const partyInsert = /^INSERT INTO [`"]petition_parties[`"]/;
  const pausing = (m: EntityManager): EntityManager =>
    new Proxy(m, {
      get(target, key) {
        if (key === 'insert') {
          return async (...args: Parameters<EntityManager['insert']>) => {
            const inserted = await target.insert(...args);
            if (args[0] === PetitionPartyEntity) await pause();
            return inserted;
          };
        }
        if (key === 'query') {
          return async (...args: Parameters<EntityManager['query']>) => {
            const result: unknown = await target.query(...args);
            if (partyInsert.test(args[0])) await pause();
            return result;
          };
        }
        return Reflect.get(target, key);
      },
    });
  const spy = jest
    .spyOn(store, 'writingNew')
    .mockImplementation((work) => transaction((m) => work(pausing(m))));
  return { isOpen, end, restore: () => spy.mockRestore() };
}

/** Lets every read already started run as far as it can while the transaction stays open. */
const meanwhile = () => new Promise((resolve) => setTimeout(resolve, 50));

eachDatabase('R2 reads never see a filing before it commits', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });

  const numbersOf = async (key: string) =>
    (await myPetitions(world.core, await world.as(key))).items.map((p) => p.number);

  test('R2 a read model run while a filing is open never shows its provisional number, and shows its case number once committed', async () => {
    const hold = holdNextFiling(world.store);
    try {
      const filing = world.file('hu.bin');
      await hold.isOpen;
      const during = numbersOf('hu.bin');
      await meanwhile();
      hold.end('commit');
      const { number } = await filing;
      expect((await during).filter((n) => n.startsWith('~'))).toEqual([]);
      expect(await numbersOf('hu.bin')).toEqual([number]);
    } finally {
      hold.restore();
    }
  });

  test('R2 a filing that rolls back was never seen by a read run while it was open', async () => {
    const hold = holdNextFiling(world.store);
    try {
      const before = await numbersOf('hu.bin');
      const filing = world.file('hu.bin');
      await hold.isOpen;
      const during = numbersOf('hu.bin');
      const rows = world.store.manager.countBy(PetitionEntity, {});
      await meanwhile();
      hold.end('fail');
      await expect(filing).rejects.toThrow('the instance lost its database');
      expect(await during).toEqual(before);
      expect(await rows).toBe(before.length);
    } finally {
      hold.restore();
    }
  });

  test('a read through the store inside a transaction is refused on SQLite, where it would wait for that transaction for ever', async () => {
    const committed = await world.store.manager.countBy(PetitionEntity, {});
    const reading = world.store.transaction(() => world.store.manager.countBy(PetitionEntity, {}));
    if (db().kind === 'sqlite') {
      await expect(reading).rejects.toThrow(
        "a read inside a transaction goes through the transaction's manager",
      );
    } else {
      await expect(reading).resolves.toBe(committed);
    }
  });
});
