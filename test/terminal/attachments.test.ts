import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { accept } from '../../src/services/accept';
import { today } from '../../src/services/core';
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

  test('R30 a file attached from a path is kept, listed and written out again for the case owner', async () => {
    const { number } = await world.file('hu.bin');
    const given = await drive(world, `attach ${number} ${picture}\n`, 'hu.bin', dir);
    expect(given).toContain(`已把 车间排班表.png 添加到 ${number}`);
    await accept(world.core, await world.as('zhao.min'), number, today(world.core));
    const out = await drive(world, `附件 ${number}\n1\n`, 'zhao.min', dir);
    expect(out).toContain(`${number} 的附件（1 个）`);
    expect(out).toContain('1) 发给我：车间排班表.png');
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

  test('R30 a missing path, a folder and a file over the limit are refused, the last naming the limit', async () => {
    const { number } = await world.file('hu.bin');
    const huge = join(dir, '录像.mp4');
    writeFileSync(huge, '');
    // Sparse: its size says 11 MiB, though no byte of it is written.
    truncateSync(huge, 11 * 1024 * 1024);
    const out = await drive(
      world,
      `attach ${number} ${join(dir, '没有.png')}\nattach ${number} ${dir}\nattach ${number} ${huge}\n`,
      'hu.bin',
      dir,
    );
    expect(out.match(/找不到文件/g)).toHaveLength(2);
    expect(out).toContain('文件超过 10 MB 的上限');
    expect(out).not.toContain('已把');
  });

  test('R30 R23 the files are gone with the case at destruction', async () => {
    const { number } = await world.file('hu.bin');
    await drive(world, `attach ${number} ${picture}\n`, 'hu.bin', dir);
    await destroyedLongAgo(world, number);
    const out = await drive(world, `attachments ${number}\n`, 'liu.yang', dir);
    expect(out).toContain(`${number} 还没有附件`);
  });
});
