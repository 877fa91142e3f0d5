import { In, MoreThan, type EntityManager, type EntitySchema, type ObjectLiteral } from 'typeorm';
import type { Clock } from '../domain/clock';
import { isDuplicateKey } from '../store/duplicate-key';
import { DeliveryInstanceEntity, DeliveryPauseEntity } from '../store/entities';
import type { Store } from '../store/store';
import { TokenBucket } from './token-bucket';

/**
 * One of a platform's limits as the platform scopes it: `app` limits (per app or per method) are
 * shared by every running instance, so each takes its share; `recipient` limits (per channel, per
 * user, per group) are used by one instance at a time, the one whose claim holds that recipient.
 */
export interface Limit {
  bucket: string;
  perSecond: number;
  burst: number;
  scope: 'app' | 'recipient';
}

/** How long a dispatcher counts as running after its last pass. */
const liveForMs = 15_000;

/**
 * The platforms' limits, kept before they say no. Rates are counted here; a 429's pause is
 * written to the database so every instance waits it out, and the live instances are counted
 * there so each takes its share of an app-wide rate.
 */
export class RateBuckets {
  private readonly buckets = new Map<string, { bucket: TokenBucket; share: number }>();
  private live = 1;
  private seenAt = -Infinity;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly instance: string,
  ) {}

  /** Records this instance as running and counts the running ones (at most every few seconds). */
  async heartbeat(): Promise<void> {
    const now = this.clock.now();
    if (now.getTime() - this.seenAt < liveForMs / 5) return;
    this.seenAt = now.getTime();
    const seenUntil = new Date(now.getTime() + liveForMs);
    await this.store.transaction(async (m) => {
      const updated = await m.update(
        DeliveryInstanceEntity,
        { instance: this.instance },
        { seenUntil },
      );
      if (!updated.affected)
        await insertOnce(m, DeliveryInstanceEntity, { instance: this.instance, seenUntil });
    });
    const live = await this.store.manager.countBy(DeliveryInstanceEntity, {
      seenUntil: MoreThan(now),
    });
    this.live = Math.max(1, live);
  }

  /** Leaves the count of running instances, so the others take up its share at once. */
  async leave(): Promise<void> {
    await this.store.transaction((m) =>
      m.delete(DeliveryInstanceEntity, { instance: this.instance }),
    );
  }

  /**
   * Takes a token from every limit, or none: `wait` is 0 when taken, else how many milliseconds
   * until they all could be (a 429's pause, or the emptiest bucket's refill), and `scope` that
   * of the limit it waits for longest.
   */
  async take(limits: Limit[]): Promise<{ wait: number; scope: Limit['scope'] }> {
    const now = this.clock.now().getTime();
    const paused = await this.pausedUntil(limits);
    if (paused.until > now) return { wait: paused.until - now, scope: paused.scope };
    let longest = { wait: 0, scope: 'app' as Limit['scope'] };
    const buckets = limits.map((limit) => {
      const bucket = this.bucketOf(limit, now);
      const wait = bucket.waitMs(now);
      if (wait > longest.wait) longest = { wait, scope: limit.scope };
      return bucket;
    });
    if (longest.wait === 0) for (const b of buckets) b.take(now);
    return longest;
  }

  /**
   * A 429: the limits named stop for everyone until `until`, rounded up to the second because
   * MariaDB's DATETIME keeps no fraction and would end the pause early.
   */
  async pause(limits: Limit[], at: Date): Promise<void> {
    const until = new Date(Math.ceil(at.getTime() / 1000) * 1000);
    await this.store.transaction(async (m) => {
      for (const { bucket } of limits) {
        const raised = await m
          .createQueryBuilder()
          .update(DeliveryPauseEntity)
          .set({ pausedUntil: until })
          .where('bucket = :bucket AND paused_until < :until', { bucket, until })
          .execute();
        // No row raised: there is none yet, or one pausing longer already stands.
        if (!raised.affected)
          await insertOnce(m, DeliveryPauseEntity, { bucket, pausedUntil: until });
      }
    });
  }

  private async pausedUntil(limits: Limit[]): Promise<{ until: number; scope: Limit['scope'] }> {
    const none = { until: 0, scope: 'app' as Limit['scope'] };
    if (limits.length === 0) return none;
    const pauses = await this.store.manager.findBy(DeliveryPauseEntity, {
      bucket: In(limits.map((l) => l.bucket)),
    });
    return pauses.reduce((latest, pause) => {
      const until = pause.pausedUntil.getTime();
      const scope = limits.find((l) => l.bucket === pause.bucket)?.scope ?? 'app';
      return until > latest.until ? { until, scope } : latest;
    }, none);
  }

  /** The bucket of a limit at this instance's share; made anew when the share changed. */
  private bucketOf(limit: Limit, now: number): TokenBucket {
    const share = limit.scope === 'app' ? this.live : 1;
    const known = this.buckets.get(limit.bucket);
    if (known && known.share === share) return known.bucket;
    const bucket = new TokenBucket(limit.perSecond / share, Math.max(1, limit.burst / share), now);
    this.buckets.set(limit.bucket, { bucket, share });
    return bucket;
  }
}

/** Inserts a row unless one with its key is there already (another instance was first). */
async function insertOnce<T extends ObjectLiteral>(
  m: EntityManager,
  entity: EntitySchema<T>,
  row: T,
) {
  try {
    await m.insert(entity, row);
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
}
