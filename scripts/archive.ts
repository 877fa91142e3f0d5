import 'dotenv/config';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase, refuseUnmigrated } from '../src/boot';
import { ConfigError } from '../src/config/config-error';
import { loadEnv } from '../src/config/env';
import { identityKeyFor } from '../src/config/identity-key';
import { loadOrganisation } from '../src/config/org';
import { systemClock } from '../src/domain/clock';
import type { Locale } from '../src/domain/people';
import { Refusal } from '../src/domain/refusal';
import { Translator } from '../src/i18n/translator';
import { actorByKeyOrName } from '../src/services/actors';
import { placeLegalHold, recordPaperCopy, releaseLegalHold } from '../src/services/archive';
import { caseDocument, yearCatalogue } from '../src/presenters/case-document';
import { createCore } from '../src/services/core';
import { Store } from '../src/store/store';

/** The archive steps a person takes from here, each a core use case. */
const steps: Record<string, { name: string; run: typeof recordPaperCopy } | undefined> = {
  paper: { name: 'recordPaperCopy', run: recordPaperCopy },
  hold: { name: 'placeLegalHold', run: placeLegalHold },
  release: { name: 'releaseLegalHold', run: releaseLegalHold },
};

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      as: { type: 'string' },
      lang: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const [command, subject, text] = positionals;
  const env = loadEnv(process.env);
  const org = loadOrganisation(env.ORG_CONFIG);
  const locale: Locale = values.lang === 'en' ? 'en' : values.lang ? 'zh-CN' : env.BOT_LOCALE;
  const t = new Translator(org);
  const as = values.as;
  const wellFormed = command !== 'year' || (/^\d{4}$/.test(subject ?? '') && values.out);
  if (!command || !subject || !as || !wellFormed) {
    console.log(t.t(locale, 'archive.cli_usage'));
    process.exitCode = command ? 2 : 0;
    return;
  }
  const dataSource = await openDatabase(env.DATABASE_URL);
  try {
    await refuseUnmigrated(dataSource, 'the archive cannot be used');
    const core = createCore(
      new Store(dataSource, env.DATABASE_URL, env.AUDIT_SEAL_KEY ?? null, identityKeyFor(env)),
      org,
      systemClock,
      env.BOT_TIMEZONE,
    );
    const actor = await actorByKeyOrName(core, as);
    switch (command) {
      case 'export': {
        const document = await caseDocument(core, t, actor, subject, locale);
        if (values.out) writeFileSync(values.out, document);
        else process.stdout.write(document);
        break;
      }
      case 'year': {
        const out = values.out as string;
        mkdirSync(out, { recursive: true });
        const { numbers, catalogue } = await yearCatalogue(core, t, actor, Number(subject), locale);
        for (const number of numbers) {
          writeFileSync(
            join(out, `${number}.md`),
            await caseDocument(core, t, actor, number, locale),
          );
        }
        writeFileSync(join(out, 'catalogue.md'), catalogue);
        console.log(t.t(locale, 'archive.year_written', { count: numbers.length, dir: out }));
        break;
      }
      default: {
        const step = steps[command];
        if (!step) {
          console.log(t.t(locale, 'archive.cli_usage'));
          process.exitCode = 2;
          return;
        }
        const { petition } = await step.run(core, actor, subject, text ?? '');
        console.log(
          t.t(locale, 'chat.done', {
            number: petition.number,
            step: step.name,
            state: petition.state,
          }),
        );
      }
    }
  } catch (e) {
    if (e instanceof Refusal) {
      console.error(t.refusal(locale, e));
      process.exitCode = 1;
      return;
    }
    throw e;
  } finally {
    await dataSource.destroy();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof ConfigError ? e.message : e instanceof Error ? e.message : e);
  process.exit(1);
});
