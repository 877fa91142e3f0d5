import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../src/config/config-error';
import { loadEnv } from '../../src/config/env';
import { identityKeyFile, identityKeyFor } from '../../src/config/identity-key';
import type { Platform } from '../../src/domain/people';
import { periodNumbers } from '../../src/jobs/statistics';
import { Dispatcher, type Address, type DeliveryPort } from '../../src/notices/dispatcher';
import type { OutgoingNotice } from '../../src/notices/notice';
import { accept } from '../../src/services/accept';
import { withdraw } from '../../src/services/closure';
import { createCore } from '../../src/services/core';
import { caseFile, myPetitions } from '../../src/services/read-models';
import { relay } from '../../src/services/relay';
import { rate, reply } from '../../src/services/reply';
import { appeal, recordReview } from '../../src/services/review';
import { verifyAuditTrail } from '../../src/store/audit-verifier';
import { personBehind, refuseForeignKey } from '../../src/store/custody';
import { IdentityEntity } from '../../src/store/entities';
import { CustodyLocked } from '../../src/store/identity-key';
import { Store } from '../../src/store/store';
import { drainOutbox } from '../support/outbox';
import { eachDatabase, type TestDatabase } from '../support/databases';
import { patientOrg, World, writtenReply } from '../support/world';
import type { Limit } from '../../src/notices/rate-buckets';

/** A chat platform that records which address each notice reached. */
class RecordingPlatform implements DeliveryPort {
  readonly received: { kind: string; address: Address }[] = [];
  constructor(readonly platform: Platform) {}
  limits(): Limit[] {
    return [];
  }
  send(notice: OutgoingNotice, address: Address): Promise<void> {
    this.received.push({ kind: notice.kind, address });
    return Promise.resolve();
  }
}

/** The tables a case's people could be read from. */
const caseTables = ['petitions', 'petition_parties', 'petition_events', 'notices', 'disclosures'];
/** Columns that hold a person's id. */
const personColumns = new Set([
  'petitioner_id',
  'filed_by_id',
  'actor_id',
  'owner_id',
  'leader_id',
  'recipient',
  'requested_by',
  'decided_by',
]);

interface Trace {
  id: number;
  /** The person's name, e-mail, chat ids and the contact they gave. */
  words: string[];
}

/** Every cell of the case tables that names the person: by id where ids are kept, or in text. */
async function cellsNaming(world: World, who: Trace): Promise<string[]> {
  const found: string[] = [];
  for (const table of caseTables) {
    const rows = (await world.store.manager.query(`SELECT * FROM ${table}`)) as Record<
      string,
      unknown
    >[];
    for (const row of rows) {
      for (const [column, value] of Object.entries(row)) {
        if (value === null || value === undefined) continue;
        const cell = String(value);
        const byId = personColumns.has(column) && cell === String(who.id);
        if (byId || who.words.some((w) => cell.includes(w))) {
          found.push(`${table}.${column}=${cell}`);
        }
      }
    }
  }
  return found;
}

async function traceOf(world: World, key: string): Promise<Trace> {
  const { person } = await world.as(key);
  const identities = await world.store.manager.findBy(IdentityEntity, { personId: person.id });
  return {
    id: person.id,
    words: [person.name, '13800000000', ...identities.map((i) => i.externalId)],
  };
}

async function slackIdOf(world: World, key: string): Promise<string> {
  const personId = await world.idOf(key);
  const identity = await world.store.manager.findOneByOrFail(IdentityEntity, {
    personId,
    kind: 'slack',
  });
  return identity.externalId;
}

function dispatcherOf(world: World, store: Store, port: DeliveryPort): Dispatcher {
  return new Dispatcher(store, world.core.org, world.clock, [port], {
    owner: 'custody-test',
    baseDelayMs: 1,
  });
}

const week = {
  from: new Date('2026-11-01T16:00:00Z'),
  to: new Date('2026-11-08T16:00:00Z'),
  first: '2026-11-02',
  end: '2026-11-09',
};

