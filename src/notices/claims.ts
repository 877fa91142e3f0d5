import { randomUUID } from 'node:crypto';
import { Brackets, type SelectQueryBuilder } from 'typeorm';
import type { Clock } from '../domain/clock';
import { NoticeEntity, type NoticeRow, type RecipientKind } from '../store/entities';
import type { Store } from '../store/store';

/** One recipient's notices in one claim, in the order they were written. */
export interface Lane {
  token: string;
  recipient: { kind: RecipientKind; id: string };
  notices: NoticeRow[];
}

export interface ClaimOptions {
  owner: string;
  claimMs: number;
  /** At most how many notices of one recipient a claim takes. */
  perRecipient: number;
}

const laneOf = (n: { recipientKind: string; recipient: string }) =>
  `${n.recipientKind}\u0000${n.recipient}`;

/**
 * The outbox's claims. A claim is one statement over a batch of notices, with a token of its
 * own: only its holder renews, settles or releases them, so a notice whose claim ran out and was
 * taken by another instance cannot be settled twice.
 *
 * Order: a recipient's notices go in the order written. A notice is claimable only when no
 * earlier one of its recipient is claimed by someone else, or failed less than a minute ago
 * (`holds_until`); each claim takes a recipient's claimable notices from the first on; and after
 * claiming, a recipient another live claim also holds is let go again. Of two claims committed
 * at once, the later always sees the earlier, so two instances never send one recipient's
 * notices side by side (both may let go; the next pass takes them).
 */
export class Claims {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly options: ClaimOptions,
  ) {}

  /** Claims the notices of up to `recipients` recipients, those someone waits for first. */
  async take(recipients: number, busy: ReadonlySet<string> = new Set()): Promise<Lane[]> {
    if (recipients <= 0) return [];
    const now = this.clock.now();
    const m = this.store.manager;
    const chosen = (await claimable(
      m
        .getRepository(NoticeEntity)
        .createQueryBuilder('n')
        .select('n.recipient_kind', 'kind')
        .addSelect('n.recipient', 'id')
        .addSelect('MIN(n.priority)', 'priority')
        .addSelect('MIN(n.id)', 'first_id'),
      now,
    )
      .groupBy('n.recipient_kind')
      .addGroupBy('n.recipient')
      .orderBy('priority')
      .addOrderBy('first_id')
      .limit(recipients + busy.size)
      .getRawMany()) as { kind: RecipientKind; id: string }[];
    const wanted = chosen
      .filter((r) => !busy.has(laneOf({ recipientKind: r.kind, recipient: r.id })))
      .slice(0, recipients);
    if (wanted.length === 0) return [];
    const rows = (await claimable(
      m
        .getRepository(NoticeEntity)
        .createQueryBuilder('n')
        .select(['n.id', 'n.recipientKind', 'n.recipient']),
      now,
    )
      .andWhere(amongRecipients(wanted))
      .orderBy('n.id')
      .getMany()) as Pick<NoticeRow, 'id' | 'recipientKind' | 'recipient'>[];
    const taken = new Map<string, number[]>();
    for (const row of rows) {
      const ids = taken.get(laneOf(row)) ?? [];
      if (ids.length < this.options.perRecipient) ids.push(row.id);
      taken.set(laneOf(row), ids);
    }
    const ids = [...taken.values()].flat();
    if (ids.length === 0) return [];
    const token = randomUUID();
    await this.store.transaction((tx) =>
      tx
        .createQueryBuilder()
        .update(NoticeEntity)
        .set({
          claimToken: token,
          claimedBy: this.options.owner,
          claimedUntil: new Date(now.getTime() + this.options.claimMs),
        })
        .where('id IN (:...ids)', { ids })
        .andWhere("state = 'pending' AND (claimed_until IS NULL OR claimed_until < :now)", { now })
        .execute(),
    );
    return this.keepInOrder(token, now);
  }

  /** Lanes of this claim whose recipient no other live claim holds, nor an earlier failure holds. */
  private async keepInOrder(token: string, now: Date): Promise<Lane[]> {
    const m = this.store.manager;
    const mine = await m
      .getRepository(NoticeEntity)
      .createQueryBuilder('n')
      .where("n.claim_token = :token AND n.state = 'pending'", { token })
      .orderBy('n.id')
      .getMany();
    if (mine.length === 0) return [];
    const lanes = new Map<string, Lane>();
    for (const notice of mine) {
      const lane = lanes.get(laneOf(notice)) ?? {
        token,
        recipient: { kind: notice.recipientKind, id: notice.recipient },
        notices: [],
      };
      lane.notices.push(notice);
      lanes.set(laneOf(notice), lane);
    }
    const others = await m
      .getRepository(NoticeEntity)
      .createQueryBuilder('n')
      .select(['n.id', 'n.recipientKind', 'n.recipient', 'n.claimedUntil', 'n.holdsUntil'])
      .where("n.state = 'pending' AND (n.claim_token IS NULL OR n.claim_token <> :token)", {
        token,
      })
      .andWhere('(n.claimed_until >= :now OR n.holds_until >= :now)', { now })
      .andWhere(amongRecipients([...lanes.values()].map((l) => l.recipient)))
      .getMany();
    const yielded: number[] = [];
    for (const other of others) {
      const lane = lanes.get(laneOf(other));
      if (!lane) continue;
      const claimedElsewhere = other.claimedUntil !== null && other.claimedUntil >= now;
      if (claimedElsewhere || other.id < lane.notices[0].id) {
        yielded.push(...lane.notices.map((n) => n.id));
        lanes.delete(laneOf(other));
      }
    }
    await this.release(token, yielded);
    return [...lanes.values()];
  }

  /** Keeps the claims of these tokens while their sends are in flight. */
  async renew(tokens: string[]): Promise<void> {
    if (tokens.length === 0) return;
    const until = new Date(this.clock.now().getTime() + this.options.claimMs);
    await this.store.transaction((tx) =>
      tx
        .createQueryBuilder()
        .update(NoticeEntity)
        .set({ claimedUntil: until })
        .where("claim_token IN (:...tokens) AND state = 'pending'", { tokens })
        .execute(),
    );
  }

  /** Records the outcome of a notice still in this claim; false when the claim was lost. */
  async settle(token: string, id: number, changes: Partial<NoticeRow>): Promise<boolean> {
    const result = await this.store.transaction((tx) =>
      tx
        .createQueryBuilder()
        .update(NoticeEntity)
        .set({ ...changes, claimToken: null, claimedBy: null, claimedUntil: null })
        .where('id = :id AND claim_token = :token', { id, token })
        .execute(),
    );
    return result.affected === 1;
  }

  /**
   * Lets notices go unsent and untried: due again at `notBefore` when given, and holding their
   * recipient's later notices back until `holdsUntil`, so none overtakes them meanwhile.
   */
  async release(token: string, ids: number[], notBefore?: Date, holdsUntil?: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.store.transaction((tx) =>
      tx
        .createQueryBuilder()
        .update(NoticeEntity)
        .set({
          claimToken: null,
          claimedBy: null,
          claimedUntil: null,
          ...(notBefore ? { notBefore } : {}),
          ...(holdsUntil ? { holdsUntil } : {}),
        })
        .where('id IN (:...ids) AND claim_token = :token', { ids, token })
        .execute(),
    );
  }
}

