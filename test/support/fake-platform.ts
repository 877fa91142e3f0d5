import type { Platform } from '../../src/domain/people';
import type { OutgoingNotice } from '../../src/notices/notice';
import type { Address, DeliveryFailure, DeliveryPort } from '../../src/notices/dispatcher';
import type { Limit } from '../../src/notices/rate-buckets';
import type { TestClock } from './clock';

export interface Received {
  key: string;
  address: Address;
  kind: string;
  /** The test clock when the platform took it. */
  at: number;
}

/**
 * A chat platform that records what reached it and answers as the test scripts it: failures in
 * turn, a time each answer takes on the test clock, or holding every send until `open()`.
 */
export class FakePlatform implements DeliveryPort {
  readonly received: Received[] = [];
  /** Every call, taken or refused, with the test clock's time when it was made. */
  readonly calls: { key: string; at: number }[] = [];
  /** Every refusal, with the test clock's time when it came back. */
  readonly refused: { key: string; at: number; failure: DeliveryFailure }[] = [];
  failures: DeliveryFailure[] = [];
  /** How long each answer takes, on the test clock. */
  answerMs = 0;
  /** How many calls one after the other each send makes, as the platform's port declares. */
  callsPerSend = 1;
  inFlight = 0;
  maxInFlight = 0;
  private gate: Promise<void> | null = null;
  private openGate: (value: void) => void = () => undefined;

  constructor(
    readonly platform: Platform,
    private readonly clock: TestClock,
    readonly limitsOf: (address: Address) => Limit[] = () => [],
  ) {}

  /** Holds every send from now on until `open()`. */
  hold(): void {
    this.gate ??= new Promise<void>((resolve) => {
      this.openGate = resolve;
    });
  }

  open(): void {
    this.openGate();
    this.gate = null;
  }

  limits(address: Address): Limit[] {
    return this.limitsOf(address);
  }

  callsOf(): number {
    return this.callsPerSend;
  }

  async send(notice: OutgoingNotice, address: Address, key: string): Promise<void> {
    this.calls.push({ key, at: this.clock.now().getTime() });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.gate) await this.gate;
      // Others run meanwhile, as they would while a real platform thinks.
      await new Promise((resolve) => setImmediate(resolve));
      if (this.answerMs) this.clock.advanceMs(this.answerMs);
      const failure = this.failures.shift();
      if (failure) {
        this.refused.push({ key, at: this.clock.now().getTime(), failure });
        throw failure;
      }
      this.received.push({ key, address, kind: notice.kind, at: this.clock.now().getTime() });
    } finally {
      this.inFlight--;
    }
  }

  /** How many times each key reached the platform, for those that came more than once. */
  doubles(): string[] {
    const seen = new Map<string, number>();
    for (const r of this.received) seen.set(r.key, (seen.get(r.key) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([key]) => key);
  }
}
