import { Between, MoreThan, type EntityManager } from 'typeorm';
import { blockSeal, voidSeal } from '../domain/audit-chain';
import { beforeBlocks, formatCaseNumber } from './number-format';
import { filedIn, inFlightMs } from './number-voids';
import {
  CaseCounterEntity,
  NumberBlockEntity,
  NumberVoidEntity,
  PetitionEntity,
  type NumberBlock,
} from './entities';

export type NumberProblem =
  | 'neither filed nor void'
  | 'not in a block'
  | 'counter behind its blocks'
  | 'block unsealed'
  | 'block seal broken'
  | 'void unsealed'
  | 'void seal broken';

export interface MissingNumber {
  number: string;
  problem: NumberProblem;
}

/** Blocks are read this many at a time, each with its petitions and voids. */
const batch = 100;

function blockProblem(block: NumberBlock, key: string | null): NumberProblem | null {
  if (!key) return null;
  // The numbers an earlier release gave out were never sealed; they are the counter's first.
  const migrated = block.holder === beforeBlocks && block.firstValue === 1 && block.closedAt;
  if (!block.seal) return migrated ? null : 'block unsealed';
  return block.seal === blockSeal(key, block) ? null : 'block seal broken';
}

/**
 * The first number of a block that was taken and is neither filed nor void. A number counts as
 * taken once a later number of the block was filed, or the block closed, more than a filing's
 * longest time before `now`: earlier, its filing may still be running.
 */
async function checkBlock(
  m: EntityManager,
  key: string | null,
  block: NumberBlock,
  now: Date,
): Promise<MissingNumber | null> {
  const { name, firstValue, lastValue } = block;
  const at = (value: number) => formatCaseNumber(name, value);
  const [filed, voids] = await Promise.all([
    filedIn(m, name, firstValue, lastValue),
    m.find(NumberVoidEntity, { where: { name, firstValue: Between(firstValue, lastValue) } }),
  ]);
  const accounted = new Set(filed.map((f) => f.value));
  for (const v of voids) {
    if (key && !v.seal) return { number: at(v.firstValue), problem: 'void unsealed' };
    if (key && v.seal !== voidSeal(key, v)) {
      return { number: at(v.firstValue), problem: 'void seal broken' };
    }
    for (let n = v.firstValue; n <= Math.min(v.lastValue, lastValue); n++) accounted.add(n);
  }
  const settled = now.getTime() - inFlightMs;
  const upTo =
    block.closedAt && block.closedAt.getTime() < settled
      ? lastValue
      : Math.max(
          firstValue - 1,
          ...filed.filter((f) => f.filedAt.getTime() < settled).map((f) => f.value),
        );
  for (let n = firstValue; n <= upTo; n++) {
    if (!accounted.has(n)) return { number: at(n), problem: 'neither filed nor void' };
  }
  return null;
}

/** R2, R24: one counter's blocks must follow each other from 1 up to the counter, each accounted for. */
async function checkCounter(
  m: EntityManager,
  key: string | null,
  name: string,
  counterValue: number,
  now: Date,
): Promise<MissingNumber | null> {
  let expected = 1;
  for (let after = 0; ;) {
    const blocks = await m.find(NumberBlockEntity, {
      where: { name, firstValue: MoreThan(after) },
      order: { firstValue: 'ASC' },
      take: batch,
    });
    if (blocks.length === 0) break;
    for (const block of blocks) {
      const number = formatCaseNumber(name, expected);
      if (block.firstValue !== expected) return { number, problem: 'not in a block' };
      const sealProblem = blockProblem(block, key);
      if (sealProblem) return { number, problem: sealProblem };
      const missing = await checkBlock(m, key, block, now);
      if (missing) return missing;
      expected = block.lastValue + 1;
    }
    after = blocks[blocks.length - 1].firstValue;
  }
  if (counterValue >= expected) {
    return { number: formatCaseNumber(name, expected), problem: 'not in a block' };
  }
  if (counterValue < expected - 1) {
    return {
      number: formatCaseNumber(name, counterValue + 1),
      problem: 'counter behind its blocks',
    };
  }
  // A petition numbered past every block was never given its number by the bot.
  const beyond = await m
    .getRepository(PetitionEntity)
    .createQueryBuilder('p')
    .select('p.number', 'number')
    .where('p.number LIKE :name AND p.number > :last', {
      name: `${name}-%`,
      last: formatCaseNumber(name, counterValue),
    })
    .orderBy('p.number')
    .limit(1)
    .getRawOne<{ number: string }>();
  return beyond ? { number: beyond.number, problem: 'not in a block' } : null;
}

/**
 * R2, R24: every case number ever taken is a petition or recorded as void, so a case deleted
 * with all its rows shows by its number; with the seal key, blocks and voids must carry seals
 * only the key can make, so neither can be moved or forged to cover a deletion.
 */
export async function verifyCaseNumbers(
  m: EntityManager,
  key: string | null,
  now: Date,
): Promise<MissingNumber | null> {
  const counters = await m.find(CaseCounterEntity, { order: { name: 'ASC' } });
  for (const counter of counters) {
    const missing = await checkCounter(m, key, counter.name, Number(counter.lastValue), now);
    if (missing) return missing;
  }
  return null;
}
