import { In, IsNull, LessThan, type EntityManager } from 'typeorm';
import type { Organisation } from '../config/org';
import type { Clock } from '../domain/clock';
import type { IdentityKind, Platform } from '../domain/people';
import { DepartmentEntity, IdentityEntity, NoticeEntity, type NoticeRow } from '../store/entities';
import { personBehind } from '../store/custody';
import type { Store } from '../store/store';
import type { OutgoingNotice, Recipient } from './notice';
import { UnreadableRecord } from '../domain/json-shape';
import { readNotice } from './notice-reader';

/** The identity a platform's direct messages are addressed to. */
const directIdentity: Record<Platform, IdentityKind> = { slack: 'slack', lark: 'lark_open_id' };

/** Where one notice goes on one platform: a user (DM) or a channel / group chat. */
export interface Address {
  kind: 'user' | 'channel';
  id: string;
}

/**
 * What a chat adapter offers the dispatcher. `send` renders and posts one notice; `key` is the
 * notice's stable identity, to be passed to the platform where it deduplicates (Lark's uuid).
 */
export interface DeliveryPort {
  platform: Platform;
  send(notice: OutgoingNotice, address: Address, key: string): Promise<void>;
}

/** A failed send: `retryAfterMs` from a 429's Retry-After; `permanent` for errors no retry mends. */
export class DeliveryFailure extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'DeliveryFailure';
  }
}

export interface DispatcherOptions {
  /** This instance's name in the claims it writes. */
  owner: string;
  batch?: number;
  /** How long a claim holds: a dispatcher that dies mid-send lets go after this. */
  claimMs?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface DispatchReport {
  sent: number;
  retrying: number;
  parked: number;
}

/**
 * Delivers the outbox: claims pending notices (so no two instances send the same one), sends
 * each through the platform of its recipient, marks it sent, and on failure backs off (honouring
 * Retry-After) until it parks the notice for an operator. State lives in the database, so a
 * restarted dispatcher goes on where the last one stopped.
 */
export class Dispatcher {
  private readonly batch: number;
  private readonly claimMs: number;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly store: Store,
    private readonly org: Organisation,
    private readonly clock: Clock,
    private readonly ports: DeliveryPort[],
    private readonly options: DispatcherOptions,
  ) {
    this.batch = options.batch ?? 20;
    this.claimMs = options.claimMs ?? 60_000;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.baseDelayMs = options.baseDelayMs ?? 5_000;
    this.maxDelayMs = options.maxDelayMs ?? 15 * 60_000;
  }

  /** One pass over what is due now; returns what happened. */
  async runOnce(): Promise<DispatchReport> {
    const report: DispatchReport = { sent: 0, retrying: 0, parked: 0 };
    for (const notice of await this.claim()) {
      const outcome = await this.deliver(notice);
      report[outcome]++;
    }
    return report;
  }

  private async claim(): Promise<NoticeRow[]> {
    const m = this.store.manager;
    const now = this.clock.now();
    const candidates = await m
      .getRepository(NoticeEntity)
      .createQueryBuilder('n')
      .where("n.state = 'pending' AND n.not_before <= :now", { now })
      .andWhere('(n.claimed_until IS NULL OR n.claimed_until < :now)', { now })
      .orderBy('n.id')
      .limit(this.batch)
      .getMany();
    const claimed: NoticeRow[] = [];
    for (const notice of candidates) {
      const until = new Date(now.getTime() + this.claimMs);
      const result = await this.store.transaction((tx) =>
        tx
          .createQueryBuilder()
          .update(NoticeEntity)
          .set({ claimedBy: this.options.owner, claimedUntil: until })
          .where("id = :id AND state = 'pending'", { id: notice.id })
          .andWhere('(claimed_until IS NULL OR claimed_until < :now)', { now })
          .execute(),
      );
      if (result.affected === 1) claimed.push(notice);
    }
    return claimed;
  }

