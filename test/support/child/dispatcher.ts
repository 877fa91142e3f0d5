import { loadOrganisation } from '../../../src/config/org';
import {
  Dispatcher,
  DeliveryFailure,
  type Address,
  type DeliveryPort,
} from '../../../src/notices/dispatcher';
import type { OutgoingNotice } from '../../../src/notices/notice';
import { createDataSource } from '../../../src/store/data-source';
import { Store } from '../../../src/store/store';

/**
 * A dispatcher in a process of its own, for the tests that kill it mid-send: it delivers the
 * outbox of DATABASE_URL to a fake platform at PLATFORM_URL, on a clock stopped at CLOCK_ISO, and
 * says "started" to its parent once it runs.
 */
class HttpPlatform implements DeliveryPort {
  readonly platform = 'slack' as const;

  constructor(private readonly url: string) {}

  limits() {
    return [];
  }

  async send(notice: OutgoingNotice, address: Address, key: string): Promise<void> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key, to: address.id, kind: notice.kind }),
    });
    if (!response.ok) throw new DeliveryFailure(`HTTP ${response.status}`);
  }
}

async function main() {
  const url = String(process.env.DATABASE_URL);
  const dataSource = await createDataSource(url).initialize();
  const stopped = new Date(String(process.env.CLOCK_ISO));
  const dispatcher = new Dispatcher(
    new Store(dataSource, url),
    loadOrganisation('org.example.yaml'),
    { now: () => stopped },
    [new HttpPlatform(String(process.env.PLATFORM_URL))],
    { owner: 'doomed', lanes: 4 },
  );
  dispatcher.start();
  process.send?.('started');
}

void main();
