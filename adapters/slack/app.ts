import { App, ExpressReceiver, LogLevel, webApi, type Logger as BoltLogger } from '@slack/bolt';
import { ConfigError } from '../../src/config/config-error';
import type { Express } from 'express';
import type { Env } from '../../src/config/env';
import type { Translator } from '../../src/i18n/translator';
import { sdkLine, type Logger } from '../../src/logger';
import { apiTimeoutMs } from '../../src/notices/dispatcher';
import type { Core } from '../../src/services/core';
import { SlackDelivery } from './delivery';
import { registerListeners } from './listeners';

/**
 * Bolt's log lines (rejected signatures, unacknowledged requests) go to our structured log, but
 * never the Web API's request and response bodies it logs at debug (users.info names and
 * e-mails, the text of every message sent): R6.
 */
function boltLogger(log: Logger): BoltLogger {
  const line =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...message: unknown[]) =>
      log[level]({ component: 'slack' }, sdkLine(message));
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

/**
 * Asks Slack who the bot is before anything else: a wrong token or an unreachable Slack stops
 * start-up with a message that says so, instead of failing on the first request.
 */
async function botIdentity(env: Env, clientOptions: webApi.WebClientOptions) {
  const client = new webApi.WebClient(env.SLACK_BOT_TOKEN, clientOptions);
  try {
    const answer = await client.auth.test();
    return { botId: String(answer.bot_id), botUserId: String(answer.user_id) };
  } catch (e) {
    throw new ConfigError([
      `SLACK_BOT_TOKEN: Slack did not accept the bot token, or could not be reached (${(e as Error).message})`,
    ]);
  }
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
export async function createSlackAdapter(
  core: Core,
  t: Translator,
  env: Env,
  http: Express,
  log: Logger,
): Promise<SlackAdapter> {
  const clientOptions = {
    ...(env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL.replace(/\/?$/, '/') } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    // Every call ends in time, so a send never outlives its notice's claim.
    timeout: apiTimeoutMs,
  };
  const identity = await botIdentity(env, clientOptions);
  const socket = Boolean(env.SLACK_APP_TOKEN);
  const logger = boltLogger(log);
  // No conversation state is kept in Bolt: its default in-memory store is asked on every request,
  // the acks included, and answers each with a new Error ("Conversation not found").
  const convoStore = false;
  // Requests waiting for their answers, which follow-up work gives way to (see Backlog).
  let answering = 0;
  if (!socket) {
    http.use('/slack/events', (_req, res, next) => {
      answering++;
      res.once('close', () => answering--);
      next();
    });
  }
  const app = socket
    ? new App({
        token: env.SLACK_BOT_TOKEN,
        appToken: env.SLACK_APP_TOKEN,
        socketMode: true,
        ...identity,
        clientOptions,
        // The Socket Mode client asks for its WebSocket URL with these options, not clientOptions;
        // only the URL is shared, so it keeps its own retries for reconnecting.
        installerOptions: { clientOptions: { slackApiUrl: clientOptions.slackApiUrl } },
        convoStore,
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
        ...identity,
        clientOptions,
        convoStore,
        logger,
      });
  const listeners = registerListeners(app, {
    core,
    t,
    locale: env.BOT_LOCALE,
    log,
    busy: () => answering > 0,
  });
  return {
    app,
    delivery: new SlackDelivery(app.client, core, t, env.BOT_LOCALE, {
      posts: env.SLACK_POSTS_PER_SECOND,
      perChannel: env.SLACK_CHANNEL_POSTS_PER_SECOND,
    }),
    // Over HTTP the shared server already listens; Socket Mode dials out.
    start: async () => {
      if (socket) await app.start();
    },
    // The server no longer takes requests: what they left to do is done before the database closes.
    stop: async () => {
      if (socket) await app.stop();
      await listeners.idle();
    },
  };
}
