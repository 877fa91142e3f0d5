import { forkChild, killed } from '../support/child/fork';
import { verifyAuditTrail } from '../../src/store/audit-verifier';
import { attach, attachmentsOf } from '../../src/services/attachments';
import { eachDatabase, sharedDatabase } from '../support/databases';
import { patientOrg, World } from '../support/world';

eachDatabase(
  'R26 R30 a bot killed while attaching a file',
  (db) => {
    test('R26 R30 a process killed with part of a file written leaves no row, no part, no event and no record of the click, and the case goes on', async () => {
      const world = await World.open(db(), patientOrg);
      const { number, id } = await world.file('hu.bin');
      const child = await forkChild('attacher.ts', {
        DATABASE_URL: db().url,
        NUMBER: number,
        CLOCK_ISO: world.clock.now().toISOString(),
        GIVEN: 'attach:the-click',
      });
      await killed(child);
      const m = world.store.manager;
      const count = async (sql: string, ...params: unknown[]) =>
        Number(((await m.query(sql, params)) as { n: number | string }[])[0].n);
      expect(await count('SELECT COUNT(*) AS n FROM attachments WHERE petition_id = ?', id)).toBe(
        0,
      );
      expect(await count('SELECT COUNT(*) AS n FROM attachment_chunks')).toBe(0);
      expect(
        await count(
          "SELECT COUNT(*) AS n FROM petition_events WHERE petition_id = ? AND type = 'attached'",
          id,
        ),
      ).toBe(0);
      const hu = await world.as('hu.bin');
      // The same click, delivered again, is not taken for one that was kept.
      const file = { name: '记录.txt', bytes: Buffer.from('加班记录') };
      const click = { source: 'lark', key: 'attach:the-click' } as const;
      await attach(world.core, hu, number, file, click);
      await expect(attach(world.core, hu, number, file, click)).rejects.toMatchObject({
        key: 'refusal.attachment_given_before',
      });
      expect((await attachmentsOf(world.core, hu, number)).map((f) => f.name)).toEqual([
        '记录.txt',
      ]);
      expect(await verifyAuditTrail(m)).toBeNull();
    }, 60_000);
  },
  sharedDatabase,
);
