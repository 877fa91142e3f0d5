import type { Platform } from '../domain/people';
import type { OutgoingNotice } from './notice';
import type { Limit } from './rate-buckets';

/**
 * The timeout the chat adapters give every Web API call: well inside a claim (10 s by default),
 * so no call can outlive the claim of the notice it sends, which is renewed while a send of
 * several calls goes on.
 */
export const apiTimeoutMs = 4_000;

/** Where one notice goes on one platform: a user (DM) or a channel / group chat. */
export interface Address {
  kind: 'user' | 'channel';
  id: string;
}

/**
 * What a chat adapter offers the dispatcher. `send` renders and posts one notice; `key` is the
 * notice's stable identity, to be passed to the platform where it deduplicates (Lark's uuid).
 * `limits` are the platform's rate limits a send to this address counts against. `callsOf` is
 * how many Web API calls a send of this notice makes one after the other (one when left out): a
 * summary with its charts is an upload of several, and its send has as long as they may take.
 */
export interface DeliveryPort {
  platform: Platform;
  send(notice: OutgoingNotice, address: Address, key: string): Promise<void>;
  limits(address: Address): Limit[];
  callsOf?(notice: OutgoingNotice, address: Address): number;
}

/**
 * A failed send: `retryAfterMs` from a 429's Retry-After, with `limited` the scope of the limit the
 * platform said no for (its app or method, or this recipient); `permanent` for errors no retry mends.
 */
export class DeliveryFailure extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    readonly permanent = false,
    readonly limited: Limit['scope'] = 'app',
  ) {
    super(message);
    this.name = 'DeliveryFailure';
  }
}
