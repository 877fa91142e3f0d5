import { createLogger, type Logger } from '../../src/logger';
import { IdentityEntity, PetitionEntity } from '../../src/store/entities';
import { LarkHarness } from '../lark/harness';
import { SlackHarness } from '../slack/harness';
import { number, select, text, ticked } from '../slack/signed';
import { eachDatabase, migratedStore } from '../support/databases';

/** Every line a logger writes, at whatever level it is set to. */
function capturing(level = 'trace'): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  return { log: createLogger(level, false, { write: (line: string) => lines.push(line) }), lines };
}

const petitioner = { name: '林小雨', email: 'lin.xiaoyu@shuchuan.example' };
const content = '车间主任扣发我的夜班补贴，还威胁我不许上报。';

/** What no log line may carry. */
function expectNoIdentity(lines: string[], secrets: string[]) {
  const all = lines.join('');
  for (const secret of secrets) expect(all).not.toContain(secret);
}

describe('R6 logs carry no identities, at any level', () => {
  test('R6 a Slack filing logged at trace names neither the petitioner nor what they wrote', async () => {
    const { log, lines } = capturing();
    const h = new SlackHarness();
    const userId = 'U0LINXIAO1';
    await h.start(
      'sqlite::memory:',
      (fake) => fake.profiles.set(userId, { real_name: petitioner.name, email: petitioner.email }),
      log,
    );
    try {
      await h.client.command(userId, 'new');
      const view = await h.slack.opened('file');
      const filed = await h.client.submit(userId, view, {
        category: select('labour.salary'),
        content: text(content),
        contact: text('13912345678'),
        people: number(1),
        mode: select('confidential'),
        commitment: ticked(true),
      });
      expect(filed.status).toBe(200);
      await h.deliver();
      expect(await h.bot.app.store.manager.count(PetitionEntity)).toBe(1);
      // The receipt went to the petitioner's direct chat, with the case number.
      expect(h.slack.of('chat.postMessage').some((m) => m.channel === `D${userId}`)).toBe(true);
    } finally {
      await h.stop();
    }
    // The Web API was heard at trace: its bodies are what must not come through.
    expect(lines.some((l) => l.includes('http request body: (body withheld)'))).toBe(true);
    expectNoIdentity(lines, [petitioner.name, petitioner.email, userId, content, '13912345678']);
  });

  test('R6 a Lark filing logged at trace names neither the petitioner nor what they wrote', async () => {
    const { log, lines } = capturing();
    const h = new LarkHarness();
    const openId = 'ou_linxiaoyu00000001';
    await h.start('sqlite::memory:', {}, log);
    h.lark.profiles.set(openId, petitioner);
    try {
      const answer = await h.events.cardAction(openId, { form: 'file', nonce: 'n-1' }, 'om_1', {
        category: 'labour.salary',
        content,
        contact: '13912345678',
        people: '1',
        mode: 'confidential',
        commitment: true,
      });
      expect(await answer.json()).toMatchObject({ toast: { type: 'success' } });
      // Failed sends are what the node-sdk logs, with the request it made (receiver, text).
      const failures = Array.from({ length: 10 }, () => ({ status: 500, code: 0 }));
      h.lark.failNext('/open-apis/im/v1/messages', ...failures);
      await h.settle();
      expect(await h.bot.app.store.manager.count(PetitionEntity)).toBe(1);
    } finally {
      await h.stop();
    }
    expect(lines.some((l) => l.includes('(body withheld)'))).toBe(true);
    expectNoIdentity(lines, [petitioner.name, petitioner.email, openId, content, '13912345678']);
  });
});

eachDatabase('R6 database errors reach the log without the values they quote', (db) => {
  test("R6 a duplicate chat id is logged as `Duplicate entry '…'`, not with the id", async () => {
    const store = await migratedStore(db());
    const identity = () => ({ personId: 1, platform: 'slack' as const, externalId: 'U0B7HUBIN0' });
    await store.transaction((m) => m.insert(IdentityEntity, identity()));
    const failure = await store
      .transaction((m) => m.insert(IdentityEntity, identity()))
      .catch((e: unknown) => e);
    // SQLite names the columns only; MariaDB quotes the value.
    if (db().kind === 'mysql') expect(String(failure)).toContain("'slack-U0B7HUBIN0'");
    const { log, lines } = capturing('info');
    log.error({ error: String(failure) }, 'registration failed');
    log.error({ error: failure }, 'registration failed');
    log.warn('dispatch to U0B7HUBIN0 (hu.bin@shuchuan.example) failed');
    expect(lines).toHaveLength(3);
    expectNoIdentity(lines, ['U0B7HUBIN0', 'hu.bin@shuchuan.example']);
    expect(lines[0]).toMatch(db().kind === 'mysql' ? /Duplicate entry '…'/ : /UNIQUE constraint/);
  });
});
