import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/**
 * The layer order (README, "Architecture") is the project's own dependency-cruiser config, run the
 * way `npm run lint` runs it, on small trees laid out like the project.
 */
const root = resolve(__dirname, '../..');
const cli = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

type Tree = Record<string, string[]>;

/** A tree that keeps the order: each file imports the files (or packages) listed for it. */
const layered: Tree = {
  'src/calendar/local-date.ts': [],
  'src/logger.ts': [],
  'src/http/server.ts': ['src/logger.ts'],
  'src/domain/petition.ts': ['src/calendar/local-date.ts'],
  'src/config/org.ts': ['src/domain/petition.ts'],
  'src/i18n/translator.ts': ['src/config/org.ts'],
  'src/store/store.ts': ['src/config/org.ts', 'src/logger.ts', 'migrations/index.ts'],
  'src/notices/outbox.ts': ['src/store/store.ts', 'src/i18n/translator.ts'],
  'src/services/file.ts': ['src/notices/outbox.ts', 'src/store/store.ts'],
  'src/jobs/reminders.ts': ['src/services/file.ts', 'src/http/server.ts'],
  'src/presenters/case-document.ts': ['src/services/file.ts', 'src/i18n/translator.ts'],
  'src/boot.ts': ['src/store/store.ts', 'src/http/server.ts', 'src/config/org.ts'],
  'adapters/shared/actions.ts': ['src/services/file.ts'],
  'adapters/slack/app.ts': ['adapters/shared/actions.ts', 'src/jobs/reminders.ts', '@slack/bolt'],
  'adapters/lark/app.ts': ['adapters/shared/actions.ts', '@larksuiteoapi/node-sdk'],
  'adapters/start.ts': ['adapters/slack/app.ts', 'adapters/lark/app.ts', 'src/boot.ts'],
  'scripts/archive.ts': ['src/presenters/case-document.ts', 'src/store/store.ts', 'src/boot.ts'],
  'migrations/1764201600000-InitialSchema.ts': [],
  'migrations/index.ts': ['migrations/1764201600000-InitialSchema.ts'],
};

/** One wrong import each, added to the layered tree, with the rule it must break. */
const wrong: { rule: string; file: string; imports: string }[] = [
  {
    rule: 'src-folders-are-layers',
    file: 'src/reports/weekly.ts',
    imports: 'src/calendar/local-date.ts',
  },
  {
    rule: 'adapters-never-touch-the-store',
    file: 'adapters/terminal/inbox.ts',
    imports: 'src/store/store.ts',
  },
  {
    rule: 'domain-imports-only-calendar',
    file: 'src/domain/deadlines.ts',
    imports: 'src/services/file.ts',
  },
  { rule: 'store-below-notices', file: 'src/store/audit.ts', imports: 'src/notices/outbox.ts' },
  {
    rule: 'notices-below-services',
    file: 'src/notices/render.ts',
    imports: 'src/jobs/reminders.ts',
  },
  {
    rule: 'services-below-jobs',
    file: 'src/services/home.ts',
    imports: 'src/presenters/case-document.ts',
  },
  {
    rule: 'presenters-not-jobs',
    file: 'src/presenters/catalogue.ts',
    imports: 'src/jobs/reminders.ts',
  },
  {
    rule: 'src-never-imports-a-chat-sdk',
    file: 'src/services/slack-post.ts',
    imports: '@slack/bolt',
  },
  {
    rule: 'services-below-jobs',
    file: 'src/services/relay.ts',
    imports: 'adapters/shared/actions.ts',
  },
  {
    rule: 'platforms-never-import-each-other',
    file: 'adapters/lark/cards.ts',
    imports: 'adapters/slack/app.ts',
  },
  {
    rule: 'shared-below-platforms',
    file: 'adapters/shared/forms.ts',
    imports: 'adapters/lark/app.ts',
  },
  {
    rule: 'migrations-import-migrations',
    file: 'migrations/1764288000000-Next.ts',
    imports: 'src/domain/petition.ts',
  },
];

/** Two services that import each other. */
const cycle: Tree = {
  'src/services/accept.ts': ['src/services/routing.ts'],
  'src/services/routing.ts': ['src/services/accept.ts'],
};

function specifier(from: string, to: string): string {
  if (!/^(src|adapters|scripts|migrations)\//.test(to)) return to;
  const relative = join(
    ...dirname(from)
      .split('/')
      .map(() => '..'),
    to.replace(/\.ts$/, ''),
  );
  return relative.startsWith('.') ? relative : `./${relative}`;
}

interface Violation {
  rule: string;
  from: string;
  to: string;
  cycle?: { name: string }[];
}

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Writes the tree into a fresh directory, with the project's packages beside it. */
function layout(tree: Tree): string {
  const dir = mkdtempSync(join(tmpdir(), 'layers-'));
  made.push(dir);
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16' } }),
  );
  for (const [file, imports] of Object.entries(tree)) {
    mkdirSync(join(dir, dirname(file)), { recursive: true });
    const lines = imports.map((to, i) => `import * as m${i} from '${specifier(file, to)}';`);
    writeFileSync(
      join(dir, file),
      [...lines, `export const used = [${lines.map((_, i) => `m${i}`)}];`].join('\n'),
    );
  }
  return dir;
}

/** The lint step as package.json runs it, in `dir`; `json` asks for the report instead. */
function lint(dir: string, json = false) {
  const folders = ['src', 'adapters', 'scripts', 'migrations'];
  const config = ['--config', join(root, '.dependency-cruiser.cjs')];
  const output = json ? ['--output-type', 'json'] : [];
  return spawnSync(process.execPath, [cli, ...folders, ...config, ...output], {
    cwd: dir,
    encoding: 'utf8',
  });
}

function violations(dir: string): Violation[] {
  const report = JSON.parse(lint(dir, true).stdout) as {
    summary: { violations: (Violation & { rule: { name: string } })[] };
  };
  return report.summary.violations.map((v) => ({ ...v, rule: v.rule.name }));
}

describe('the layer order is enforced by npm run lint', () => {
  let broken: string;
  let found: Violation[];
  beforeAll(() => {
    const tree: Tree = { ...layered, ...cycle };
    for (const w of wrong) tree[w.file] = [w.imports];
    broken = layout(tree);
    found = violations(broken);
  });

  test('a tree laid out in the order passes', () => {
    const dir = layout(layered);
    expect(violations(dir)).toEqual([]);
    expect(lint(dir).status).toBe(0);
  });

  test.each(wrong)('$file importing $imports breaks $rule', ({ rule, file, imports }) => {
    const mine = found.filter((v) => v.from === file);
    expect(mine.map((v) => v.rule)).toEqual([rule]);
    expect(mine[0].to).toContain(imports.startsWith('@') ? `node_modules/${imports}/` : imports);
  });

  test('two services importing each other break no-circular', () => {
    const cycles = found.filter((v) => v.rule === 'no-circular');
    expect(cycles).toHaveLength(1);
    expect(cycles[0].cycle?.map((m) => m.name).sort()).toEqual(Object.keys(cycle).sort());
  });

  test('a wrong import fails the lint step, and nothing right is reported', () => {
    expect(found).toHaveLength(wrong.length + 1);
    const run = lint(broken);
    expect(run.status).not.toBe(0);
    expect(run.stdout).toContain('adapters-never-touch-the-store: adapters/terminal/inbox.ts');
  });
});
