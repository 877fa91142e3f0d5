import type { DataSource } from 'typeorm';
import type { OutgoingNotice } from '../../src/notices/notice';
import {
  DeliveryFailure,
  Dispatcher,
  retryParked,
  type Address,
  type DeliveryPort,
} from '../../src/notices/dispatcher';
import type { Platform } from '../../src/domain/people';
import { addNotices } from '../../src/notices/outbox';
import { NoticeEntity } from '../../src/store/entities';
import { Store } from '../../src/store/store';
import { eachDatabase } from '../support/databases';
import { patientOrg, World } from '../support/world';

/** A chat platform that records what reached it and fails as the test scripts it. */
class FakePlatform implements DeliveryPort {
  readonly received: { key: string; address: Address; kind: string }[] = [];
  failures: DeliveryFailure[] = [];
  hang = false;

  constructor(readonly platform: Platform) {}

  async send(notice: OutgoingNotice, address: Address, key: string) {
    if (this.hang) return new Promise<void>(() => undefined);
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.received.push({ key, address, kind: notice.kind });
  }
}

eachDatabase('R26 outbox delivery', (db) => {
  let world: World;
  let slack: FakePlatform;
  let n = 0;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });
  beforeEach(async () => {
    await world.store.manager.createQueryBuilder().delete().from(NoticeEntity).execute();
    slack = new FakePlatform('slack');
  });

  const dispatcher = (owner = 'one', store: Store = world.store, port: DeliveryPort = slack) =>
    new Dispatcher(store, world.core.org, world.clock, [port], {
      owner,
      claimMs: 60_000,
      maxAttempts: 5,
      baseDelayMs: 1_000,
    });

  async function queue(personKey: string, count = 1) {
    const id = String(await world.idOf(personKey));
    await addNotices(
      world.store.manager,
      world.clock.now(),
      Array.from({ length: count }, () => ({
        kind: 'closed' as const,
        to: { kind: 'person' as const, id },
        params: { number: `XF-2026-${String(++n).padStart(6, '0')}` },
        dedupeKey: `test:${n}`,
      })),
    );
  }

  async function drain(d: Dispatcher, rounds = 20) {
    for (let i = 0; i < rounds; i++) {
      await d.runOnce();
      world.clock.advanceDays(1 / 24);
    }
  }

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
    expect(await dispatcher().runOnce()).toEqual({ sent: 4, retrying: 0, parked: 0 });
    expect(slack.received.map((r) => r.address)).toEqual([
      { kind: 'user', id: 'U0B7HUBIN0' },
      { kind: 'user', id: 'U0B7HUBIN0' },
      { kind: 'user', id: 'U0B7HUBIN0' },
      { kind: 'channel', id: 'C0HRDEPT01' },
    ]);
    expect(await dispatcher().runOnce()).toEqual({ sent: 0, retrying: 0, parked: 0 });
    expect(await world.store.manager.countBy(NoticeEntity, { state: 'sent' })).toBe(4);
  });

  test('a 429 waits for Retry-After, 5xx errors back off, and the notice still arrives exactly once', async () => {
    await queue('hu.bin');
    slack.failures = [
      new DeliveryFailure('429 ratelimited', 30_000),
      new DeliveryFailure('500 internal_error'),
      new DeliveryFailure('503 service_unavailable'),
    ];
    const d = dispatcher();
    expect(await d.runOnce()).toEqual({ sent: 0, retrying: 1, parked: 0 });
    const waiting = await world.store.manager.findOneByOrFail(NoticeEntity, {
      dedupeKey: `test:${n}`,
    });
    expect(waiting.notBefore.getTime() - world.clock.now().getTime()).toBe(30_000);
    expect(await d.runOnce()).toEqual({ sent: 0, retrying: 0, parked: 0 });
    await drain(d);
    expect(slack.received).toHaveLength(1);
    expect(
      await world.store.manager.findOneByOrFail(NoticeEntity, { dedupeKey: `test:${n}` }),
    ).toMatchObject({
      state: 'sent',
      attempts: 3,
    });
  });

  test('a notice that keeps failing is parked where an operator sees it, and can be retried', async () => {
    await queue('hu.bin');
    slack.failures = Array.from({ length: 5 }, () => new DeliveryFailure('500'));
    await drain(dispatcher());
    const parked = await world.store.manager.findOneByOrFail(NoticeEntity, {
      dedupeKey: `test:${n}`,
    });
    expect(parked).toMatchObject({ state: 'parked', attempts: 5, lastError: '500' });
    expect(await retryParked(world.store, world.clock.now())).toBe(1);
    await dispatcher().runOnce();
    expect(slack.received).toHaveLength(1);
  });

  test('a recipient with no address on any running platform is parked with the reason', async () => {
    await queue('hu.bin');
    const lark = new FakePlatform('lark');
    await world.store.manager.query(
      "DELETE FROM identities WHERE kind = 'lark_open_id' AND external_id = 'ou_90a1b2c3d4e5f60718293a4b5c6d7e8f'",
    );
    expect(await dispatcher('one', world.store, lark).runOnce()).toEqual({
      sent: 0,
      retrying: 0,
      parked: 1,
    });
    expect(
      await world.store.manager.findOneByOrFail(NoticeEntity, { dedupeKey: `test:${n}` }),
    ).toMatchObject({
      lastError: 'no address on any running platform',
    });
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
      attempts: 0,
      notBefore: now,
      createdAt: now,
    });
    expect(await dispatcher().runOnce()).toEqual({ sent: 0, retrying: 0, parked: 1 });
    expect(
      await world.store.manager.findOneByOrFail(NoticeEntity, { dedupeKey: 'test:unreadable' }),
    ).toMatchObject({ state: 'parked', attempts: 1, lastError: 'unknown notice kind "fax"' });
    expect(slack.received).toEqual([]);
  });

  test('a dispatcher killed mid-send: after its claim expires another delivers, nothing lost or doubled', async () => {
    await queue('hu.bin', 2);
    const dying = new FakePlatform('slack');
    dying.hang = true;
    void dispatcher('dying', world.store, dying).runOnce();
    await new Promise((r) => setTimeout(r, 200));
    expect(await dispatcher('restarted').runOnce()).toEqual({ sent: 0, retrying: 0, parked: 0 });
    world.clock.advanceDays(1 / 24);
    expect(await dispatcher('restarted').runOnce()).toEqual({ sent: 2, retrying: 0, parked: 0 });
    expect(slack.received).toHaveLength(2);
    expect(dying.received).toHaveLength(0);
  });

  test('R26 three dispatchers on their own connections deliver every notice exactly once', async () => {
    await queue('hu.bin', 60);
    const stores: Store[] = [world.store];
    const extra: DataSource[] = [];
    if (db().kind === 'mysql') {
      for (let i = 0; i < 2; i++) extra.push(await db().open());
      stores.push(...extra.map((ds) => new Store(ds, db().url)));
    } else {
      stores.push(world.store, world.store);
    }
    const ds = stores.map((store, i) => dispatcher(`instance-${i}`, store));
    for (let round = 0; round < 5; round++) await Promise.all(ds.map((d) => d.runOnce()));
    expect(slack.received).toHaveLength(60);
    expect(new Set(slack.received.map((r) => r.key)).size).toBe(60);
  });
});
