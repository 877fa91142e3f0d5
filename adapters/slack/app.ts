import { App, ExpressReceiver, LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Express } from 'express';
import type { Env } from '../../src/config/env';
import type { Translator } from '../../src/i18n/translator';
import type { Logger } from '../../src/logger';
import type { Core } from '../../src/services/core';
import { SlackDelivery } from './delivery';
import { registerListeners } from './listeners';

/** Bolt's log lines (rejected signatures, unacknowledged requests) go to our structured log. */
function boltLogger(log: Logger): BoltLogger {
  const line =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...message: unknown[]) =>
      log[level]({ component: 'slack' }, message.map(String).join(' '));
  return {
    debug: line('debug'),
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}

export interface SlackAdapter {
  app: App;
  delivery: SlackDelivery;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The Bolt app: on the shared HTTP server at POST /slack/events, or over Socket Mode when
 * SLACK_APP_TOKEN is set. Web API calls go to SLACK_API_URL when given (tests use a local fake);
 * rate limits are not retried inside the client, so the outbox's back-off handles them.
 */
export function createSlackAdapter(
  core: Core,
  t: Translator,
  env: Env,
  http: Express,
  log: Logger,
): SlackAdapter {
  const clientOptions = {
    ...(env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL.replace(/\/?$/, '/') } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
  };
  const socket = Boolean(env.SLACK_APP_TOKEN);
  const logger = boltLogger(log);
  const app = socket
    ? new App({
        token: env.SLACK_BOT_TOKEN,
        appToken: env.SLACK_APP_TOKEN,
        socketMode: true,
        clientOptions,
        logger,
      })
    : new App({
        token: env.SLACK_BOT_TOKEN,
        receiver: new ExpressReceiver({
          signingSecret: env.SLACK_SIGNING_SECRET as string,
          app: http,
          endpoints: '/slack/events',
          logger,
        }),
        clientOptions,
        logger,
      });
  registerListeners(app, { core, t, locale: env.BOT_LOCALE, log });
  return {
    app,
    delivery: new SlackDelivery(app.client, core, t, env.BOT_LOCALE),
    // Over HTTP the shared server already listens; Socket Mode dials out.
    start: async () => {
      if (socket) await app.start();
    },
    stop: async () => {
      if (socket) await app.stop();
    },
  };
}
