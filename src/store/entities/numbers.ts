import { EntitySchema } from 'typeorm';
import { col } from './columns';

/**
 * R2: a range of case numbers one instance reserved for its filings. A block is closed once none
 * of its numbers will be handed out any more: every one is then a petition or void.
 */
export interface NumberBlock {
  id: number;
  /** The counter it was taken from: prefix and year, `XF-2026`. */
  name: string;
  firstValue: number;
  lastValue: number;
  /** The instance handing them out (`host:pid:…`). */
  holder: string;
  reservedAt: Date;
  /** The holder renews this while it lives; past it, another instance voids what is unused. */
  expiresAt: Date;
  closedAt: Date | null;
  /** R24: the HMAC of the range and whether it is closed, under AUDIT_SEAL_KEY. */
  seal: string | null;
}

export const NumberBlockEntity = new EntitySchema<NumberBlock>({
  name: 'NumberBlock',
  tableName: 'case_number_blocks',
  columns: {
    id: col.serial,
    name: col.text('name'),
    firstValue: col.int('first_value'),
    lastValue: col.int('last_value'),
    holder: col.text('holder'),
    reservedAt: col.instant('reserved_at'),
    expiresAt: col.instant('expires_at'),
    closedAt: col.instant('closed_at', true),
    seal: col.text('seal', true),
  },
});

/**
 * Why a taken number was never filed: its filing did not complete, or its holder stopped (or
 * died) before handing it out.
 */
export type VoidReason = 'not_filed' | 'unused';

/** R2, R24: numbers of a block recorded as never filed, so every taken number is accounted for. */
export interface NumberVoid {
  name: string;
  firstValue: number;
  lastValue: number;
  reason: VoidReason;
  voidedAt: Date;
  seal: string | null;
}

export const NumberVoidEntity = new EntitySchema<NumberVoid>({
  name: 'NumberVoid',
  tableName: 'case_number_voids',
  columns: {
    name: { ...col.text('name'), primary: true },
    firstValue: { ...col.int('first_value'), primary: true },
    lastValue: col.int('last_value'),
    reason: col.text('reason'),
    voidedAt: col.instant('voided_at'),
    seal: col.text('seal', true),
  },
});
