import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { destroyedLongAgo } from '../support/attachments';
import { eachDatabase } from '../support/databases';
import { World } from '../support/world';
import { drive } from './drive';

eachDatabase('R30 attachments in the terminal', (db) => {
  let world: World;
  let dir: string;
  let picture: string;
  beforeAll(async () => {
    world = await World.open(db());
    dir = mkdtempSync(join(tmpdir(), 'attachments-'));
    picture = join(dir, '车间排班表.png');
    const png = await sharp({
      create: { width: 4, height: 4, channels: 3, background: '#c00' },
    })
      .png()
      .toBuffer();
    writeFileSync(picture, png);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('R30 a file attached from a path is kept, listed and written out again for the petitioner', async () => {
    const { number } = await world.file('hu.bin');
    const out = await drive(
      world,
      `attach ${number} ${picture}\n附件 ${number}\n1\n`,
      'hu.bin',
      dir,
    );
    expect(out).toContain(`已把 车间排班表.png 添加到 ${number}`);
    expect(out).toContain(`${number} 的附件（1 个）`);
    const written = /附件已写入：(\S+)/.exec(out)?.[1];
    expect(written).toBeDefined();
    expect(readFileSync(written!)).toEqual(readFileSync(picture));
  });

  test('R30 R15 an employee who may not see the case is answered as if it did not exist', async () => {
    const { number } = await world.file('hu.bin');
    await drive(world, `attach ${number} ${picture}\n`, 'hu.bin', dir);
    const out = await drive(
      world,
      `attachments ${number}\nattach ${number} ${picture}\n`,
      'guo.hong',
      dir,
    );
    expect(out.match(/找不到信访件/g)).toHaveLength(2);
    expect(out).not.toContain('已把');
    expect(out).not.toContain('的附件（');
  });

  test('R30 R23 the files are gone with the case at destruction', async () => {
    const { number } = await world.file('hu.bin');
    await drive(world, `attach ${number} ${picture}\n`, 'hu.bin', dir);
    await destroyedLongAgo(world, number);
    const out = await drive(world, `attachments ${number}\n`, 'liu.yang', dir);
    expect(out).toContain(`${number} 还没有附件`);
  });
});
