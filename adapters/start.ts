import type { Server } from 'node:http';
import { hostname } from 'node:os';
import { boot, type Booted } from '../src/boot';
import type { Env } from '../src/config/env';
import type { AdjustableClock } from '../src/domain/clock';
import { listen } from '../src/http/server';
import { Translator } from '../src/i18n/translator';
import { DatabaseRunCoordinator } from '../src/jobs/coordinator';
import { calendarHealth, catchUp, jobsHealth, scheduleJobs } from '../src/jobs/scheduler';
import type { Logger } from '../src/logger';
import { Dispatcher, type DeliveryPort } from '../src/notices/dispatcher';
import { outboxHealth } from '../src/notices/outbox-health';
import { createCore, type Core } from '../src/services/core';
import { reprojectIfChanged } from '../src/services/deadline-projection';
import { indexTermsOnce } from '../src/services/petition-terms';
import type { LarkAdapter } from './lark/app';

export interface RunningBot {
  app: Booted;
  core: Core;
  server: Server;
  dispatcher: Dispatcher | null;
  lark: LarkAdapter | null;
  stop(): Promise<void>;
}

/**
 * Starts everything the environment asks for: the core on its database, the scheduled jobs, the
 * HTTP server with /healthz, each chat adapter whose credentials are set, and the dispatcher that
 * delivers the outbox through them.
 */
export async function startBot(
  env: Env,
  clock: AdjustableClock,
  log: Logger,
  options: {
    host?: string;
    /** How often the dispatcher looks for due notices when it found none. */
    dispatchEveryMs?: number;
    schedule?: boolean;
    /** The terminal needs no fixed port: a busy one is traded for any free one. */
    anyPortIfBusy?: boolean;
  } = {},
): Promise<RunningBot> {
  const app = await boot(env, clock);
  const core = createCore(app.store, app.org, clock, env.BOT_TIMEZONE, env.ATTACHMENT_MAX_BYTES);
  await reprojectIfChanged(core);
  await indexTermsOnce(core);
  const instance = `${hostname()}:${process.pid}`;
  const coordinator = new DatabaseRunCoordinator(app.store, instance, () => clock.now());
  const tasks = options.schedule === false ? [] : scheduleJobs(core, coordinator, log);
  app.health.push(jobsHealth(core, clock.now()), calendarHealth(core), {
    name: 'outbox',
    run: () => outboxHealth(app.store, clock.now(), env.NOTICE_LATE_AFTER_SECONDS * 1000),
  });
  if (options.schedule !== false) await catchUp(core, coordinator, log);
  const t = new Translator(app.org);
  const adapters: { delivery: DeliveryPort; start(): Promise<void>; stop(): Promise<void> }[] = [];
  let lark: LarkAdapter | null = null;
  try {
    // Each chat SDK is loaded only when its credentials are set: the terminal needs neither, and
    // together they are a third of the start-up's time and memory.
    /* eslint-disable @typescript-eslint/no-require-imports */
    if (env.SLACK_BOT_TOKEN) {
      const slack = require('./slack/app') as typeof import('./slack/app');
      adapters.push(await slack.createSlackAdapter(core, t, env, app.http, log));
    }
    if (env.LARK_APP_ID) {
      const sdk = require('./lark/app') as typeof import('./lark/app');
      const created = await sdk.createLarkAdapter(core, t, env, app.http, log);
      lark = created;
      adapters.push(created);
    }
    /* eslint-enable @typescript-eslint/no-require-imports */
    for (const adapter of adapters) await adapter.start();
  } catch (e) {
    // Nothing half-started stays behind a refused start.
    for (const adapter of adapters) await adapter.stop();
    await Promise.all(tasks.map((task) => task.destroy()));
    await app.close();
    throw e;
  }
  const ports = adapters.map((adapter) => adapter.delivery);
  const server = await listen(app.http, env.PORT, options.host).catch((e: unknown) => {
    if (!options.anyPortIfBusy || (e as { code?: string }).code !== 'EADDRINUSE') throw e;
    return listen(app.http, 0, options.host);
  });
  const dispatcher =
    ports.length > 0
      ? new Dispatcher(app.store, app.org, clock, ports, {
          owner: instance,
          pollMs: options.dispatchEveryMs,
          onError: (e: unknown) => log.error({ error: String(e) }, 'dispatch failed'),
        })
      : null;
  dispatcher?.start();
  return {
    app,
    core,
    server,
    dispatcher,
    lark,
    async stop() {
      // No new requests first; then what they started finishes before the database closes.
      await new Promise((resolve) => server.close(resolve));
      await dispatcher?.stop();
      await Promise.all(tasks.map((task) => task.destroy()));
      for (const adapter of adapters) await adapter.stop();
      // A database already gone leaves the unused numbers to be voided once their lease runs out.
      await core.numbers.release().catch((e: unknown) => {
        log.warn({ error: String(e) }, 'unused case numbers not given back');
      });
      await app.close();
    },
  };
}
