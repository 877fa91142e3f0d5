import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { readFileSync } from 'node:fs';
import { eachDatabase } from '../support/databases';
import { fileSuggestions } from '../support/pages';
import { exampleOrg, World } from '../support/world';
import { drive } from './drive';

eachDatabase('R29 the office desk in the terminal', (db) => {
  let world: World;
  let dir: string;
  beforeAll(async () => {
    world = await World.open(db(), exampleOrg, '2026-11-04T02:00:00Z');
    await fileSuggestions(world.core, 3);
    dir = mkdtempSync(join(tmpdir(), 'desk-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('R29 list and search answer with the cases found, a page at a time', async () => {
    const out = await drive(
      world,
      '列表 状态:待受理\nsearch 食堂 热饭\nsearch 食\n',
      'liu.yang',
      dir,
    );
    expect(out).toContain('共 3 件符合条件');
    expect(out).toContain('搜索词「食」太短');
  });

  test('R29 R19 the weekly summary posted in the terminal writes its charts and prints their paths', async () => {
    const out = await drive(world, 'clock +7d\njobs\n', 'liu.yang', dir);
    const paths = [...out.matchAll(/图表已写入：(\S+\.png)/g)].map((m) => m[1]);
    expect(paths.length).toBeGreaterThanOrEqual(2);
    for (const path of paths) {
      expect(existsSync(path)).toBe(true);
      expect(PNG.sync.read(readFileSync(path)).width).toBe(960);
    }
  });
});
