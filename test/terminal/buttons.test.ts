import { accept } from '../../src/services/accept';
import { today } from '../../src/services/core';
import { rate, reply } from '../../src/services/reply';
import { appeal, recordReview } from '../../src/services/review';
import { transfer } from '../../src/services/routing';
import { eachDatabase } from '../support/databases';
import { World, writtenReply } from '../support/world';
import { drive } from './drive';

eachDatabase('R32 buttons only where they may be used', (db) => {
  let world: World;
  beforeAll(async () => {
    world = await World.open(db());
  });

  /** The numbered choices shown under the notice that contains `words`. */
  const choicesUnder = (transcript: string, words: string) => {
    const from = transcript.indexOf(words);
    expect(from).toBeGreaterThan(-1);
    const rest = transcript.slice(from).split('\n').slice(1);
    return rest.filter((_, i) => rest.slice(0, i + 1).every((l) => /^ {2}\d+\) /.test(l)));
  };

  test('R32 R13 the review result reaches the handler without the petitioner’s 申请复核 button', async () => {
    const { number } = await world.file('hu.bin');
    await accept(world.core, await world.as('zhao.min'), number, today(world.core));
    await reply(world.core, await world.as('zhao.min'), number, writtenReply(today(world.core)));
    await rate(world.core, await world.as('hu.bin'), number, 'unsatisfied');
    await appeal(world.core, await world.as('hu.bin'), number, '不服');
    await recordReview(world.core, await world.as('chen.jing'), number, {
      reviewers: ['周律师'],
      outcome: 'upheld',
      opinion: '维持',
    });
    const handler = await drive(world, 'whoami\n', 'zhao.min');
    expect(choicesUnder(handler, `[消息] ${number} 复查结论`).join()).not.toContain('申请复核');
    const petitioner = await drive(world, 'whoami\n', 'hu.bin');
    expect(choicesUnder(petitioner, `[消息] ${number} 复查结论`).join()).toContain('申请复核');
  });

  test('R32 a transfer notice of a case in progress offers no 受理 or 不予受理', async () => {
    const { number } = await world.file('hu.bin');
    await accept(world.core, await world.as('zhao.min'), number, today(world.core));
    await transfer(world.core, await world.as('zhao.min'), number, 'finance', '属财务部职责');
    const out = await drive(world, 'whoami\n', 'huang.qiang');
    const choices = choicesUnder(out, `[消息] ${number} 已转至`).join();
    expect(choices).toContain('查看');
    expect(choices).not.toMatch(/受理/);
  });
});