eachDatabase('R6 identities in custody', (db) => {
  let world: World;
  let slack: RecordingPlatform;
  beforeAll(async () => {
    world = await World.open(db(), patientOrg);
  });
  beforeEach(async () => {
    // What earlier tests left in the outbox goes out first, so each test sees its own notices.
    const earlier = new RecordingPlatform('slack');
    await drainOutbox(world.store, () => dispatcherOf(world, world.store, earlier).runOnce());
    slack = new RecordingPlatform('slack');
  });

  test('R6 after an anonymous filing, its handling and relayed messages, no row of the case names the petitioner: not their id, name, chat id or contact', async () => {
    const { number } = await world.file('hu.bin', {
      mode: 'anonymous',
      content: '仓库主管让夜班工人无防护搬运危化品。',
      categoryId: 'protection.safety',
    });
    const owner = await world.as('xu.li');
    await accept(world.core, owner, number, '2026-11-10');
    await relay(world.core, owner, number, '请问是哪一班？');
    await relay(world.core, await world.as('hu.bin'), number, '周三夜班。');
    await drainOutbox(world.store, () => dispatcherOf(world, world.store, slack).runOnce());
    expect(
      (await world.notices(number)).filter((n) => n.state === 'sent').length,
    ).toBeGreaterThanOrEqual(3);
    expect(await cellsNaming(world, await traceOf(world, 'hu.bin'))).toEqual([]);
  });

  test('R6 a confidential filing keeps its petitioner in custody too, and the owner still sees who it is', async () => {
    const { number } = await world.file('guo.hong', {
      mode: 'confidential',
      content: '班组长要求工人签空白加班单。',
    });
    await accept(world.core, await world.as('zhao.min'), number, '2026-11-10');
    expect(await cellsNaming(world, await traceOf(world, 'guo.hong'))).toEqual([]);
    expect(await caseFile(world.core, await world.as('zhao.min'), number)).toMatchObject({
      petitioner: '郭红',
      contact: '13800000000',
    });
    expect((await caseFile(world.core, await world.as('yang.lei'), number)).petitioner).toBeNull();
  });

  test('R6 the anonymous petitioner gets the receipt in their own direct messages through a relay id, finds the case as theirs and may withdraw it; nobody else may', async () => {
    const { number } = await world.file('he.ping', {
      mode: 'anonymous',
      content: '宿舍区消防通道被杂物堵塞。',
      categoryId: 'protection.safety',
    });
    const [receipt] = await world.notices(number, 'filed_receipt');
    expect(receipt.recipientKind).toBe('relay');
    await drainOutbox(world.store, () => dispatcherOf(world, world.store, slack).runOnce());
    expect(slack.received.filter((r) => r.kind === 'filed_receipt')).toEqual([
      { kind: 'filed_receipt', address: { kind: 'user', id: await slackIdOf(world, 'he.ping') } },
    ]);
    const petitioner = await world.as('he.ping');
    expect((await myPetitions(world.core, petitioner)).items.map((p) => p.number)).toContain(
      number,
    );
    await expect(
      withdraw(world.core, await world.as('hu.bin'), number, '不想办了'),
    ).rejects.toMatchObject({ key: 'refusal.not_found' });
    await withdraw(world.core, petitioner, number, '已自行解决');
    const trail = (await caseFile(world.core, await world.as('xu.li'), number)).history;
    expect(trail.at(-1)).toMatchObject({ type: 'withdrawn', actor: null, actorHidden: true });
  });
});

eachDatabase('R6 R16 repeats by keyed hash', (db) => {
  test('R6 an anonymous filing is no repeat of the same person’s named one, while a confidential one is, counted once by its keyed hash', async () => {
    const world = await World.open(db(), patientOrg);
    const named = await world.file('hu.bin', { content: '食堂饭菜价格上涨太多，员工负担重。' });
    const anonymous = await world.file('hu.bin', {
      content: '食堂饭菜价格上涨太多，员工负担很重。',
      mode: 'anonymous',
    });
    expect([named.repeats, anonymous.repeats]).toEqual([0, 0]);
    expect((await periodNumbers(world.store.manager, week, 5)).repeatPetitioners).toBe(0);
    const confidential = await world.file('hu.bin', {
      content: '食堂饭菜价格上涨太多，员工负担太重。',
      mode: 'confidential',
    });
    expect(confidential.repeats).toBe(1);
    const again = await world.file('hu.bin', {
      content: '食堂饭菜价格上涨太多，员工的负担重。',
      mode: 'confidential',
    });
    expect(again.repeats).toBe(2);
    expect((await periodNumbers(world.store.manager, week, 5)).repeatPetitioners).toBe(1);
  });
});

