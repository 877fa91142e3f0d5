import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Between, IsNull, LessThan, type EntityManager } from 'typeorm';
import { blockSeal, voidSeal } from '../domain/audit-chain';
import { isDuplicateKey } from './duplicate-key';
import {
  CaseCounterEntity,
  NumberBlockEntity,
  NumberVoidEntity,
  PetitionEntity,
  type NumberBlock,
  type VoidReason,
} from './entities';
import type { Store } from './store';

/** R2: `XF-2026-000042`, from the counter `XF-2026` (the prefix from the organisation file). */
export function formatCaseNumber(counter: string, value: number): string {
  return `${counter}-${String(value).padStart(6, '0')}`;
}

export function counterOf(prefix: string, year: number): string {
  return `${prefix}-${year}`;
}

/** The holder of the numbers an earlier release gave out from its one counter row (migrated). */
export const beforeBlocks = 'before number blocks';

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
  /** ...and double, up to this, while each is used up within `busyMs` of its reservation. */
  largestSize: number;
  busyMs: number;
}

const defaults: NumberBlockOptions = {
  leaseMs: 120_000,
  firstSize: 10,
  largestSize: 500,
  busyMs: 60_000,
};

/**
 * No filing takes longer than this: a number taken this long before one filed after it, and
 * neither filed nor void, is not in flight but missing (the verification and the voiding of a
 * dead holder's numbers both rely on it).
 */
export const inFlightMs = 5 * 60_000;

interface Held {
  block: NumberBlock;
  /** The next value to hand out; past `lastValue` the block is used up. */
  next: number;
}

const seconds = (at: Date) => new Date(Math.floor(at.getTime() / 1000) * 1000);

function sealed(block: NumberBlock, key: string | null): NumberBlock {
  return { ...block, seal: key ? blockSeal(key, block) : null };
}

/** The numbers of `counter` filed in [first, last]: their values and when they were filed. */
export async function filedIn(
  m: EntityManager,
  counter: string,
  first: number,
  last: number,
): Promise<{ value: number; filedAt: Date }[]> {
  const rows = await m.find(PetitionEntity, {
    select: { number: true, filedAt: true },
    where: { number: Between(formatCaseNumber(counter, first), formatCaseNumber(counter, last)) },
  });
  return rows.map((r) => ({
    value: Number(r.number.slice(counter.length + 1)),
    filedAt: r.filedAt,
  }));
}

/** Consecutive runs of the values in [first, last] that are in neither list. */
function unaccounted(first: number, last: number, taken: Set<number>): [number, number][] {
  const runs: [number, number][] = [];
  for (let v = first; v <= last; v++) {
    if (taken.has(v)) continue;
    const run = runs.at(-1);
    if (run && run[1] === v - 1) run[1] = v;
    else runs.push([v, v]);
  }
  return runs;
}

/** Records [first, last] of `counter` as void; a range voided already stays as it was. */
async function addVoid(
  m: EntityManager,
  key: string | null,
  counter: string,
  [first, last]: [number, number],
  reason: VoidReason,
  now: Date,
): Promise<void> {
  const row = { name: counter, firstValue: first, lastValue: last, reason, voidedAt: seconds(now) };
  try {
    await m.insert(NumberVoidEntity, { ...row, seal: key ? voidSeal(key, row) : null });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
  }
}

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
      await this.store.transaction((m) => this.close(m, held));
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
    const expiresAt = seconds(new Date(this.now().getTime() + this.options.leaseMs));
    const result = await this.store.transaction((m) =>
      m.update(NumberBlockEntity, { id: held.block.id, closedAt: IsNull() }, { expiresAt }),
    );
    if (result.affected === 1) {
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
    const reservation = this.reserveBlock(counter).finally(() => this.reserving.delete(counter));
    this.reserving.set(counter, reservation);
    return reservation;
  }

  private async reserveBlock(counter: string): Promise<void> {
    await ensureCounter(this.store, counter);
    await voidAbandoned(this.store, this.now(), this.options.leaseMs);
    const previous = this.held.get(counter);
    const now = this.now();
    const busy =
      previous !== undefined &&
      now.getTime() - previous.block.reservedAt.getTime() < this.options.busyMs;
    const lastSize = this.sizes.get(counter) ?? 0;
    const size = busy ? Math.min(lastSize * 2, this.options.largestSize) : this.options.firstSize;
    const key = this.store.sealKey;
    const block = await this.store.transaction(async (m) => {
      if (previous) await this.close(m, previous);
      const lastValue = await bumpCounter(this.store, m, counter, size);
      const reserved = sealed(
        {
          id: 0,
          name: counter,
          firstValue: lastValue - size + 1,
          lastValue,
          holder: this.holder,
          reservedAt: seconds(now),
          expiresAt: seconds(new Date(now.getTime() + this.options.leaseMs)),
          closedAt: null,
          seal: null,
        },
        key,
      );
      const { id: _id, ...row } = reserved;
      const { identifiers } = await m.insert(NumberBlockEntity, row);
      return { ...reserved, id: identifiers[0].id as number };
    });
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

  /**
   * Closes a block: values never handed out go back to the counter if no block was reserved
   * after this one (no gap at all), or else are voided as unused. A block another instance
   * closed meanwhile (it took this one for dead) is left as that instance closed it.
   */
  private async close(m: EntityManager, held: Held): Promise<void> {
    const { block } = held;
    const closedAt = seconds(this.now());
    const claimed = await m.update(
      NumberBlockEntity,
      { id: block.id, closedAt: IsNull() },
      { closedAt },
    );
    if (claimed.affected !== 1) return;
    let lastValue = block.lastValue;
    if (held.next <= block.lastValue) {
      const givenBack = await m
        .createQueryBuilder()
        .update(CaseCounterEntity)
        .set({ lastValue: held.next - 1 })
        .where('name = :name AND last_value = :last', { name: block.name, last: block.lastValue })
        .execute();
      if (givenBack.affected === 1) lastValue = held.next - 1;
      else {
        const unused: [number, number] = [held.next, block.lastValue];
        await addVoid(m, this.store.sealKey, block.name, unused, 'unused', closedAt);
      }
    }
    if (lastValue < block.firstValue) {
      await m.delete(NumberBlockEntity, { id: block.id });
      return;
    }
    const { seal } = sealed({ ...block, lastValue, closedAt }, this.store.sealKey);
    await m.update(NumberBlockEntity, { id: block.id }, { lastValue, seal });
  }
}

