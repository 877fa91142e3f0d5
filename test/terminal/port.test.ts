import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBot } from '../../adapters/start';
import { loadEnv } from '../../src/config/env';
import { AdjustableClock } from '../../src/domain/clock';
import { createLogger } from '../../src/logger';

test('R25 in terminal mode a busy PORT is traded for a free one on loopback, so the chat still starts', async () => {
  const busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  const taken = (busy.address() as AddressInfo).port;
  const dir = mkdtempSync(join(tmpdir(), 'petition-port-'));
  const env = loadEnv({ DATABASE_URL: `sqlite:${join(dir, 'p.sqlite')}`, PORT: String(taken) });
  const bot = await startBot(env, new AdjustableClock(), createLogger('silent'), {
    host: '127.0.0.1',
    anyPortIfBusy: true,
    schedule: false,
  });
  try {
    const { port, address } = bot.server.address() as AddressInfo;
    expect(port).not.toBe(taken);
    expect(address).toBe('127.0.0.1');
    // Served: the health check answers (its jobs have not run here, so it says so).
    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toHaveProperty('ok');
  } finally {
    await bot.stop();
    busy.close();
  }
});
