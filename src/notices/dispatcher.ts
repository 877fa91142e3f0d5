import type { Organisation } from '../config/org';
import type { Clock } from '../domain/clock';
import type { Store } from '../store/store';
import { Addresses, type Target } from './addresses';
import { Claims, laneOf, type Lane } from './claims';
import { apiTimeoutMs, type DeliveryPort } from './delivery-port';
import { RateBuckets } from './rate-buckets';
import { Settling, type Outcome } from './settling';

export { apiTimeoutMs, DeliveryFailure, type Address, type DeliveryPort } from './delivery-port';
export { retryParked } from './settling';

export interface DispatcherOptions {
  /** This instance's name, written beside each claim for an operator. */
  owner: string;
  /** How many recipients' notices are in flight at once. */
  lanes?: number;
  /** At most how many notices of one recipient one claim takes. */
  perRecipient?: number;
  /** How long a claim holds unrenewed: a dispatcher that dies lets go after this. */
  claimMs?: number;
  /** How often a claim in flight is renewed: before a send and during one, once this much passed. */
  renewEveryMs?: number;
  /** Longest a send of one Web API call may take, shorter than the claim; of n calls, n times it. */
  sendTimeoutMs?: number;
  /** How long a failing notice holds its recipient's later ones back. */
  holdMs?: number;
  /** Longest wait for a rate bucket inside a pass; a longer one lets the notice go until then. */
  maxWaitMs?: number;
  /** How long the loop sleeps when nothing more was due (100 ms). */
  pollMs?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Waits; tests pass one that moves their clock. */
  sleep?: (ms: number) => Promise<void>;
  onError?: (error: unknown) => void;
}

export interface DispatchReport {
  sent: number;
  retrying: number;
  parked: number;
  /** Let go unsent for a rate limit or a 429's pause, due again when it ends. */
  waiting: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

/**
 * Delivers the outbox. Each pass claims the notices of several recipients in one statement (those
 * someone is waiting for first) and sends each recipient's in the order written, the recipients
 * side by side; claims are renewed while their sends are in flight; a failing notice holds its
 * recipient's later ones back for at most `holdMs`; and every send waits for the platform's rate
 * buckets. State lives in the database, so a restarted dispatcher goes on where the last stopped.
 */
export class Dispatcher {
  private readonly claims: Claims;
  private readonly buckets: RateBuckets;
  private readonly addresses: Addresses;
  private readonly settling: Settling;
  private readonly lanes: number;
  private readonly claimMs: number;
  private readonly holdMs: number;
  private readonly maxWaitMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly renewEveryMs: number;
  /** Each claim in flight: how many of its lanes run, and when it was last renewed (clock ms). */
  private readonly inFlight = new Map<string, { lanes: number; renewedAt: number }>();
  /** Recipients with a lane in flight here. */
  private readonly busy = new Set<string>();
  private loop: Promise<void> | null = null;
  /** The claim in progress: claims are taken one at a time. */
  private passes: Promise<unknown> = Promise.resolve();
  /** Lanes in flight, from the loop and from `runOnce`. */
  private readonly running = new Set<Promise<void>>();
  private stopping = false;
  private wake: () => void = () => undefined;
  private announceStop: () => void = () => undefined;
  private readonly stopped = new Promise<void>((resolve) => (this.announceStop = resolve));

  constructor(
    private readonly store: Store,
    org: Organisation,
    private readonly clock: Clock,
    ports: DeliveryPort[],
    private readonly options: DispatcherOptions,
  ) {
    this.lanes = options.lanes ?? 16;
    this.claimMs = options.claimMs ?? 10_000;
    this.holdMs = options.holdMs ?? 60_000;
    const sendTimeoutMs = options.sendTimeoutMs ?? apiTimeoutMs + 1_000;
    this.renewEveryMs = options.renewEveryMs ?? Math.floor(this.claimMs / 4);
    this.maxWaitMs = options.maxWaitMs ?? 2_000;
    this.sleep = options.sleep ?? realSleep;
    this.claims = new Claims(store, clock, {
      owner: options.owner,
      claimMs: this.claimMs,
      perRecipient: options.perRecipient ?? 10,
    });
    this.buckets = new RateBuckets(store, clock, options.owner);
    this.addresses = new Addresses(store, org, ports);
    this.settling = new Settling(this.claims, this.buckets, clock, {
      sendTimeoutMs,
      holdMs: this.holdMs,
      maxAttempts: options.maxAttempts ?? 8,
      baseDelayMs: options.baseDelayMs ?? 5_000,
      maxDelayMs: options.maxDelayMs ?? 15 * 60_000,
      onError: options.onError,
    });
    if (sendTimeoutMs + this.renewEveryMs + this.maxWaitMs >= this.claimMs)
      throw new Error(
        'a claim must outlast a renewal interval, a bucket wait and a send (claimMs > renewEveryMs + maxWaitMs + sendTimeoutMs)',
      );
    // During a send the claim is renewed on a timer: the longest gap between two renewals is
    // half an interval more than one, which must end before the claim does.
    if (this.renewEveryMs * 2 >= this.claimMs)
      throw new Error('a claim must outlast two renewal intervals (claimMs > 2 × renewEveryMs)');
  }

  /**
   * One pass: claims what is due and delivers it to the end; returns what happened. What this
   * instance's loop has in flight finishes first, so passes never overlap.
   */
  async runOnce(): Promise<DispatchReport> {
    await this.passes;
    await Promise.all(this.running);
    const report: DispatchReport = { sent: 0, retrying: 0, parked: 0, waiting: 0 };
    const lanes = await this.claimInTurn();
    await Promise.all(lanes.map((lane) => this.launch(lane, report)));
    return report;
  }