  private async deliver(notice: NoticeRow): Promise<keyof DispatchReport> {
    const m = this.store.manager;
    try {
      const outgoing = readable(notice);
      const target = await this.resolve(m, outgoing.to);
      if (!target) throw new DeliveryFailure('no address on any running platform', undefined, true);
      await target.port.send(outgoing, target.address, notice.dedupeKey);
      await this.settle(notice, { state: 'sent', sentAt: this.clock.now(), lastError: null });
      return 'sent';
    } catch (e) {
      const failure = e instanceof DeliveryFailure ? e : new DeliveryFailure(String(e));
      const attempts = notice.attempts + 1;
      if (failure.permanent || attempts >= this.maxAttempts) {
        await this.settle(notice, { state: 'parked', attempts, lastError: failure.message });
        return 'parked';
      }
      const delay =
        failure.retryAfterMs ?? Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempts - 1));
      await this.settle(notice, {
        attempts,
        lastError: failure.message,
        notBefore: new Date(this.clock.now().getTime() + delay),
      });
      return 'retrying';
    }
  }

  private async settle(notice: NoticeRow, changes: Partial<NoticeRow>) {
    await this.store.transaction((m) =>
      m
        .createQueryBuilder()
        .update(NoticeEntity)
        .set({ ...changes, claimedBy: null, claimedUntil: null })
        .where('id = :id AND claimed_by = :owner', { id: notice.id, owner: this.options.owner })
        .execute(),
    );
  }

  private async resolve(m: EntityManager, to: Recipient) {
    for (const port of this.ports) {
      const address = await this.addressOn(m, port.platform, to);
      if (address) return { port, address };
    }
    return null;
  }

  private async addressOn(
    m: EntityManager,
    platform: Platform,
    to: Recipient,
  ): Promise<Address | null> {
    if (to.kind === 'person' || to.kind === 'relay') {
      // R6: a relay id turns into its person here, at send time, and nowhere that is stored.
      const personId =
        to.kind === 'relay' ? await personBehind(m, this.store.custody, to.id) : Number(to.id);
      if (personId === null) return null;
      const identity = await m.findOneBy(IdentityEntity, {
        personId,
        kind: directIdentity[platform],
      });
      return identity ? { kind: 'user', id: identity.externalId } : null;
    }
    if (to.kind === 'department_channel') {
      const department = await m.findOneBy(DepartmentEntity, { id: to.id });
      const id = platform === 'slack' ? department?.slackChannel : department?.larkChat;
      return id ? { kind: 'channel', id } : null;
    }
    const channels = this.org.channels as Record<
      string,
      { slack?: string; lark?: string } | undefined
    >;
    const id = channels[to.id]?.[platform];
    return id ? { kind: 'channel', id } : null;
  }
}

/** A notice this release cannot read is parked for an operator: no retry would mend it. */
function readable(row: NoticeRow): OutgoingNotice {
  try {
    return readNotice(row);
  } catch (e) {
    if (e instanceof UnreadableRecord) throw new DeliveryFailure(e.message, undefined, true);
    throw e;
  }
}

/** An operator's retry of parked notices (all, or the ids given). */
export async function retryParked(store: Store, now: Date, ids?: number[]): Promise<number> {
  const result = await store.transaction((m) =>
    m.update(
      NoticeEntity,
      { state: 'parked', ...(ids ? { id: In(ids) } : {}) },
      { state: 'pending', attempts: 0, notBefore: now, lastError: null },
    ),
  );
  return result.affected ?? 0;
}

/** Notices waiting longer than they should, and parked ones: what /healthz reports. */
export async function outboxHealth(store: Store, now: Date, lateAfterMs = 10 * 60_000) {
  const m = store.manager;
  const parked = await m.countBy(NoticeEntity, { state: 'parked' });
  const late = await m.countBy(NoticeEntity, {
    state: 'pending',
    notBefore: LessThan(new Date(now.getTime() - lateAfterMs)),
    claimedBy: IsNull(),
  });
  return { ok: parked === 0, detail: { parked, late } };
}
