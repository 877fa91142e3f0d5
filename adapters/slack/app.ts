import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import type { Express } from 'express';
import type { Env } from '../../src/config/env';
import type { Translator } from '../../src/i18n/translator';
import type { Logger } from '../../src/logger';
import type { Core } from '../../src/services/core';
import { SlackDelivery } from './delivery';
import { registerListeners } from './listeners';

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
  const app = socket
    ? new App({
        token: env.SLACK_BOT_TOKEN,
        appToken: env.SLACK_APP_TOKEN,
        socketMode: true,
        clientOptions,
        logLevel: LogLevel.WARN,
      })
    : new App({
        token: env.SLACK_BOT_TOKEN,
        receiver: new ExpressReceiver({
          signingSecret: env.SLACK_SIGNING_SECRET as string,
          app: http,
          endpoints: '/slack/events',
          logLevel: LogLevel.WARN,
        }),
        clientOptions,
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
