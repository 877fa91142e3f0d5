import { Readable, Writable } from 'node:stream';
import { TerminalSession } from '../../adapters/terminal/session';
import { AdjustableClock } from '../../src/domain/clock';
import { Translator } from '../../src/i18n/translator';
import { createCore } from '../../src/services/core';
import type { World } from '../support/world';

/** Runs the terminal adapter on the given input lines and returns everything it printed. */
export async function drive(
  world: World,
  input: string,
  startAs = 'hu.bin',
  outDir?: string,
): Promise<string> {
  const clock = new AdjustableClock(world.clock);
  let transcript = '';
  const output = new Writable({
    write(chunk, _encoding, done) {
      transcript += String(chunk);
      done();
    },
  });
  const session = new TerminalSession({
    core: createCore(world.store, world.core.org, clock),
    clock,
    translator: new Translator(world.core.org),
    input: Readable.from([input]),
    output,
    interactive: false,
    locale: 'zh-CN',
    startAs,
    outDir,
  });
  await session.run();
  return transcript;
}