eachDatabase('R6 custody under another key', (db: () => TestDatabase) => {
  test('R6 with the wrong key nothing identity-revealing can be read: no relay resolves, no reader is shown the person, the petitioner is not recognised, start-up refuses', async () => {
    const world = await World.open(db(), patientOrg);
    const { number } = await world.file('hu.bin', {
      mode: 'confidential',
      content: '质检组长篡改检验记录。',
    });
    await accept(world.core, await world.as('zhao.min'), number, '2026-11-10');
    const [receipt] = await world.notices(number, 'filed_receipt');
    const wrong = new Store(
      world.store.dataSource,
      db().url,
      null,
      'another key of at least thirty-two characters',
    );
    const elsewhere = createCore(wrong, patientOrg, world.clock);
    await expect(personBehind(wrong.manager, wrong.custody, receipt.recipient)).rejects.toThrow(
      CustodyLocked,
    );
    await expect(caseFile(elsewhere, await world.as('zhao.min'), number)).rejects.toThrow(
      CustodyLocked,
    );
    const mine = await myPetitions(elsewhere, await world.as('hu.bin'));
    expect(mine.items.map((p) => p.number)).not.toContain(number);
    await expect(
      withdraw(elsewhere, await world.as('hu.bin'), number, '撤回'),
    ).rejects.toMatchObject({ key: 'refusal.not_found' });
    await expect(refuseForeignKey(wrong.manager, wrong.custody)).rejects.toThrow(ConfigError);
    await expect(
      refuseForeignKey(world.store.manager, world.store.custody),
    ).resolves.toBeUndefined();
    const port = new RecordingPlatform('slack');
    await drainOutbox(wrong, () => dispatcherOf(world, wrong, port).runOnce());
    expect(port.received.filter((r) => r.kind === 'filed_receipt')).toEqual([]);
  });
});

eachDatabase('R6 R24 relay ids in the audit chain', (db) => {
  test('R6 R24 an anonymous case’s trail, naming its petitioner by relay id, verifies; re-pointing the relay id, or crediting the step to a person instead, is reported', async () => {
    const world = await World.open(db(), patientOrg);
    const { number, id } = await world.file('hu.bin', { mode: 'anonymous' });
    expect(await verifyAuditTrail(world.store.manager)).toBeNull();
    const creditFiling = (actorRelay: string | null, actorId: number | null) =>
      world.store.manager.query(
        'UPDATE petition_events SET actor_relay = ?, actor_id = ? WHERE petition_id = ? AND seq = 1',
        [actorRelay, actorId, id],
      );
    const [{ actor_relay: relayId }] = (await world.store.manager.query(
      'SELECT actor_relay FROM petition_events WHERE petition_id = ? AND seq = 1',
      [id],
    )) as { actor_relay: string }[];
    await creditFiling('r_someoneelse0000000000', null);
    expect(await verifyAuditTrail(world.store.manager)).toMatchObject({ number, seq: 1 });
    await creditFiling(relayId, null);
    expect(await verifyAuditTrail(world.store.manager)).toBeNull();
    await creditFiling(null, await world.idOf('hu.bin'));
    expect(await verifyAuditTrail(world.store.manager)).toMatchObject({ number, seq: 1 });
  });
});

eachDatabase('R6 R13 an anonymous petitioner through review and re-review', (db) => {
  test('R6 R12 R13 the anonymous petitioner alone rates and appeals twice; a later filing of theirs on the final matter is refused by keyed hash, the same words from someone else are not', async () => {
    const world = await World.open(db(), patientOrg);
    world.clock.set('2026-11-03T02:00:00Z');
    const content = '夜班补贴标准偏低，要求按周边企业标准上调夜班补贴。';
    const { number } = await world.file('hu.bin', { content, mode: 'anonymous' });
    const handler = await world.as('zhao.min');
    await accept(world.core, handler, number, '2026-11-10');
    await reply(world.core, handler, number, writtenReply('2026-11-03'));
    const petitioner = await world.as('hu.bin');
    await expect(rate(world.core, handler, number, 'unsatisfied')).rejects.toMatchObject({
      key: 'refusal.role',
    });
    await rate(world.core, petitioner, number, 'unsatisfied');
    await appeal(world.core, petitioner, number, '答复未回应与周边企业的比较');
    const review = {
      reviewers: ['职工代表 钱师傅'],
      outcome: 'upheld' as const,
      opinion: '维持。',
    };
    await recordReview(world.core, await world.as('chen.jing'), number, review);
    await appeal(world.core, petitioner, number, '集体合同已过期');
    const final = await recordReview(world.core, await world.as('sun.jian'), number, review);
    expect(final.petition.state).toBe('closed');

    const again = '要求按周边企业标准上调夜班补贴，夜班补贴标准偏低。';
    await expect(world.file('hu.bin', { content: again, mode: 'anonymous' })).rejects.toMatchObject(
      { key: 'refusal.final_matter', params: { number } },
    );
    await expect(world.file('hu.bin', { content: again })).rejects.toMatchObject({
      key: 'refusal.final_matter',
    });
    await expect(world.file('guo.hong', { content: again })).resolves.toMatchObject({
      state: 'submitted',
    });
  });
});

