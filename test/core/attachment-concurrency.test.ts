import { attachmentsPerCase } from '../../src/domain/attachment';
import { actorByKeyOrName } from '../../src/services/actors';
import { attach, attachmentsOf } from '../../src/services/attachments';
import type { Core } from '../../src/services/core';
import { verifyAuditTrail } from '../../src/store/audit-verifier';
import { pdf } from '../support/attachments';
import { eachDatabase } from '../support/databases';
import { patientOrg, secondInstance, World } from '../support/world';

eachDatabase('R26 R30 files attached from two instances at once', (db) => {
  let world: World;
  let other: Core;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
    other = await secondInstance(world, db());
  });

  const fromBoth = async (number: string, count: number) => {
    const here = await world.as('hu.bin');
    const there = await actorByKeyOrName(other, 'hu.bin');
    return Promise.allSettled(
      Array.from({ length: count }, (_, i) =>
        i % 2 === 0
          ? attach(world.core, here, number, { name: `${i}.pdf`, bytes: pdf })
          : attach(other, there, number, { name: `${i}.pdf`, bytes: pdf }),
      ),
    );
  };

  test(`R26 R30 the last of ${attachmentsPerCase} places taken from two instances at once is taken once`, async () => {
    const { number } = await world.file('hu.bin');
    const hu = await world.as('hu.bin');
    for (let i = 1; i < attachmentsPerCase; i++) {
      await attach(world.core, hu, number, { name: `${i}.txt`, bytes: Buffer.from(String(i)) });
    }
    const results = await fromBoth(number, 2);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [lost] = results.filter((r) => r.status === 'rejected');
    expect(lost.reason).toMatchObject({ key: 'refusal.attachment_count' });
    expect(await attachmentsOf(world.core, hu, number)).toHaveLength(attachmentsPerCase);
  });

  test('R6 R26 R30 a confidential case’s files attached at once get distinct neutral names', async () => {
    const { number } = await world.file('hu.bin', { mode: 'confidential' });
    const results = await fromBoth(number, 6);
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const names = (await attachmentsOf(world.core, await world.as('hu.bin'), number)).map(
      (f) => f.name,
    );
    expect([...names].sort()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `附件-${n}.pdf`));
    expect(await verifyAuditTrail(world.store.manager)).toBeNull();
  });
});
