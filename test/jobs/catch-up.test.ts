import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBot } from '../../adapters/start';
import { loadEnv } from '../../src/config/env';
import { AdjustableClock } from '../../src/domain/clock';
import { createLogger } from '../../src/logger';
import { JobFireEntity, NoticeEntity } from '../../src/store/entities';

describe('R18 catching up after the bot was down', () => {
  const env = loadEnv({
    DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), 'petition-catch-up-')), 'p.sqlite')}`,
    PORT: '0',
  });
  const log = createLogger('silent');
  const clock = () => new AdjustableClock({ now: () => new Date('2026-11-18T02:00:00Z') });

  test('a new installation posts no summary for weeks it never saw', async () => {
    const bot = await startBot(env, clock(), log, { host: '127.0.0.1' });
    try {
      expect(await bot.app.store.manager.countBy(NoticeEntity, { kind: 'weekly_summary' })).toBe(0);
    } finally {
      await bot.stop();
    }
  });

  test('a bot that ran before posts the weekly summary it missed when it starts again', async () => {
    const first = await startBot(env, clock(), log, { host: '127.0.0.1', schedule: false });
    await first.app.store.manager.insert(JobFireEntity, {
      fireKey: 'weekly-summary:2026-11-02T01:00:00.000Z',
      jobName: 'weekly-summary',
      owner: 'earlier',
      firedAt: new Date('2026-11-02T01:00:00Z'),
      finishedAt: new Date('2026-11-02T01:00:01Z'),
      outcome: 'ok',
      error: null,
    });
    await first.stop();
    const again = await startBot(env, clock(), log, { host: '127.0.0.1' });
    try {
      const posted = await again.app.store.manager.findBy(NoticeEntity, { kind: 'weekly_summary' });
      expect(posted.map((n) => n.dedupeKey)).toContain('weekly-summary:2026-11-09:company');
    } finally {
      await again.stop();
    }
  });
});