eachDatabase('R6 R7 an anonymous filing by a liaison for a worker', (db) => {
  test('R6 R7 the worker and the liaison each get the receipt by a relay id of their own and find the case; the worker speaks for it, the liaison does not; neither is named in the case’s rows', async () => {
    const world = await World.open(db(), patientOrg);
    const worker = await world.idOf('guo.hong');
    const { number } = await world.file('ma.jun', {
      mode: 'anonymous',
      content: '冲压车间防护手套发放不足。',
      onBehalfOf: { personId: worker },
    });
    const receipts = await world.notices(number, 'filed_receipt');
    const behind = await Promise.all(
      receipts.map((n) => personBehind(world.store.manager, world.store.custody, n.recipient)),
    );
    expect(receipts.map((n) => n.recipientKind)).toEqual(['relay', 'relay']);
    expect(behind.sort()).toEqual([worker, await world.idOf('ma.jun')].sort());
    for (const key of ['guo.hong', 'ma.jun']) {
      const listed = await myPetitions(world.core, await world.as(key));
      expect(listed.items.map((p) => p.number)).toEqual([number]);
      expect(await cellsNaming(world, await traceOf(world, key))).toEqual([]);
    }
    await expect(
      withdraw(world.core, await world.as('ma.jun'), number, '撤回'),
    ).rejects.toMatchObject({ key: 'refusal.role' });
    await withdraw(world.core, await world.as('guo.hong'), number, '已解决');
  });
});

describe('R6 the identity key is held outside the database', () => {
  test('R6 with MySQL/MariaDB IDENTITY_KEY must be given; a short one is refused without being repeated', () => {
    expect(() => identityKeyFor({ DATABASE_URL: 'mysql://bot@127.0.0.1:3306/petitions' })).toThrow(
      /^IDENTITY_KEY is missing: with a MySQL\/MariaDB database/,
    );
    expect(() => loadEnv({ IDENTITY_KEY: 'short secret' })).toThrow(
      'IDENTITY_KEY=(hidden) must be at least 32 characters',
    );
  });

  test('R6 the embedded default makes a key file beside the SQLite database once, readable by its owner only, and keeps using it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custody-key-'));
    try {
      const env = { DATABASE_URL: `sqlite:${join(dir, 'data', 'petitions.sqlite')}` };
      const made = identityKeyFor(env);
      const file = join(dir, 'data', identityKeyFile);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(made.length).toBeGreaterThanOrEqual(32);
      expect(identityKeyFor(env)).toBe(made);
      expect(identityKeyFor({ ...env, IDENTITY_KEY: 'k'.repeat(32) })).toBe('k'.repeat(32));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

eachDatabase('R6 R28 a handler’s own anonymous filing', (db) => {
  test('R6 R28 a handler who files anonymously is recognised by keyed hash: not asked to accept her own case, and refused when she tries; her colleagues are asked', async () => {
    const world = await World.open(db(), patientOrg);
    const handler = await world.as('zhao.min');
    const { number } = await world.file('zhao.min', {
      mode: 'anonymous',
      content: '人力资源部考勤系统记录被人为修改。',
    });
    const asked = await world.toldAbout(number, 'new_case');
    expect(asked).not.toContain(`person:${handler.person.id}`);
    expect(asked).toContain(`person:${await world.idOf('liu.yang')}`);
    await expect(accept(world.core, handler, number, '2026-11-10')).rejects.toMatchObject({
      key: 'refusal.role',
    });
    await accept(world.core, await world.as('liu.yang'), number, '2026-11-10');
    expect(await cellsNaming(world, await traceOf(world, 'zhao.min'))).toEqual([]);
  });
});
