import { ConfigError } from '../../src/config/config-error';
import { loadEnv } from '../../src/config/env';
import { InboundEventEntity } from '../../src/store/entities';
import { eachDatabase } from '../support/databases';
import { cardText } from './fake-lark';
import { LarkHarness, openIds } from './harness';

const hours = (n: number) => n * 60 * 60 * 1000;

eachDatabase('R26 Lark requests are signed, and only recently', (db) => {
  const h = new LarkHarness();
  beforeAll(() => h.start(db().url));
  afterAll(() => h.stop());

  const events = () => h.bot.app.store.manager.count(InboundEventEntity);
  const forms = () => h.lark.to(openIds.huBin).filter((m) => cardText(m).includes('提交信访'));

  test('R26 an event signed with a timestamp from 2001 is refused and nothing happens', async () => {
    const before = await events();
    const replayed = await h.events.menu(openIds.huBin, 'petition_new', {
      signedAt: new Date('2001-09-09T01:46:40Z'),
    });
    expect(replayed.status).toBe(401);
    const fromTheFuture = await h.events.menu(openIds.huBin, 'petition_new', {
      signedAt: new Date(Date.now() + hours(1)),
    });
    expect(fromTheFuture.status).toBe(401);
    await h.settle();
    expect(h.lark.sent).toHaveLength(0);
    expect(await events()).toBe(before);
  });

  test('R26 a freshly signed event is accepted, and so is a redelivery signed as late as Feishu retries', async () => {
    const before = forms().length;
    const fresh = await h.events.menu(openIds.huBin, 'petition_new', { eventId: 'ev_fresh' });
    expect(fresh.status).toBe(200);
    // Feishu's fourth retry comes about 7 h 5 min after the first push.
    const late = await h.events.menu(openIds.huBin, 'petition_new', {
      eventId: 'ev_late',
      signedAt: new Date(Date.now() - hours(7.1)),
    });
    expect(late.status).toBe(200);
    await h.settle();
    expect(forms()).toHaveLength(before + 2);
  });

  test('R26 a replay inside the window of an event already handled is acted on no more', async () => {
    const before = forms().length;
    const again = await h.events.menu(openIds.huBin, 'petition_new', {
      eventId: 'ev_late',
      signedAt: new Date(Date.now() - hours(1)),
    });
    expect(again.status).toBe(200);
    await h.settle();
    expect(forms()).toHaveLength(before);
  });
});

describe('R26 webhook mode needs the Encrypt Key', () => {
  test('R26 Lark in webhook mode without LARK_ENCRYPT_KEY is a configuration error naming it', () => {
    const lark = { LARK_APP_ID: 'cli_test', LARK_APP_SECRET: 's', LARK_VERIFICATION_TOKEN: 'v' };
    const problems = (() => {
      try {
        loadEnv(lark);
        return [];
      } catch (e) {
        return e instanceof ConfigError ? e.problems : [String(e)];
      }
    })();
    expect(problems).toEqual([
      'LARK_APP_ID is set but LARK_ENCRYPT_KEY is missing (needed in webhook mode: without it Lark signs no request)',
    ]);
    expect(() => loadEnv({ ...lark, LARK_ENCRYPT_KEY: 'k' })).not.toThrow();
    expect(() =>
      loadEnv({ ...lark, LARK_MODE: 'ws', LARK_APP_ID: 'cli_a1b2c3d4e5f60718' }),
    ).not.toThrow();
  });
});
