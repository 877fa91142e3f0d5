/** The process: configuration, database, HTTP server, and the adapters whose credentials are set. */
import 'dotenv/config';
import { ConfigError } from '../src/config/config-error';
import { loadEnv } from '../src/config/env';
import { AdjustableClock } from '../src/domain/clock';
import { createLogger, redact } from '../src/logger';
import { startBot } from './start';
import { terminalSession } from './terminal';

async function main() {
  const env = loadEnv(process.env);
  const chat = Boolean(env.SLACK_BOT_TOKEN || env.LARK_APP_ID);
  const log = createLogger(env.LOG_LEVEL, !chat);
  const clock = new AdjustableClock();
  const bot = await startBot(env, clock, log);
  log.info({ port: env.PORT, organisation: bot.app.org.organisation.name }, 'petition bot started');
  const stop = async () => {
    await bot.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (!chat) {
    const session = terminalSession(bot.core, clock, env.BOT_LOCALE, {
      input: process.stdin,
      output: process.stdout,
      interactive: Boolean(process.stdin.isTTY),
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
