import { actorByKeyOrName } from '../../src/services/actors';
import type { Core } from '../../src/services/core';
import { file } from '../../src/services/file';

/** The lines of a list answer that name a case. */
export const casesIn = (text: string): string[] =>
  text.split('\n').filter((line) => /^XF-\d{4}-\d{6}/.test(line));

/** `count` suggestions filed by hu.bin: more than one page of his own list. */
export async function fileSuggestions(core: Core, count: number): Promise<void> {
  const huBin = await actorByKeyOrName(core, 'hu.bin');
  for (let i = 1; i <= count; i++) {
    await file(core, huBin, {
      categoryId: 'management.rules',
      content: `第 ${i} 条建议：食堂晚班供应热饭。`,
      commitment: true,
    });
  }
}