export { laneOf };

/** The notices `n` of a query that are due, unclaimed, and not behind an earlier one in flight. */
function claimable<T extends object>(q: SelectQueryBuilder<T>, now: Date): SelectQueryBuilder<T> {
  return q
    .where("n.state = 'pending' AND n.not_before <= :now", { now })
    .andWhere('(n.claimed_until IS NULL OR n.claimed_until < :now)', { now })
    .leftJoin(
      blockedFrom(now),
      'b',
      'b.recipient_kind = n.recipient_kind AND b.recipient = n.recipient',
    )
    .andWhere('(b.first_id IS NULL OR n.id <= b.first_id)');
}

/**
 * Per recipient, the first pending notice in flight (claimed) or failing (held): none of theirs
 * written after it is claimable (a held one itself is, once its retry is due). Found once per
 * recipient, for a join: asked of every notice as "is there an earlier one in flight" it was
 * quadratic in a recipient's backlog (1,180 notices waiting for each of two handlers after a
 * burst made a claim take 2.76 s).
 */
function blockedFrom(now: Date) {
  return (q: SelectQueryBuilder<NoticeRow>) =>
    q
      .select('e.recipient_kind', 'recipient_kind')
      .addSelect('e.recipient', 'recipient')
      .addSelect('MIN(e.id)', 'first_id')
      .from(NoticeEntity, 'e')
      .where("e.state = 'pending'")
      .andWhere('(e.claimed_until >= :now OR e.holds_until >= :now)', { now })
      .groupBy('e.recipient_kind')
      .addGroupBy('e.recipient');
}

/** `(recipient_kind, recipient)` among those given, as one condition per kind. */
function amongRecipients(recipients: { kind: RecipientKind; id: string }[]) {
  return new Brackets((qb) => {
    const kinds = [...new Set(recipients.map((r) => r.kind))];
    kinds.forEach((kind, i) => {
      const ids = recipients.filter((r) => r.kind === kind).map((r) => r.id);
      qb.orWhere(`(n.recipient_kind = :kind${i} AND n.recipient IN (:...ids${i}))`, {
        [`kind${i}`]: kind,
        [`ids${i}`]: ids,
      });
    });
  });
}
