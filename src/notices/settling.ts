import { In } from 'typeorm';
import type { Clock } from '../domain/clock';
import { UnreadableRecord } from '../domain/json-shape';
import { NoticeEntity, type NoticeRow } from '../store/entities';
import type { Store } from '../store/store';
import type { Target } from './addresses';
import type { Claims } from './claims';
import { DeliveryFailure } from './delivery-port';
import type { OutgoingNotice } from './notice';
import { readNotice } from './notice-reader';
import type { RateBuckets } from './rate-buckets';

/** What became of one notice a lane tried to send. */
export type Outcome = 'sent' | 'retrying' | 'parked';

export interface SettlingOptions {
  /**
   * Longest a send of one Web API call may take, shorter than the claim; a send of several has
   * as many times that, while the dispatcher renews its claim.
   */
  sendTimeoutMs: number;
  /** How long a failing notice holds its recipient's later ones back. */
  holdMs: number;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  onError?: (error: unknown) => void;
}

/**
 * Sends one claimed notice and settles it under its claim: sent, parked for an operator, or due
 * again after a backoff (a 429's Retry-After, which also pauses the platform's limited buckets).
 */
export class Settling {
  constructor(
    private readonly claims: Claims,
    private readonly buckets: RateBuckets,
    private readonly clock: Clock,
    private readonly options: SettlingOptions,
  ) {}

  async deliver(token: string, notice: NoticeRow, target: Target | null): Promise<Outcome> {
    const failure = await this.send(notice, target);
    if (!failure) {
      // Recorded at once, notice by notice: the window in which a crash can double a post is
      // this one write.
      const kept = await this.claims.settle(token, notice.id, {
        state: 'sent',
        sentAt: this.clock.now(),
        lastError: null,
        holdsUntil: null,
      });
      if (!kept)
        this.options.onError?.(new Error(`notice ${notice.id} was sent after its claim ran out`));
      return 'sent';
    }
    const attempts = notice.attempts + 1;
    const now = this.clock.now().getTime();
    if (failure.permanent || attempts >= this.options.maxAttempts) {
      await this.claims.settle(token, notice.id, {
        state: 'parked',
        attempts,
        lastError: failure.message,
        holdsUntil: null,
      });
      return 'parked';
    }
    if (failure.retryAfterMs !== undefined && target) {
      const limited = target.limits.filter((l) => l.scope === failure.limited);
      await this.buckets.pause(limited, new Date(now + failure.retryAfterMs));
    }
    const { baseDelayMs, maxDelayMs, holdMs } = this.options;
    const delay = failure.retryAfterMs ?? Math.min(maxDelayMs, baseDelayMs * 2 ** (attempts - 1));
    await this.claims.settle(token, notice.id, {
      attempts,
      lastError: failure.message,
      notBefore: new Date(now + delay),
      // From its first failure on, not again from each retry: after that the later ones go.
      holdsUntil: notice.holdsUntil ?? new Date(now + holdMs),
    });
    return 'retrying';
  }

  /** Posts one notice; the failure, or null when the platform took it. */
  private async send(notice: NoticeRow, target: Target | null): Promise<DeliveryFailure | null> {
    try {
      const outgoing = readable(notice);
      if (!target) throw new DeliveryFailure('no address on any running platform', undefined, true);
      const calls = target.port.callsOf?.(outgoing, target.address) ?? 1;
      await this.timed(target.port.send(outgoing, target.address, notice.dedupeKey), calls);
      return null;
    } catch (e) {
      return e instanceof DeliveryFailure ? e : new DeliveryFailure(String(e));
    }
  }

  /**
   * A send that has not answered within the time its calls may take is failed. A send timed out
   * while its calls still went on would be sent again after them: Slack's upload of a summary
   * with its charts, then posted twice.
   */
  private timed(send: Promise<void>, calls: number): Promise<void> {
    const timeoutMs = this.options.sendTimeoutMs * calls;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new DeliveryFailure(`no answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
      timer.unref?.();
    });
    return Promise.race([send, late]).finally(() => clearTimeout(timer));
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
      { state: 'pending', attempts: 0, notBefore: now, lastError: null, holdsUntil: null },
    ),
  );
  return result.affected ?? 0;
}