  /**
   * Delivers until stopped. Passes never overlap: one loop claims, and claims again once half the
   * lanes are free when the last claim filled every free lane, else after `pollMs`.
   */
  start(): void {
    this.loop ??= this.serve();
  }

  /** Stops claiming, lets the sends in flight finish, and leaves the count of running instances. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    this.announceStop();
    await this.loop;
    this.loop = null;
    await this.buckets.leave().catch(() => undefined);
  }

  private async serve(): Promise<void> {
    const served: DispatchReport = { sent: 0, retrying: 0, parked: 0, waiting: 0 };
    while (!this.stopping) {
      let full = false;
      try {
        const free = this.lanes - this.busy.size;
        const lanes = await this.claimInTurn();
        full = free > 0 && lanes.length === free;
        for (const lane of lanes) void this.launch(lane, served);
      } catch (e) {
        this.options.onError?.(e);
      }
      if (this.stopping) break;
      // More is due: claim again once half the lanes are free, so each claim fills several.
      if (full) await this.lanesFree(Math.ceil(this.lanes / 2));
      else await Promise.race([this.stopped, realSleep(this.options.pollMs ?? 100)]);
    }
    await Promise.all(this.running);
  }

  /** Resolves once `count` lanes are free, or the loop stops. */
  private async lanesFree(count: number): Promise<void> {
    while (!this.stopping && this.lanes - this.busy.size < count)
      await new Promise<void>((resolve) => (this.wake = resolve));
  }

  /** Claims for the free lanes, one claim at a time in this instance. */
  private claimInTurn(): Promise<Lane[]> {
    const claimed = this.passes.then(async () => {
      await this.buckets.heartbeat();
      return this.claims.take(this.lanes - this.busy.size, this.busy);
    });
    this.passes = claimed.catch(() => undefined);
    return claimed;
  }

  private launch(lane: Lane, report: DispatchReport): Promise<void> {
    const done = this.run(lane, report).finally(() => {
      this.running.delete(done);
      this.wake();
    });
    this.running.add(done);
    return done;
  }

  /**
   * One recipient's notices in order. A failure lets the rest go, held behind it; once its hold
   * has run out, the ones behind it go on past it.
   */
  private async run(lane: Lane, report: DispatchReport): Promise<void> {
    this.enter(lane);
    try {
      const target = await this.addresses.targetOf(this.store.manager, lane.notices[0]);
      for (let i = 0; i < lane.notices.length; i++) {
        const notice = lane.notices[i];
        const until = target ? await this.waitForBuckets(lane.token, target) : 0;
        if (until > 0) {
          const rest = lane.notices.slice(i).map((n) => n.id);
          const hold = Math.min(until, this.clock.now().getTime() + this.holdMs);
          await this.claims.release(lane.token, rest, new Date(until), new Date(hold));
          report.waiting += rest.length;
          return;
        }
        const outcome: Outcome = await this.renewedWhile(
          lane.token,
          this.settling.deliver(lane.token, notice, target),
        );
        report[outcome]++;
        const holding = notice.holdsUntil === null || notice.holdsUntil >= this.clock.now();
        if (outcome === 'retrying' && holding) {
          await this.claims.release(
            lane.token,
            lane.notices.slice(i + 1).map((n) => n.id),
          );
          return;
        }
      }
    } catch (e) {
      // The database failed under this lane: its claims run out and another pass takes them.
      this.options.onError?.(e);
    } finally {
      this.leave(lane);
    }
  }

  /**
   * 0 when every bucket gave a token; else the instant (ms) to try again. The lane sleeps through
   * a short wait for an app-wide bucket, which every lane waits for alike; it lets go at once for
   * a wait on its recipient's own bucket, so its place goes to a recipient who need not wait.
   */
  private async waitForBuckets(token: string, target: Target): Promise<number> {
    for (;;) {
      await this.renewIfDue(token);
      const { wait, scope } = await this.buckets.take(target.limits);
      if (wait === 0) return 0;
      if (scope === 'recipient' || wait > this.maxWaitMs) return this.clock.now().getTime() + wait;
      await this.sleep(wait);
    }
  }

  /**
   * Keeps a claim renewed while one of its sends goes on: a send of several calls (a summary's
   * upload with its charts) may take longer than the rest of the claim.
   */
  private async renewedWhile<T>(token: string, send: Promise<T>): Promise<T> {
    const beat = setInterval(
      () => {
        this.renewIfDue(token).catch((e: unknown) => this.options.onError?.(e));
      },
      // Twice an interval: a tick a moment early finds the renewal not yet due.
      this.renewEveryMs / 2,
    );
    beat.unref();
    try {
      return await send;
    } finally {
      clearInterval(beat);
    }
  }

  /** Renews a claim once `renewEveryMs` of it has passed, before a send and while one goes on. */
  private async renewIfDue(token: string) {
    const claim = this.inFlight.get(token);
    const now = this.clock.now().getTime();
    if (!claim || now - claim.renewedAt < this.renewEveryMs) return;
    await this.claims.renew([token]);
    claim.renewedAt = now;
  }

  private enter(lane: Lane) {
    this.busy.add(laneOf({ recipientKind: lane.recipient.kind, recipient: lane.recipient.id }));
    const claim = this.inFlight.get(lane.token);
    if (claim) claim.lanes++;
    else this.inFlight.set(lane.token, { lanes: 1, renewedAt: this.clock.now().getTime() });
  }

  private leave(lane: Lane) {
    this.busy.delete(laneOf({ recipientKind: lane.recipient.kind, recipient: lane.recipient.id }));
    const claim = this.inFlight.get(lane.token);
    if (claim && --claim.lanes === 0) this.inFlight.delete(lane.token);
  }
}
