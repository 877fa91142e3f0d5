import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { wholeSecond } from '../domain/audit-chain';
import { closeBlock, ensureCounter, reserveBlock, type Held } from './number-blocks';
import { formatCaseNumber } from './number-format';
import { addVoid, defaultLeaseMs, renewLease, voidAbandoned } from './number-voids';
import type { Store } from './store';

/** A number handed to one filing; settled once the filing committed or gave up. */
export interface TakenNumber {
  counter: string;
  value: number;
  number: string;
}

export interface NumberBlockOptions {
  /** How long a block counts as its holder's without being renewed. */
  leaseMs: number;
  /** Blocks start this small, so a restart or a crash leaves few numbers void... */
  firstSize: number;
  /**
   * ...and, while each is used up within `busyMs` of its reservation, the next is twice the last
   * and up to half as many again, drawn at random, up to this. Instances that file at the same
   * pace (one load balancer in front of them) would otherwise use their blocks up, and reserve
   * the next on the one counter row, at the same moments: on a Galera cluster, a certification
   * conflict at every reservation.
   */
  largestSize: number;
  busyMs: number;
}

const defaults: NumberBlockOptions = {
  leaseMs: defaultLeaseMs,
  firstSize: 10,
  largestSize: 500,
  busyMs: 60_000,
};

/**
 * R2, R26: case numbers handed out by this instance from blocks it reserves, each in a short
 * transaction of its own, so a filing takes its number from memory and no filing of any instance
 * waits on another's counter row (on a Galera cluster, a hot row every node writes is a
 * certification conflict at every commit). Every number a block holds ends as a petition or void:
 * a filing that does not complete voids its number, a clean stop gives the unused rest back (or
 * voids it when another block was reserved after), and the unused numbers of a holder that died
 * are voided by another instance once its lease ran out (`voidAbandoned`, at start-up, before
 * each reservation and with each renewal).
 */
export class CaseNumbers {
  /** This instance, as the blocks name their holder. */
  readonly holder = `${hostname()}:${process.pid}:${randomUUID()}`;
  private readonly options: NumberBlockOptions;
  private readonly held = new Map<string, Held>();
  private readonly reserving = new Map<string, Promise<void>>();
  private readonly sizes = new Map<string, number>();
  /** Numbers handed out whose filing has not settled yet: a stop waits for them. */
  private outstanding = 0;
  /** Numbers whose filing failed and whose void could not be written then. */
  private readonly unsettled: TakenNumber[] = [];
  private stopped = false;
  private released: Promise<void> | undefined;
  private renewal: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly now: () => Date,
    options: Partial<NumberBlockOptions> = {},
  ) {
    this.options = { ...defaults, ...options };
  }

  /** The next number of `counter` for a filing, which must `settle` it. */
  async take(counter: string): Promise<TakenNumber> {
    if (this.stopped) throw new Error('case numbers are no longer handed out: the bot is stopping');
    for (;;) {
      const held = this.held.get(counter);
      if (held && held.next <= held.block.lastValue && (await this.stillHeld(held))) {
        // Checked again: other filings may have taken the rest while this one waited.
        if (held.next > held.block.lastValue || this.held.get(counter) !== held) continue;
        const value = held.next++;
        this.outstanding++;
        return { counter, value, number: formatCaseNumber(counter, value) };
      }
      await this.reserve(counter);
    }
  }

  /**
   * After the filing: a number whose filing did not commit is recorded as void. If even that
   * fails (the database is gone), the stop voids it.
   */
  async settle(taken: TakenNumber, filed: boolean): Promise<void> {
    this.outstanding--;
    if (filed) return;
    try {
      await this.voidNotFiled(taken);
    } catch {
      this.unsettled.push(taken);
    }
  }

  private voidNotFiled({ counter, value }: TakenNumber): Promise<void> {
    const key = this.store.sealKey;
    return this.store.transaction((m) =>
      addVoid(m, key, counter, [value, value], 'not_filed', this.now()),
    );
  }

  /**
   * A clean stop: once the filings in flight have settled, each block's numbers never handed
   * out go back to the counter when no block was reserved after it, or are voided, and the
   * block is closed.
   */
  release(): Promise<void> {
    this.released ??= this.giveBack();
    return this.released;
  }

  private async giveBack(): Promise<void> {
    this.stopped = true;
    if (this.renewal) clearInterval(this.renewal);
    for (let waited = 0; this.outstanding > 0 && waited < 30_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (const taken of this.unsettled.splice(0)) await this.voidNotFiled(taken);
    for (const held of this.held.values()) {
      await this.store.transaction((m) => closeBlock(this.store, m, held, this.now()));
    }
    this.held.clear();
  }

  /** A block close to its lease's end is renewed before a number of it is handed out. */
  private async stillHeld(held: Held): Promise<boolean> {
    const left = held.block.expiresAt.getTime() - this.now().getTime();
    return left > this.options.leaseMs / 2 || this.renew(held);
  }

  /** Extends the block's lease; a block another instance voided meanwhile is let go. */
  private async renew(held: Held): Promise<boolean> {
    const expiresAt = wholeSecond(new Date(this.now().getTime() + this.options.leaseMs));
    if (await renewLease(this.store, held.block, expiresAt)) {
      held.block.expiresAt = expiresAt;
      return true;
    }
    this.held.delete(held.block.name);
    return false;
  }

  /** One reservation at a time per counter; concurrent filings wait for it. */
  private reserve(counter: string): Promise<void> {
    const running = this.reserving.get(counter);
    if (running) return running;
    const reservation = this.reserveNext(counter).finally(() => this.reserving.delete(counter));
    this.reserving.set(counter, reservation);
    return reservation;
  }

  private async reserveNext(counter: string): Promise<void> {
    await ensureCounter(this.store, counter);
    await voidAbandoned(this.store, this.now(), this.options.leaseMs);
    const previous = this.held.get(counter);
    const now = this.now();
    const busy =
      previous !== undefined &&
      now.getTime() - previous.block.reservedAt.getTime() < this.options.busyMs;
    const lastSize = this.sizes.get(counter) ?? 0;
    const grown = lastSize * 2 + Math.floor(Math.random() * (lastSize / 2 + 1));
    const size = busy ? Math.min(grown, this.options.largestSize) : this.options.firstSize;
    const { holder } = this;
    const { leaseMs } = this.options;
    const block = await reserveBlock(this.store, { counter, holder, now, leaseMs, size }, previous);
    this.sizes.set(counter, size);
    this.held.set(counter, { block, next: block.firstValue });
    this.renewal ??= setInterval(
      () => void this.renewAll().catch(() => undefined),
      this.options.leaseMs / 4,
    ).unref();
  }

  /**
   * The holder's open blocks stay its own while it lives, and the blocks of holders that died
   * meanwhile are voided: an instance restarted within a dead one's lease does it once it ran out.
   */
  private async renewAll(): Promise<void> {
    for (const held of [...this.held.values()]) await this.renew(held);
    await voidAbandoned(this.store, this.now(), this.options.leaseMs);
  }
}
