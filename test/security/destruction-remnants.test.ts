import { readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { attach } from '../../src/services/attachments';
import { destroyedLongAgo } from '../support/attachments';
import { sharedDatabase } from '../support/databases';
import { patientOrg, World } from '../support/world';

describe('R23 R30 destruction on the embedded database', () => {
  test('R23 R30 a destroyed case’s file and text are not left in the database’s files', async () => {
    const db = await sharedDatabase('sqlite');
    try {
      const world = await World.open(db, patientOrg);
      const text = '车间主任胡某克扣加班费的证据';
      const { number } = await world.file('hu.bin', { content: `${text}，请核查。` });
      const marker = `工资条-${'明细'.repeat(3000)}`;
      const file = { name: '工资条.txt', bytes: Buffer.from(marker) };
      await attach(world.core, await world.as('hu.bin'), number, file);
      await destroyedLongAgo(world, number);
      await world.store.manager.query('PRAGMA wal_checkpoint(TRUNCATE)');
      const folder = dirname(db.url.slice('sqlite:'.length));
      for (const name of readdirSync(folder)) {
        const bytes = readFileSync(`${folder}/${name}`);
        expect([name, bytes.includes(marker.slice(0, 200))]).toEqual([name, false]);
        expect([name, bytes.includes(text)]).toEqual([name, false]);
      }
    } finally {
      await db.drop();
    }
  });
});
