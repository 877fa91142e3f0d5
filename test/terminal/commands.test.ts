import { readFileSync } from 'node:fs';
import { commandsMarkdown, commandTable } from '../../adapters/shared/command-table';
import { commandWords, type CommandName } from '../../adapters/shared/commands';
import { interactionNames } from '../../adapters/shared/interactions';

describe('one table of commands', () => {
  test('R32 every command the adapters understand is in the table once, every step among them', () => {
    const names = commandTable.map((c) => c.name);
    expect([...names].sort()).toEqual((Object.keys(commandWords) as CommandName[]).sort());
    expect(new Set(names).size).toBe(names.length);
    for (const name of interactionNames) expect(names).toContain(name);
  });

  /** A Markdown table's rows as their cells, however Prettier pads them. */
  const cells = (table: string) =>
    table
      .trim()
      .split('\n')
      .map((row) =>
        row
          .split('|')
          .map((cell) => cell.trim().replace(/^-+$/, '---'))
          .join('|'),
      );

  test("R32 the README's list of commands is the table's", () => {
    const readme = readFileSync('README.md', 'utf8');
    const start = readme.indexOf('<!-- commands:start -->');
    const end = readme.indexOf('<!-- commands:end -->');
    expect(start).toBeGreaterThan(-1);
    const listed = readme.slice(start + '<!-- commands:start -->'.length, end).trim();
    expect(cells(listed)).toEqual(cells(commandsMarkdown()));
  });
});
