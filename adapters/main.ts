/** The process: configuration, database, HTTP server, and the adapters whose credentials are set. */
import 'dotenv/config';
import { hostname } from 'node:os';
import { terminalSession } from './terminal';
import { boot } from '../src/boot';
import { ConfigError } from '../src/config/config-error';
import { loadEnv } from '../src/config/env';
import { AdjustableClock } from '../src/domain/clock';
import { listen } from '../src/http/server';
import { DatabaseRunCoordinator } from '../src/jobs/coordinator';
import { jobsHealth, scheduleJobs } from '../src/jobs/scheduler';
import { outboxHealth } from '../src/notices/dispatcher';
import { createCore } from '../src/services/core';
import { createLogger } from '../src/logger';

async function main() {
  const env = loadEnv(process.env);
  const chat = Boolean(env.SLACK_BOT_TOKEN || env.LARK_APP_ID);
  const log = createLogger(env.LOG_LEVEL, !chat);
  const clock = new AdjustableClock();
  const app = await boot(env, clock);
  const core = createCore(app.store, app.org, clock, env.BOT_TIMEZONE);
  const coordinator = new DatabaseRunCoordinator(app.store, `${hostname()}:${process.pid}`, () =>
    clock.now(),
  );
  const tasks = scheduleJobs(core, coordinator, log);
  app.health.push(jobsHealth(core, clock.now()), {
    name: 'outbox',
    run: () => outboxHealth(app.store, clock.now()),
  });
  const server = await listen(app.http, env.PORT);
  log.info({ port: env.PORT, organisation: app.org.organisation.name }, 'petition bot started');
  const stop = async () => {
    await Promise.all(tasks.map((t) => t.destroy()));
    server.close();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  if (!chat) {
    const session = terminalSession(core, clock, env.BOT_LOCALE, {
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
    console.error(e);
  }
  process.exit(1);
});
