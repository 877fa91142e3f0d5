import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { command, employee, filingSubmission } from './bench-slack-requests';

/**
 * The bench's Slack, posting signed requests to a bot from a thread of its own: Slack's servers
 * are not in the bot's process, and clients on the bot's event loop would take its turns (signing
 * and sending a request cost about a third of bare Bolt's answer to it).
 */
export interface Posting {
  url: string;
  connections: number;
  amount: number;
  /** Each request is employee i's: their filing modal submitted, or a command answered there. */
  kind: 'filing' | 'command';
  respond: string;
}

/** One POST through a kept-alive agent; resolves with the answer's status once it is read. */
function post(
  agent: Agent,
  url: URL,
  { headers, body }: { headers: Record<string, string>; body: string },
): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { method: 'POST', agent, headers }, (response) => {
      response.on('data', () => undefined);
      response.on('end', () => resolve(response.statusCode ?? 0));
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(body);
  });
}

/**
 * Requests per second from `connections` clients each posting as soon as its last answer came,
 * timed from the first request to the last answer (autocannon counts its rate per whole second,
 * too coarse for a run of a few seconds).
 */
async function postedPerSecond({ url, connections, amount, kind, respond }: Posting) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(url);
  const requestFor = (i: number) =>
    kind === 'filing' ? filingSubmission(employee(i)) : command(respond, employee(i));
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let i = next++; i < amount; i = next++) {
        const status = await post(agent, target, requestFor(i));
        if (status !== 200) throw new Error(`a request to ${url} failed with ${status}`);
      }
    }),
  );
  const rate = amount / ((performance.now() - started) / 1000);
  agent.destroy();
  return rate;
}

// A failed request rejects unhandled, which ends the thread with it as an 'error' for the bench.
void postedPerSecond(workerData as Posting).then((rate) => parentPort?.postMessage(rate));
