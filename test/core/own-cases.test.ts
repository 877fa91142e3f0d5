import { modes, type Mode } from '../../src/domain/petition';
import { ownCases } from '../../src/services/own-cases';
import { PetitionEntity } from '../../src/store/entities';
import { eachDatabase } from '../support/databases';
import { petitionReads, seedRegister } from '../support/register-plans';
import { World } from '../support/world';

eachDatabase("a person's own cases", (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db());
    const [first] = await Promise.all([
      world.file('hu.bin'),
      world.file('hu.bin', { mode: 'confidential' }),
      world.file('hu.bin', { mode: 'anonymous', content: '班组长私扣夜班补贴，不敢具名。' }),
    ]);
    await seedRegister(world, first);
  });

  /** How the database plans to read petitions for the person's cases. */
  function ownReads(personId: number): Promise<string[]> {
    const [sql, params] = world.store.manager
      .getRepository(PetitionEntity)
      .createQueryBuilder('p')
      .select('p.id')
      .where(ownCases(world.core, personId, modes, ['petitioner', 'filer']))
      .getQueryAndParameters();
    return petitionReads(world, db().kind, sql, params);
  }

  test('R13 R16 a filing reads the petitioner’s own cases by key, never the whole register', async () => {
    const reads = await ownReads(await world.idOf('hu.bin'));
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.filter((r) => r === 'through')).toEqual([]);
  });

  /** The modes of the person's own cases among those of the modes asked for. */
  async function ownModes(asked: readonly Mode[]): Promise<string[]> {
    const [sql, params] = world.store.manager
      .getRepository(PetitionEntity)
      .createQueryBuilder('p')
      .select('p.mode', 'mode')
      .where(ownCases(world.core, await world.idOf('hu.bin'), asked))
      .getQueryAndParameters();
    const rows = (await world.store.manager.query(sql, params)) as { mode: string }[];
    return rows.map((r) => r.mode).sort();
  }

  test('R6 R16 the own cases are those in the open by party row and those in custody by hash', async () => {
    expect(await ownModes(modes)).toEqual(['anonymous', 'confidential', 'named']);
  });

  test('R6 a person’s anonymous filing turns up only where anonymous ones are asked for', async () => {
    expect(await ownModes(['named', 'confidential'])).toEqual(['confidential', 'named']);
    expect(await ownModes(['anonymous'])).toEqual(['anonymous']);
  });
});
