import { createHash } from 'node:crypto';
import { addNotices } from '../../src/notices/outbox';
import { NoticeEntity, PersonEntity } from '../../src/store/entities';
import { eachDatabase } from '../support/databases';
import { LarkHarness } from './harness';

const messages = '/open-apis/im/v1/messages';

eachDatabase('R25 R26 Lark delivery', (db) => {
  const h = new LarkHarness();
  let n = 0;
  beforeAll(() => h.start(db().url));
  afterAll(() => h.stop());
  beforeEach(async () => {
    await h.bot.app.store.transaction((m) =>
      m.createQueryBuilder().delete().from(NoticeEntity).execute(),
    );
  });

  async function queue(key: string): Promise<string> {
    const person = await h.bot.app.store.manager.findOneByOrFail(PersonEntity, { orgKey: key });
    const dedupeKey = `lark-delivery:${++n}`;
    await h.bot.app.store.transaction((m) =>
      addNotices(m, new Date(), [
        {
          // A notice about no case: what it is about is not these tests' subject.
          kind: 'pre_shift',
          to: { kind: 'person', id: String(person.id) },
          params: { team: `team ${n}` },
          dedupeKey,
        },
      ]),
    );
    return dedupeKey;
  }

  test('R26 a send carries the notice’s own uuid, so Lark shows a resent notice once', async () => {
    const key = await queue('hu.bin');
    await h.settle();
    const uuid = createHash('sha1').update(key).digest('hex');
    expect(h.lark.sent.filter((m) => m.uuid === uuid)).toHaveLength(1);
  });

  test('R26 an Open API that never answers fails the call at its timeout, before the claim runs out', async () => {
    const key = await queue('hu.bin');
    h.lark.stallNext(messages);
    await h.settle();
    const row = await h.bot.app.store.manager.findOneByOrFail(NoticeEntity, { dedupeKey: key });
    expect(row).toMatchObject({ state: 'pending', attempts: 1 });
    // The HTTP client's own timeout, not the dispatcher's later guard ("no answer within …").
    expect(row.lastError).toMatch(/timeout of \d+ms exceeded/);
  });
});
