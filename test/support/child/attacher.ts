import { EntityManager } from 'typeorm';
import { loadOrganisation } from '../../../src/config/org';
import { actorByKeyOrName } from '../../../src/services/actors';
import { attach } from '../../../src/services/attachments';
import { createCore } from '../../../src/services/core';
import { createDataSource } from '../../../src/store/data-source';
import { AttachmentChunkEntity } from '../../../src/store/entities';
import { Store } from '../../../src/store/store';
import { testIdentityKey } from '../identity-key';

/**
 * A bot in a process of its own that attaches a file of three parts to case NUMBER of
 * DATABASE_URL as hu.bin, as given by the delivery GIVEN (a click Lark may send again), and stops
 * inside the step's transaction once its first part is written, telling its parent, who kills
 * it there.
 */
async function main() {
  const url = String(process.env.DATABASE_URL);
  const dataSource = await createDataSource(url).initialize();
  const core = createCore(
    new Store(dataSource, url, null, testIdentityKey),
    loadOrganisation('org.example.yaml'),
    { now: () => new Date(String(process.env.CLOCK_ISO)) },
  );
  const insert = EntityManager.prototype.insert;
  EntityManager.prototype.insert = async function (this: EntityManager, ...args) {
    const inserted = await insert.apply(this, args);
    if (args[0] === AttachmentChunkEntity) {
      process.send?.('a part is written');
      await new Promise(() => undefined);
    }
    return inserted;
  };
  const bytes = Buffer.from('加班记录\n'.repeat(50_000));
  await attach(
    core,
    await actorByKeyOrName(core, 'hu.bin'),
    String(process.env.NUMBER),
    { name: '记录.txt', bytes },
    { source: 'lark', key: String(process.env.GIVEN) },
  );
}

void main();
