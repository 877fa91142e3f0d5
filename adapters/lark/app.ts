import {
  AppType,
  Client,
  DefaultCache,
  Domain,
  EventDispatcher,
  LoggerLevel,
  WSClient,
  type Logger as SdkLogger,
} from '@larksuiteoapi/node-sdk';
import type { Express } from 'express';
import { ConfigError } from '../../src/config/config-error';
import type { Env } from '../../src/config/env';
import type { Translator } from '../../src/i18n/translator';
import { sdkLine, type Logger } from '../../src/logger';
import { apiTimeoutMs } from '../../src/notices/dispatcher';
import type { Core } from '../../src/services/core';
import { TextRenderer } from '../shared/text-render';
import { Background, type LarkContext } from './context';
import { LarkDelivery } from './delivery';
import { registerEvents } from './events';
import { LarkOpenApi } from './open-api';
import { timedHttp } from './timed-http';
import { larkWebhook } from './webhook';

/**
 * The node-sdk's log lines (refused events, token fetches) go to our structured log, without the
 * request configurations and answers it logs beside them (message bodies, profiles): R6.
 */
function sdkLogger(log: Logger): SdkLogger {
  const line =
    (level: 'debug' | 'info' | 'warn' | 'error' | 'trace') =>
    (...message: unknown[]) =>
      log[level]({ component: 'lark' }, sdkLine(message));
  return {
    error: line('error'),
    warn: line('warn'),
    info: line('info'),
    debug: line('debug'),
    trace: line('trace'),
  };
}

/** LARK_DOMAIN: feishu (China), lark (international) or the base URL of another Open API. */
function domainOf(setting: string): Domain | string {
  if (setting === 'feishu') return Domain.Feishu;
  if (setting === 'lark') return Domain.Lark;
  return setting.replace(/\/+$/, '');
}

export interface LarkAdapter {
  delivery: LarkDelivery;
  dispatcher: EventDispatcher;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when the work started by events already answered is done. */
  idle(): Promise<void>;
}

/**
 * The Feishu/Lark app: events and card callbacks on the shared HTTP server at POST /lark/events,
 * or over the long connection when LARK_MODE=ws; both feed the same handlers. The app's
 * credentials are tried at start-up, so a wrong secret or an unreachable Open API stops start-up
 * with a message that names the variables.
 */
export async function createLarkAdapter(
  core: Core,
  t: Translator,
  env: Env,
  http: Express,
  log: Logger,
): Promise<LarkAdapter> {
  const logger = sdkLogger(log);
  const credentials = {
    appId: env.LARK_APP_ID as string,
    appSecret: env.LARK_APP_SECRET as string,
    domain: domainOf(env.LARK_DOMAIN),
    logger,
    loggerLevel: LoggerLevel.warn,
  };
  const client = new Client({
    ...credentials,
    appType: AppType.SelfBuild,
    cache: new DefaultCache(),
    httpInstance: timedHttp(apiTimeoutMs),
  });
  const api = new LarkOpenApi(client);
  const bot = await api.botInfo().catch((e: unknown) => {
    throw new ConfigError([
      `LARK_APP_ID / LARK_APP_SECRET / LARK_DOMAIN: Lark did not accept the app credentials, or could not be reached (${(e as Error).message})`,
    ]);
  });
  const dispatcher = new EventDispatcher({
    encryptKey: env.LARK_ENCRYPT_KEY,
    verificationToken: env.LARK_VERIFICATION_TOKEN,
    logger,
    loggerLevel: LoggerLevel.warn,
  });
  const background = new Background(log);
  const ctx: LarkContext = {
    core,
    t,
    api,
    botOpenId: bot.openId,
    render: new TextRenderer(t, core.rules.timeZone),
    background,
    locale: env.BOT_LOCALE,
    log,
  };
  registerEvents(dispatcher, ctx);
  const ws =
    env.LARK_MODE === 'ws'
      ? new WSClient({
          ...credentials,
          autoReconnect: true,
          onError: (e: Error) =>
            log.error({ component: 'lark', error: e.message }, 'the long connection gave up'),
        })
      : null;
  if (!ws) http.use(larkWebhook(dispatcher, env, log));
  return {
    delivery: new LarkDelivery(api, core, t, env.BOT_LOCALE, env.LARK_RECIPIENT_SENDS_PER_SECOND),
    dispatcher,
    start: async () => {
      if (ws) await ws.start({ eventDispatcher: dispatcher });
    },
    stop: async () => {
      ws?.close({ force: true });
      await background.idle();
    },
    idle: () => background.idle(),
  };
}
