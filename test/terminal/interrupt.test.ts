import { PassThrough, Writable } from 'node:stream';
import { TerminalSession } from '../../adapters/terminal/session';
import { AdjustableClock } from '../../src/domain/clock';
import { Translator } from '../../src/i18n/translator';
import { createCore } from '../../src/services/core';
import { PetitionEntity } from '../../src/store/entities';
import { eachDatabase } from '../support/databases';
import { World } from '../support/world';

/**
 * hu.bin's terminal session on `input` (and on `reopen`'s stream once that ends), with what it
 * has written so far.
 */
function sessionOn(world: World, input: PassThrough, reopen?: () => PassThrough) {
  let transcript = '';
  const output = new Writable({
    write(chunk, _encoding, done) {
      transcript += String(chunk);
      done();
    },
  });
  const clock = new AdjustableClock(world.clock);
  const session = new TerminalSession({
    core: createCore(world.store, world.core.org, clock),
    clock,
    translator: new Translator(world.core.org),
    input,
    output,
    interactive: false,
    locale: 'zh-CN',
    startAs: 'hu.bin',
    reopen,
  });
  const shown = async (text: string) => {
    while (!transcript.includes(text)) await new Promise((r) => setImmediate(r));
  };
  return { session, shown, transcript: () => transcript };
}

eachDatabase('the terminal and Ctrl-C', (db) => {
  test('Ctrl-C in a form cancels the form and the chat goes on; at the prompt it ends the chat', async () => {
    const world = await World.open(db());
    const input = new PassThrough();
    const { session, shown, transcript } = sessionOn(world, input);
    const running = session.run();
    input.write('file\n1\n');
    await shown('诉求内容：');
    expect(session.interrupt()).toBe(true);
    await shown('已取消，未保存任何内容。');
    input.write('whoami\n');
    await shown('whoami\n您现在是 胡斌（员工）。\n胡斌（员工）> ');
    expect(session.interrupt()).toBe(true);
    await running;
    expect(transcript().trimEnd().endsWith('再见。')).toBe(true);
    expect(await world.store.manager.count(PetitionEntity)).toBe(0);
  });

  test('R25 Ctrl-D in a form cancels the form and the chat reads on from the terminal; Ctrl-D at the prompt ends the chat', async () => {
    const world = await World.open(db());
    const first = new PassThrough();
    const second = new PassThrough();
    const { session, shown, transcript } = sessionOn(world, first, () => second);
    const running = session.run();
    const filed = await world.store.manager.count(PetitionEntity);
    first.write('file\n1\n');
    await shown('诉求内容：');
    // Ctrl-D at a terminal: the stream ends.
    first.end();
    await shown('已取消，未保存任何内容。');
    second.write('whoami\n');
    await shown('whoami\n您现在是 胡斌（员工）。\n胡斌（员工）> ');
    second.end();
    await running;
    expect(transcript().trimEnd().endsWith('再见。')).toBe(true);
    expect(await world.store.manager.count(PetitionEntity)).toBe(filed);
  });
});
