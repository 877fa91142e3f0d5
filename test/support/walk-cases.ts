import { randomBytes } from 'node:crypto';
import { accept } from '../../src/services/accept';
import { actorByKeyOrName } from '../../src/services/actors';
import { appeal, recordReview } from '../../src/services/review';
import { close } from '../../src/services/closure';
import { file } from '../../src/services/file';
import { rate, reply } from '../../src/services/reply';
import { registerPolicy } from '../../src/services/policy';
import { today, type Core } from '../../src/services/core';
import { writtenReply } from './world';

/**
 * R32: the cases (and the policy) the walk's scenes start from, each brought to its state by the
 * core itself.
 */

export const as = (core: Core, key: string) => actorByKeyOrName(core, key);

/** A new petition from hu.bin, about pay, so the HR department (zhao.min, yang.lei) has it. */
export async function filed(core: Core, mode: 'named' | 'confidential' = 'named') {
  const petition = await file(core, await as(core, 'hu.bin'), {
    categoryId: 'labour.salary',
    content: `走查 ${randomBytes(12).toString('hex')}`,
    mode,
    commitment: true,
  });
  return petition.number;
}

export async function accepted(core: Core, mode: 'named' | 'confidential' = 'named') {
  const number = await filed(core, mode);
  await accept(core, await as(core, 'zhao.min'), number, today(core));
  return number;
}

export async function replied(core: Core) {
  const number = await accepted(core);
  await reply(core, await as(core, 'zhao.min'), number, writtenReply(today(core)));
  return number;
}

export async function reviewed(core: Core) {
  const number = await replied(core);
  await appeal(core, await as(core, 'hu.bin'), number, '不服');
  await recordReview(core, await as(core, 'chen.jing'), number, {
    reviewers: ['周律师'],
    outcome: 'upheld',
    opinion: '维持',
  });
  return number;
}

export async function satisfied(core: Core) {
  const number = await replied(core);
  await rate(core, await as(core, 'hu.bin'), number, 'satisfied');
  return number;
}

export async function closed(core: Core) {
  const number = await satisfied(core);
  await close(core, await as(core, 'zhao.min'), number, '');
  return number;
}

/** The policy the last arrangement registered, which a link scene's answer names. */
let lastRegistered = '';

/** The policy the last arrangement registered. */
export const lastRegisteredPolicy = () => lastRegistered;

/** R17: HR's pay reform, registered by its head yang.lei, waiting for zhang.wei's sign-off. */
export async function registered(core: Core) {
  const policy = await registerPolicy(core, await as(core, 'yang.lei'), {
    title: `薪酬结构改革 ${randomBytes(4).toString('hex')}`,
    affectedGroups: '一线倒班职工',
    headCount: 320,
    riskPoints: '绩效工资占比提高，夜班收入可能下降',
    riskLevel: 'high',
    mitigation: '六个月过渡期，保底不低于改革前',
    effectiveOn: today(core),
  });
  lastRegistered = String(policy.id);
  return lastRegistered;
}
