import type { AddressInfo } from 'node:net';
import { startBot, type RunningBot } from '../../adapters/start';
import { loadEnv } from '../../src/config/env';
import { AdjustableClock } from '../../src/domain/clock';
import { createLogger, type Logger } from '../../src/logger';
import { today } from '../../src/services/core';
import { testIdentityKey } from '../support/identity-key';
import { FakeSlack } from './fake-slack';
import { SlackClient } from './signed';

export const secret = 'test-signing-secret';
export const users = {
  huBin: 'U0B7HUBIN0',
  zhaoMin: 'U0A7ZHAOMI',
  yangLei: 'U0A6YANGLE',
  chenJing: 'U0A5CHENJI',
};

/**
 * The real bot (Bolt on the shared HTTP server) against a fake Slack, on the given database.
 * Several instances of the bot (R26) share one fake Slack, which their caller starts and stops,
 * and may share one clock.
 */
export class SlackHarness {
  bot!: RunningBot;
  readonly slack: FakeSlack;
  client!: SlackClient;
  private readonly ownsSlack: boolean;

  constructor(
    shared?: FakeSlack,
    readonly clock = new AdjustableClock(),
  ) {
    this.slack = shared ?? new FakeSlack();
    this.ownsSlack = !shared;
  }

  async start(
    databaseUrl: string,
    beforeStart: (slack: FakeSlack) => void = () => undefined,
    log: Logger = createLogger('silent'),
  ) {
    if (this.ownsSlack) await this.slack.start();
    beforeStart(this.slack);
    const env = loadEnv({
      DATABASE_URL: databaseUrl,
      IDENTITY_KEY: testIdentityKey,
      PORT: '0',
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: `${this.slack.url}/api/`,
      ORG_CONFIG: 'org.example.yaml',
      // The fake enforces no rate, and the test clock stands still, so no bucket would refill: the
      // dispatcher's tests keep Slack's own rates.
      SLACK_CHANNEL_POSTS_PER_SECOND: '1000',
      SLACK_POSTS_PER_SECOND: '100000',
    });
    this.bot = await startBot(env, this.clock, log, {
      host: '127.0.0.1',
      schedule: false,
      dispatchEveryMs: 3_600_000,
    });
    const { port } = this.bot.server.address() as AddressInfo;
    this.client = new SlackClient(`http://127.0.0.1:${port}`, secret, `${this.slack.url}/respond`);
  }

  today(): string {
    return today(this.bot.core);
  }

  /** Delivers the outbox now, as the dispatcher's timer would. */
  deliver() {
    return this.bot.dispatcher?.runOnce();
  }

  async stop() {
    await this.bot.stop();
    if (this.ownsSlack) await this.slack.stop();
  }
}
