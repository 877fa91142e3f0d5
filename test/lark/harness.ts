import type { AddressInfo } from 'node:net';
import { startBot, type RunningBot } from '../../adapters/start';
import { loadEnv } from '../../src/config/env';
import { AdjustableClock } from '../../src/domain/clock';
import { createLogger, type Logger } from '../../src/logger';
import { today } from '../../src/services/core';
import { testIdentityKey } from '../support/identity-key';
import { FakeLark } from './fake-lark';
import { LarkEvents } from './lark-events';

export const encryptKey = 'test-encrypt-key';
export const verificationToken = 'test-verification-token';

/** Lark open_ids of people in org.example.yaml. */
export const openIds = {
  huBin: 'ou_90a1b2c3d4e5f60718293a4b5c6d7e8f',
  zhaoMin: 'ou_0718293a4b5c6d7e8f90a1b2c3d4e5f6',
  yangLei: 'ou_f60718293a4b5c6d7e8f90a1b2c3d4e5',
  chenJing: 'ou_e5f60718293a4b5c6d7e8f90a1b2c3d4',
};
export const hrChat = 'oc_6e2a1b2c3d4e5f6a7b8c9d0e1f2a3b4c';

/** The real bot (node-sdk on the shared HTTP server) against a fake Lark, on the given database. */
export class LarkHarness {
  bot!: RunningBot;
  lark = new FakeLark();
  events!: LarkEvents;

  async start(
    databaseUrl: string,
    extra: Record<string, string> = {},
    log: Logger = createLogger('silent'),
  ) {
    await this.lark.start();
    const env = loadEnv({
      DATABASE_URL: databaseUrl,
      IDENTITY_KEY: testIdentityKey,
      PORT: '0',
      LARK_APP_ID: 'cli_test',
      LARK_APP_SECRET: this.lark.secret,
      LARK_ENCRYPT_KEY: encryptKey,
      LARK_VERIFICATION_TOKEN: verificationToken,
      LARK_DOMAIN: this.lark.url,
      ORG_CONFIG: 'org.example.yaml',
      // The fake enforces no rate; the dispatcher's tests keep Lark's own.
      LARK_RECIPIENT_SENDS_PER_SECOND: '1000',
      ...extra,
    });
    this.bot = await startBot(env, new AdjustableClock(), log, {
      host: '127.0.0.1',
      schedule: false,
      dispatchEveryMs: 3_600_000,
    });
    const { port } = this.bot.server.address() as AddressInfo;
    this.events = new LarkEvents(`http://127.0.0.1:${port}`, encryptKey, verificationToken);
  }

  today(): string {
    return today(this.bot.core);
  }

  /** Waits for the work started by answered events (sending forms, answers). */
  async idle() {
    await this.bot.lark?.idle();
  }

  /** Waits for the work started by answered events, then delivers the outbox. */
  async settle() {
    await this.bot.lark?.idle();
    await this.bot.dispatcher?.runOnce();
  }

  async stop() {
    await this.bot.stop();
    await this.lark.stop();
  }
}
