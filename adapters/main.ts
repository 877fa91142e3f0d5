/** The process: configuration, database, HTTP server, and the adapters whose credentials are set. */
import 'dotenv/config';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../src/config/config-error';
import { loadEnv } from '../src/config/env';
import { AdjustableClock } from '../src/domain/clock';
import { Translator } from '../src/i18n/translator';
import { createLogger, redact } from '../src/logger';
import { startBot } from './start';
import { terminalSession } from './terminal';

async function main() {
  const env = loadEnv(process.env);
  const chat = Boolean(env.SLACK_BOT_TOKEN || env.LARK_APP_ID);
  const log = createLogger(env.LOG_LEVEL, !chat);
  const clock = new AdjustableClock();
  // The terminal chat serves HTTP on loopback only, on any free port when PORT is busy.
  const bot = await startBot(
    env,
    clock,
    log,
    chat ? {} : { host: '127.0.0.1', anyPortIfBusy: true },
  );
  const { port } = bot.server.address() as AddressInfo;
  const started = { port, organisation: bot.app.org.organisation.name };
  // In a terminal the log shares the screen with the chat: the start is not worth a line there.
  if (chat) log.info(started, 'petition bot started');
  else log.debug(started, 'petition bot started');
  const stop = async () => {
    await bot.stop();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  if (chat) process.once('SIGINT', stop);
  else {
    if (env.PORT !== 0 && port !== env.PORT) {
      const t = new Translator(bot.app.org);
      process.stdout.write(
        `${t.t(env.BOT_LOCALE, 'chat.port_busy', { port: env.PORT, other: port })}\n`,
      );
    }
    const session = terminalSession(bot.core, clock, env.BOT_LOCALE, {
      input: process.stdin,
      output: process.stdout,
      interactive: Boolean(process.stdin.isTTY),
    });
    // Ctrl-C in a form cancels the form; at the prompt, or with nothing to interrupt, it stops.
    process.on('SIGINT', () => {
      if (!session.interrupt()) void stop();
    });
    await session.run();
    await stop();
  }
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) {
    console.error(`The petition bot cannot start:\n${e.message}`);
  } else {
    // R6: a driver's message quotes the value that failed (a chat id, a name).
    console.error(redact(e instanceof Error ? (e.stack ?? e.message) : String(e)));
  }
  process.exit(1);
});
