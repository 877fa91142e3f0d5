import { addNotices, type NewNotice } from '../../src/notices/outbox';
import { NoticeEntity, PersonEntity } from '../../src/store/entities';
import { eachDatabase } from '../support/databases';
import { SlackHarness, users } from './harness';

eachDatabase('R25 R26 Slack delivery', (db) => {
  const h = new SlackHarness();
  let n = 0;
  beforeAll(() => h.start(db().url));
  afterAll(() => h.stop());
  beforeEach(async () => {
    await h.bot.app.store.transaction(async (m) => {
      await m.createQueryBuilder().delete().from(NoticeEntity).execute();
      await m.query('DELETE FROM delivery_pauses');
    });
  });

  async function queue(...keys: string[]): Promise<string[]> {
    const notices: NewNotice[] = [];
    for (const key of keys) {
      const person = await h.bot.app.store.manager.findOneByOrFail(PersonEntity, { orgKey: key });
      notices.push({
        // A notice about no case: what it is about is not these tests' subject.
        kind: 'pre_shift',
        to: { kind: 'person', id: String(person.id) },
        params: { team: `team ${++n}` },
        dedupeKey: `slack-delivery:${n}`,
      });
    }
    await h.bot.app.store.transaction((m) => addNotices(m, new Date(), notices));
    return notices.map((x) => x.dedupeKey);
  }

  const row = (dedupeKey: string) =>
    h.bot.app.store.manager.findOneByOrFail(NoticeEntity, { dedupeKey });

  test('R25 a DM is posted to the user id itself, without conversations.open', async () => {
    const before = h.slack.of('conversations.open').length;
    await queue('hu.bin');
    expect(await h.deliver()).toMatchObject({ sent: 1 });
    const post = h.slack.of('chat.postMessage').at(-1);
    expect(post).toMatchObject({ addressed: users.huBin, channel: `D${users.huBin}` });
    expect(h.slack.of('conversations.open')).toHaveLength(before);
  });

  test('R26 a 429 from chat.postMessage pauses it for Retry-After for every notice, not one at a time', async () => {
    const [limited] = await queue('hu.bin');
    h.slack.failNext('chat.postMessage', { status: 429, headers: { 'retry-after': '30' } });
    expect(await h.deliver()).toMatchObject({ sent: 0, retrying: 1 });
    const posts = h.slack.of('chat.postMessage').length;
    const [other] = await queue('zhao.min');
    expect(await h.deliver()).toMatchObject({ sent: 0, waiting: 1 });
    expect(h.slack.of('chat.postMessage')).toHaveLength(posts);
    const paused = (await row(limited)).notBefore.getTime();
    expect((await row(other)).notBefore.getTime()).toBeGreaterThanOrEqual(paused);
    expect(await row(other)).toMatchObject({ attempts: 0, state: 'pending' });
  });

  test('R26 a Slack that never answers fails the call at its timeout, before the claim runs out', async () => {
    const [key] = await queue('hu.bin');
    h.slack.stallNext('chat.postMessage');
    expect(await h.deliver()).toMatchObject({ sent: 0, retrying: 1 });
    // The Web API client's own timeout (apiTimeoutMs), not the dispatcher's later guard.
    expect((await row(key)).lastError).toMatch(/TimeoutError/);
  });
});
