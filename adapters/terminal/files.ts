import { mkdir, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { DeskFile } from '../../src/presenters/desk-file';
import type { TerminalContext } from './context';

/** R29: files the desk made (exports, charts), written where the terminal keeps them, paths printed. */
export async function writeFiles(ctx: TerminalContext, files: DeskFile[], said: string) {
  if (files.length === 0) return;
  await mkdir(ctx.outDir, { recursive: true });
  for (const file of files) {
    const path = resolve(ctx.outDir, file.name);
    await writeFile(path, file.data);
    ctx.say(ctx.t(said, { path }));
  }
}
