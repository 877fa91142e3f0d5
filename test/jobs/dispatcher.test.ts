import {
  DeliveryFailure,
  Dispatcher,
  retryParked,
  type DeliveryPort,
  type DispatcherOptions,
} from '../../src/notices/dispatcher';
import { outboxHealth } from '../../src/notices/outbox-health';
import { addNotices, type NewNotice } from '../../src/notices/outbox';
import { RateBuckets } from '../../src/notices/rate-buckets';
import { NoticeEntity } from '../../src/store/entities';
import type { Store } from '../../src/store/store';
import { eachDatabase } from '../support/databases';
import { FakePlatform } from '../support/fake-platform';
import { eventually } from '../slack/fake-slack';
import { patientOrg, World } from '../support/world';

eachDatabase('R26 outbox delivery', (db) => {
  let world: World;
  let slack: FakePlatform;
  let n = 0;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });
  beforeEach(async () => {
    await world.store.manager.createQueryBuilder().delete().from(NoticeEntity).execute();
    await world.store.manager.query('DELETE FROM delivery_pauses');
    await world.store.manager.query('DELETE FROM delivery_instances');
    slack = new FakePlatform('slack', world.clock);
    // Whole seconds: MariaDB's DATETIME keeps no fraction.
    world.clock.set(new Date(Math.ceil(world.clock.now().getTime() / 1000) * 1000).toISOString());
  });

  const dispatcher = (
    owner = 'one',
    port: DeliveryPort = slack,
    options: Partial<DispatcherOptions> = {},
    store: Store = world.store,
  ) =>
    new Dispatcher(store, world.core.org, world.clock, [port], {
      owner,
      claimMs: 60_000,
      maxAttempts: 5,
      baseDelayMs: 1_000,
      // Waiting for a bucket moves the test's clock instead of real time.
      sleep: async (ms) => world.clock.advanceMs(ms),
      ...options,
    });

  const number = () => `XF-2026-${String(++n).padStart(6, '0')}`;
  /** A case-step notice (priority `step`). */
  const closed = (to: NewNotice['to']): NewNotice => ({
    kind: 'closed',
    to,
    params: { number: number() },
    dedupeKey: `test:${n}`,
  });
  /** What a filer waits for (priority `waiting`). */
  const receipt = (to: NewNotice['to']): NewNotice => ({
    kind: 'filed_receipt',
    to,
    params: {
      number: number(),
      category: 'labour.salary',
      department: 'hr',
      provisional: false,
      acceptBy: '2026-11-05',
    },
    dedupeKey: `test:${n}`,
  });
  /** A scheduled reminder (priority `bulk`). */
  const preShift = (to: NewNotice['to']): NewNotice => ({
    kind: 'pre_shift',
    to,
    params: { team: 'A' },
    dedupeKey: `test:${++n}`,
  });

  async function person(key: string) {
    return { kind: 'person' as const, id: String(await world.idOf(key)) };
  }

  async function queue(personKey: string, count = 1): Promise<string[]> {
    const to = await person(personKey);
    const notices = Array.from({ length: count }, () => closed(to));
    await addNotices(world.store.manager, world.clock.now(), notices);
    return notices.map((x) => x.dedupeKey);
  }

  async function drain(d: Dispatcher, rounds = 20) {
    for (let i = 0; i < rounds; i++) {
      await d.runOnce();
      world.clock.advanceDays(1 / 24);
    }
  }

  const row = (dedupeKey: string) =>
    world.store.manager.findOneByOrFail(NoticeEntity, { dedupeKey });

  test('each notice goes once to the recipient on their platform and is marked sent', async () => {
    await queue('hu.bin', 3);
    await addNotices(world.store.manager, world.clock.now(), [
      {
        kind: 'transferred_in',
        to: { kind: 'department_channel', id: 'hr' },
        params: { number: 'X', department: 'hr' },
        dedupeKey: 'test:channel',
      },
    ]);
    expect(await dispatcher().runOnce()).toEqual({ sent: 4, retrying: 0, parked: 0, waiting: 0 });
    expect(slack.received.map((r) => r.address)).toEqual(
      expect.arrayContaining([
        { kind: 'user', id: 'U0B7HUBIN0' },
        { kind: 'channel', id: 'C0HRDEPT01' },
      ]),
    );
    expect(slack.received.filter((r) => r.address.id === 'U0B7HUBIN0')).toHaveLength(3);
    expect(await dispatcher().runOnce()).toEqual({ sent: 0, retrying: 0, parked: 0, waiting: 0 });
    expect(await world.store.manager.countBy(NoticeEntity, { state: 'sent' })).toBe(4);
  });

  test('a 429 waits for Retry-After, 5xx errors back off, and the notice still arrives exactly once', async () => {
    const [key] = await queue('hu.bin');
    slack.failures = [
      new DeliveryFailure('429 ratelimited', 30_000),
      new DeliveryFailure('500 internal_error'),
      new DeliveryFailure('503 service_unavailable'),
    ];
    const d = dispatcher();
    expect(await d.runOnce()).toEqual({ sent: 0, retrying: 1, parked: 0, waiting: 0 });
    const waiting = await row(key);
    expect(waiting.notBefore.getTime() - world.clock.now().getTime()).toBe(30_000);
    expect(await d.runOnce()).toEqual({ sent: 0, retrying: 0, parked: 0, waiting: 0 });
    await drain(d);
    expect(slack.received).toHaveLength(1);
    expect(await row(key)).toMatchObject({ state: 'sent', attempts: 3 });
  });

  test('a notice that keeps failing is parked where an operator sees it, and can be retried', async () => {
    const [key] = await queue('hu.bin');
    slack.failures = Array.from({ length: 5 }, () => new DeliveryFailure('500'));
    await drain(dispatcher());
    expect(await row(key)).toMatchObject({ state: 'parked', attempts: 5, lastError: '500' });
    expect(await retryParked(world.store, world.clock.now())).toBe(1);
    await dispatcher().runOnce();
    expect(slack.received).toHaveLength(1);
  });

  test('a recipient with no address on any running platform is parked with the reason', async () => {
    const [key] = await queue('hu.bin');
    const lark = new FakePlatform('lark', world.clock);
    await world.store.manager.query(
      "DELETE FROM identities WHERE kind = 'lark_open_id' AND external_id = 'ou_90a1b2c3d4e5f60718293a4b5c6d7e8f'",
    );
    expect(await dispatcher('one', lark).runOnce()).toEqual({
      sent: 0,
      retrying: 0,
      parked: 1,
      waiting: 0,
    });
    expect(await row(key)).toMatchObject({ lastError: 'no address on any running platform' });
  });

  test('a notice this release cannot read is parked with the reason at once, never sent', async () => {
    const now = world.clock.now();
    await world.store.manager.insert(NoticeEntity, {
      dedupeKey: 'test:unreadable',
      petitionId: null,
      kind: 'fax',
      recipientKind: 'person',
      recipient: String(await world.idOf('hu.bin')),
      params: '{}',
      state: 'pending',
      priority: 1,
      attempts: 0,
      notBefore: now,
      createdAt: now,
    });
    expect(await dispatcher().runOnce()).toEqual({ sent: 0, retrying: 0, parked: 1, waiting: 0 });
    expect(await row('test:unreadable')).toMatchObject({
      state: 'parked',
      attempts: 1,
      lastError: 'unknown notice kind "fax"',
    });
    expect(slack.received).toEqual([]);
  });

  test('R26 an API answering in 2.5 s: claims are renewed while sends are in flight, so overlapping passes and a second instance send nothing twice', async () => {
    await queue('hu.bin', 10);
    await queue('zhao.min', 10);
    slack.answerMs = 2_500;
    // Ten sends of 2.5 s each outlast a 10 s claim four times over unless it is renewed.
    const options = {
      claimMs: 10_000,
      renewEveryMs: 2_000,
      sendTimeoutMs: 5_000,
      maxWaitMs: 1_000,
    };
    const first = dispatcher('same-host', slack, options);
    const second = dispatcher('same-host', slack, options);
    const passes = [first.runOnce(), first.runOnce()];
    for (let i = 0; i < 40 && slack.received.length < 20; i++) {
      await second.runOnce();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(passes);
    await drain(second, 3);
    expect(slack.received).toHaveLength(20);
    expect(slack.doubles()).toEqual([]);
  });

  test('R26 a claim is its token, not its process: a send finishing after its claim was taken over cannot settle the new one', async () => {
    const [key] = await queue('hu.bin');
    const late = new FakePlatform('slack', world.clock);
    late.hold();
    late.failures = [new DeliveryFailure('500 after a long wait')];
    const stalled = dispatcher('same-host', late).runOnce();
    await eventually(() => late.inFlight === 1);
    world.clock.advanceMs(61_000);
    slack.hold();
    const current = dispatcher('same-host').runOnce();
    await eventually(() => slack.inFlight === 1);
    late.open();
    await stalled;
    // The stalled send's failure left the claim in flight alone: no attempt counted, still held.
    expect(await row(key)).toMatchObject({ attempts: 0, claimedBy: 'same-host' });
    slack.open();
    await current;
    expect(slack.received.map((r) => r.key)).toEqual([key]);
    expect(await row(key)).toMatchObject({ state: 'sent', attempts: 0 });
  });

  test('R26 a send the platform never answers fails at its timeout, well inside its claim, and goes again later', async () => {
    const [key] = await queue('hu.bin');
    const silent = new FakePlatform('slack', world.clock);
    silent.hold();
    const d = dispatcher('one', silent, { sendTimeoutMs: 50 });
    expect(await d.runOnce()).toMatchObject({ sent: 0, retrying: 1 });
    expect((await row(key)).lastError).toBe('no answer within 50 ms');
    world.clock.advanceMs(2_000);
    await dispatcher().runOnce();
    expect(slack.received.map((r) => r.key)).toEqual([key]);
    silent.open();
  });

  test('R26 a send of several calls has as long as they may take: an upload slower than one call’s timeout is not failed and sent again', async () => {
    const [key] = await queue('hu.bin');
    const upload = new FakePlatform('slack', world.clock);
    upload.callsPerSend = 4;
    upload.hold();
    const pass = dispatcher('one', upload, { sendTimeoutMs: 50 }).runOnce();
    // Past one call's 50 ms, well within four calls' 200 ms.
    await new Promise((resolve) => setTimeout(resolve, 120));
    upload.open();
    expect(await pass).toMatchObject({ sent: 1, retrying: 0 });
    expect(upload.received.map((r) => r.key)).toEqual([key]);
    expect(await row(key)).toMatchObject({ state: 'sent', attempts: 0 });
  });

  test('R26 a claim is renewed while its send goes on, so no other instance takes it past the claim’s time', async () => {
    const [key] = await queue('hu.bin');
    const upload = new FakePlatform('slack', world.clock);
    upload.callsPerSend = 4;
    upload.hold();
    const options = { claimMs: 10_000, renewEveryMs: 20, sendTimeoutMs: 1_000, maxWaitMs: 1_000 };
    const pass = dispatcher('one', upload, options).runOnce();
    await eventually(() => upload.inFlight === 1);
    // The send outlasts the claim as it was first taken; the renewals during it keep it.
    world.clock.advanceMs(11_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await dispatcher('two', slack, options).runOnce()).toMatchObject({ sent: 0 });
    upload.open();
    await pass;
    expect(upload.received.map((r) => r.key)).toEqual([key]);
    expect(slack.received).toEqual([]);
  });

  test('R26 a dispatcher whose claims could lapse between two renewals during a send is refused at start', () => {
    const lapsing = {
      claimMs: 10_000,
      renewEveryMs: 7_000,
      sendTimeoutMs: 1_000,
      maxWaitMs: 1_500,
    };
    expect(() => dispatcher('one', slack, lapsing)).toThrow('claimMs > 2 × renewEveryMs');
    expect(() => dispatcher('one', slack, { ...lapsing, renewEveryMs: 4_000 })).not.toThrow();
  });

  test('R26 several recipients are in flight at once, each one’s notices in the order written', async () => {
    const keys = {
      hu: await queue('hu.bin', 4),
      zhao: await queue('zhao.min', 4),
      yang: await queue('yang.lei', 4),
    };
    slack.hold();
    const pass = dispatcher().runOnce();
    await eventually(() => slack.inFlight === 3);
    slack.open();
    await pass;
    const to = (user: string) => slack.received.filter((r) => r.address.id === user);
    expect(to('U0B7HUBIN0').map((r) => r.key)).toEqual(keys.hu);
    expect(to('U0A7ZHAOMI').map((r) => r.key)).toEqual(keys.zhao);
    expect(to('U0A6YANGLE').map((r) => r.key)).toEqual(keys.yang);
    expect(slack.maxInFlight).toBe(3);
  });

  test('R26 a failing notice holds its recipient’s later ones back for at most a minute, then they go', async () => {
    const [first, ...later] = await queue('hu.bin', 3);
    // The first fails at 0 s, 20 s, 40 s and 60 s: every try it is given in this test.
    slack.failures = Array.from({ length: 4 }, () => new DeliveryFailure('500'));
    const d = dispatcher('one', slack, { baseDelayMs: 20_000, maxDelayMs: 20_000 });
    for (let second = 0; second < 60; second += 10) {
      await d.runOnce();
      expect(slack.received).toEqual([]);
      world.clock.advanceMs(10_000);
    }
    world.clock.advanceMs(1_000);
    await d.runOnce();
    expect(slack.received.map((r) => r.key)).toEqual(later);
    expect(await row(first)).toMatchObject({ state: 'pending', attempts: 4 });
  });

  test('R26 a notice that failed once and then went goes before its recipient’s later ones', async () => {
    const keys = await queue('hu.bin', 3);
    slack.failures = [new DeliveryFailure('500')];
    const d = dispatcher();
    await d.runOnce();
    world.clock.advanceMs(1_000);
    await d.runOnce();
    await d.runOnce();
    expect(slack.received.map((r) => r.key)).toEqual(keys);
  });

  test('R26 a person waiting for their receipt goes before channel posts and digests; one recipient’s notices keep their order', async () => {
    const hu = await person('hu.bin');
    const posts = [
      closed({ kind: 'channel', id: 'summary' }),
      closed({ kind: 'department_channel', id: 'hr' }),
    ];
    const huReminder = preShift(hu);
    const huReceipt = receipt(hu);
    const zhaoReceipt = receipt(await person('zhao.min'));
    await addNotices(world.store.manager, world.clock.now(), [
      ...posts,
      huReminder,
      huReceipt,
      zhaoReceipt,
    ]);
    await drain(dispatcher('one', slack, { lanes: 1 }), 6);
    const order = slack.received.map((r) => r.key);
    expect(order).toHaveLength(5);
    const at = (x: NewNotice) => order.indexOf(x.dedupeKey);
    expect(at(zhaoReceipt)).toBeLessThan(Math.min(...posts.map(at)));
    expect(at(huReceipt)).toBeLessThan(Math.min(...posts.map(at)));
    // hu.bin's reminder was written first, and goes first: priority picks recipients only.
    expect(at(huReminder)).toBeLessThan(at(huReceipt));
  });

  test('R26 a 429 storm: no instance calls the limited bucket inside Retry-After', async () => {
    const limits = (id: string) => [
      { bucket: 'fake:post', perSecond: 100, burst: 100, scope: 'app' as const },
      { bucket: `fake:channel:${id}`, perSecond: 100, burst: 100, scope: 'recipient' as const },
    ];
    const storm = new FakePlatform('slack', world.clock, (a) => limits(a.id));
    storm.answerMs = 1;
    for (const key of ['hu.bin', 'zhao.min', 'yang.lei', 'chen.jing']) await queue(key, 5);
    storm.failures = Array.from({ length: 3 }, () => new DeliveryFailure('429', 30_000));
    // Two instances taking turns: the second learns of the first one's 429 from the database.
    const one = dispatcher('one', storm, { lanes: 1 });
    const two = dispatcher('two', storm, { lanes: 1 });
    for (let i = 0; i < 30; i++) {
      await one.runOnce();
      await two.runOnce();
      world.clock.advanceMs(5_000);
    }
    expect(storm.refused).toHaveLength(3);
    for (const refusal of storm.refused)
      expect(storm.calls.filter((c) => c.at > refusal.at && c.at < refusal.at + 30_000)).toEqual(
        [],
      );
    expect(storm.received).toHaveLength(20);
    expect(storm.doubles()).toEqual([]);
  });

  test('R26 an app-wide rate is shared by the live instances; a recipient’s is not', async () => {
    const app = { bucket: 'fake:app', perSecond: 4, burst: 4, scope: 'app' as const };
    const one = new RateBuckets(world.store, world.clock, 'one');
    const two = new RateBuckets(world.store, world.clock, 'two');
    await one.heartbeat();
    await two.heartbeat();
    const taken: number[] = [];
    for (let i = 0; i < 3; i++) taken.push((await two.take([app])).wait);
    expect(taken.map((wait) => wait === 0)).toEqual([true, true, false]);
    const channel = { bucket: 'fake:c', perSecond: 4, burst: 4, scope: 'recipient' as const };
    for (let i = 0; i < 4; i++) expect((await two.take([channel])).wait).toBe(0);
  });

  test('R26 /healthz reports the oldest pending notice’s age, the send rate, and each notice pending too long', async () => {
    await queue('hu.bin', 2);
    await dispatcher().runOnce();
    const now = () => world.clock.now();
    expect(await outboxHealth(world.store, now(), 600_000)).toMatchObject({
      ok: true,
      detail: { pending: 0, oldestPendingSeconds: 0, sentLastMinute: 2, lateCount: 0 },
    });
    const [stuck] = await queue('zhao.min');
    slack.failures = [new DeliveryFailure('500 internal_error')];
    await dispatcher().runOnce();
    world.clock.advanceMs(11 * 60_000);
    const health = await outboxHealth(world.store, now(), 600_000);
    expect(health.ok).toBe(false);
    expect(health.detail).toMatchObject({
      parked: 0,
      pending: 1,
      oldestPendingSeconds: 660,
      sentLastMinute: 0,
      lateAfterSeconds: 600,
      lateCount: 1,
      late: [
        {
          id: (await row(stuck)).id,
          kind: 'closed',
          pendingSeconds: 660,
          attempts: 1,
          lastError: '500 internal_error',
        },
      ],
    });
  });
});
