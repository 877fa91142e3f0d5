import { accept } from '../../src/services/accept';
import { file } from '../../src/services/file';
import { verifyAuditTrail } from '../../src/store/audit-verifier';
import { actorByKeyOrName } from '../../src/services/actors';
import { eachDatabase } from '../support/databases';
import { patientOrg, secondInstance, World } from '../support/world';

const form = {
  categoryId: 'management.rules',
  content: '建议增加夜班休息室。',
  commitment: true,
};

eachDatabase('R2 R8 R26 concurrent instances', (db) => {
  let world: World;
  let other: World['core'];
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
    other = await secondInstance(world, db());
  });

  test('R8 two handlers accepting at once: exactly one becomes the owner', async () => {
    const { number } = await world.file('hu.bin', form);
    const results = await Promise.allSettled([
      accept(world.core, await world.as('liu.yang'), number, '2026-11-05'),
      accept(other, await actorByKeyOrName(other, 'wang.fang'), number, '2026-11-05'),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({ key: 'refusal.state' });
  });

  test('R2 200 filings from two instances in parallel get 200 distinct numbers, every one accounted for', async () => {
    const hu = await world.as('hu.bin');
    const huElsewhere = await actorByKeyOrName(other, 'hu.bin');
    const filings = Array.from({ length: 200 }, (_, i) =>
      i % 2 === 0 ? file(world.core, hu, form) : file(other, huElsewhere, form),
    );
    const numbers = (await Promise.all(filings)).map((p) => p.number);
    expect(new Set(numbers).size).toBe(200);
    await Promise.all([world.core.numbers.release(), other.numbers.release()]);
    const later = new Date(world.clock.now().getTime() + 3_600_000);
    expect(await verifyAuditTrail(world.store.manager, null, later)).toBeNull();
  });
});