/** The counters known to exist, per database: a row once there is never removed. */
const ensured = new WeakMap<Store, Set<string>>();

/**
 * Makes sure the year's counter row exists, in a transaction of its own, so two instances
 * reserving the first block of a year never both insert it. Once seen, not asked for again.
 */
async function ensureCounter(store: Store, name: string): Promise<void> {
  const known = ensured.get(store) ?? new Set<string>();
  ensured.set(store, known);
  if (known.has(name)) return;
  await store.transaction((m) =>
    m
      .createQueryBuilder()
      .insert()
      .into(CaseCounterEntity)
      .values({ name, lastValue: 0 })
      .orUpdate(['name'], ['name'])
      .execute(),
  );
  known.add(name);
}

/**
 * Moves the counter past a new block and returns its last value, in the reservation's one
 * UPDATE (LAST_INSERT_ID on MySQL, RETURNING on SQLite). On a Galera cluster two nodes reserving
 * at once conflict here, in a transaction short enough to run again at once.
 */
async function bumpCounter(
  store: Store,
  m: EntityManager,
  name: string,
  size: number,
): Promise<number> {
  if (store.kind === 'mysql') {
    const result = (await m.query(
      'UPDATE case_counters SET last_value = LAST_INSERT_ID(last_value + ?) WHERE name = ?',
      [size, name],
    )) as { affectedRows: number; insertId: number };
    if (result.affectedRows !== 1) throw new Error(`case counter ${name} is missing`);
    return Number(result.insertId);
  }
  const rows = (await m.query(
    'UPDATE case_counters SET last_value = last_value + ? WHERE name = ? RETURNING last_value',
    [size, name],
  )) as { last_value: number }[];
  if (rows.length !== 1) throw new Error(`case counter ${name} is missing`);
  return Number(rows[0].last_value);
}

/**
 * R2, R24: the blocks of holders that stopped renewing (a crashed or killed instance) are closed,
 * and their numbers neither filed nor void are voided as unused: those after the last number
 * the holder filed before it could still have had filings in flight. An earlier number missing
 * is left for the verification to report: no filing was in flight for it, so its case is gone.
 * Returns how many numbers were voided.
 */
export async function voidAbandoned(
  store: Store,
  now: Date,
  leaseMs = defaults.leaseMs,
): Promise<number> {
  const abandoned = await store.manager.find(NumberBlockEntity, {
    where: { closedAt: IsNull(), expiresAt: LessThan(now) },
  });
  let voided = 0;
  for (const block of abandoned) {
    voided += await store.transaction(async (m) => {
      const claimed = await m.update(
        NumberBlockEntity,
        { id: block.id, closedAt: IsNull(), expiresAt: LessThan(now) },
        { closedAt: seconds(now) },
      );
      if (claimed.affected !== 1) return 0;
      const lastAlive = block.expiresAt.getTime() - leaseMs;
      const filed = await filedIn(m, block.name, block.firstValue, block.lastValue);
      const settled = filed.filter((f) => f.filedAt.getTime() < lastAlive - inFlightMs);
      const from = Math.max(block.firstValue - 1, ...settled.map((f) => f.value)) + 1;
      const voids = await m.find(NumberVoidEntity, {
        where: { name: block.name, firstValue: Between(block.firstValue, block.lastValue) },
      });
      const accounted = new Set(filed.map((f) => f.value));
      for (const v of voids) for (let n = v.firstValue; n <= v.lastValue; n++) accounted.add(n);
      const runs = unaccounted(from, block.lastValue, accounted);
      for (const run of runs) await addVoid(m, store.sealKey, block.name, run, 'unused', now);
      const closed = sealed({ ...block, closedAt: seconds(now) }, store.sealKey);
      await m.update(NumberBlockEntity, { id: block.id }, { seal: closed.seal });
      return runs.reduce((sum, [a, b]) => sum + b - a + 1, 0);
    });
  }
  return voided;
}
