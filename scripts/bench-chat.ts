import 'dotenv/config';
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import autocannon from 'autocannon';
import express from 'express';
import { createHash } from 'node:crypto';
import { Agent, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createConnection, createPool, type Pool } from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { startBot } from '../adapters/start';
import { loadEnv } from '../src/config/env';
import { AdjustableClock } from '../src/domain/clock';
import { createLogger } from '../src/logger';
import { command, employee, filingSubmission, identityKey, secret } from './bench-slack-requests';

/**
 * `npm run bench`, chat half: the Slack paths over HTTP on MariaDB, each beside its anchor from
 * the same run (DESIGN.md, "Speed"):
 * - the `/petition` ack, p99 at 50 concurrent requests: the whole bot (fake Slack Web API on
 *   loopback) against a bare Bolt app that only acks;
 * - filings per second at 16 concurrent: signed modal submissions through Bolt, the core and
 *   TypeORM, against raw mysql2 doing one transaction per filing (counter row, petition,
 *   identity, audit event, outbox notices), and beside a bare Bolt app whose submissions each
 *   run that raw transaction before their answer: how much of the gap Bolt over HTTP takes alone.
 * The data goes to a `petition_bench_chat` database, made anew each run.
 */
const server =
  process.env.BENCH_MYSQL_URL ?? process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const filings = Number(process.env.BENCH_FILINGS ?? 2000);
const acks = Number(process.env.BENCH_ACKS ?? 4000);
const warmUp = 1000;

function listen(app: express.Express): Promise<Server> {
  return new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
}
const urlOf = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

/** Answers the bot sent to response_url: every command ends with one, after its ack. */
let responded = 0;

/**
 * Waits until the bot has answered `total` commands in all: a command is acked first and worked
 * after, so the next phase starts only once that work is done and measures itself alone.
 */
async function answered(total: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (responded < total) {
    if (Date.now() > deadline) throw new Error(`${total - responded} commands never answered`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A Slack Web API that answers every call, and the response_url of slash commands. */
async function fakeSlack(): Promise<Server> {
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  app.post('/respond', (_req, res) => {
    responded++;
    res.send('ok');
  });
  app.post('/api/:method', (req, res) => {
    const user = String((req.body as { user?: string }).user ?? '');
    res.json({
      ok: true,
      user_id: 'UBOT',
      bot_id: 'BBOT',
      team_id: 'T1',
      user: { id: user, team_id: 'T1', real_name: `职工 ${user.slice(-5)}` },
      channel: { id: 'D1' },
      ts: '1.1',
    });
  });
  return listen(app);
}

/** The event loop's delay while a phase runs: how long a ready callback waited for its turn. */
function delays() {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  return {
    stop(): string {
      histogram.disable();
      const ms = (ns: number) => (ns / 1e6).toFixed(0);
      return `p99 ${ms(histogram.percentile(99))} ms, max ${ms(histogram.max)} ms`;
    },
  };
}

/**
 * This process's CPU time while a phase runs, per request: a count that a loaded machine
 * inflates far less than seconds (the bot, its anchor and the clients share the process).
 */
function cpu() {
  const start = process.cpuUsage();
  return {
    per(requests: number): string {
      const { user, system } = process.cpuUsage(start);
      return `${((user + system) / 1000 / requests).toFixed(2)} ms CPU each`;
    },
  };
}

/** Every statement the bot sends while it runs, counted where TypeORM sends it. */
function counted(dataSource: DataSource) {
  const { logger } = dataSource;
  const log = logger.logQuery.bind(logger);
  let statements = 0;
  logger.logQuery = (query, parameters, runner) => {
    statements++;
    log(query, parameters, runner);
  };
  return {
    stop(): number {
      logger.logQuery = log;
      return statements;
    },
  };
}

/**
 * Latencies from autocannon in a thread of its own: on the bots' event loop it would read each
 * answer only once their work let it, and count that wait as the bot's.
 */
async function load(url: string, connections: number, amount: number, request: object) {
  const result = await autocannon({ url, connections, amount, workers: 1, ...request });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) throw new Error(`${failed} of ${amount} requests to ${url} failed`);
  return result;
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
 * too coarse for a run of a few seconds). The clients share this process with the bots, so they
 * post through node:http: fetch cost this process about 0.7 ms more CPU per request.
 */
async function postedPerSecond(
  url: string,
  connections: number,
  amount: number,
  requestFor: (i: number) => { headers: Record<string, string>; body: string },
): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const target = new URL(url);
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

/**
 * A bare Bolt app on the same receiver. Its /petition only acks: the anchor of the ack. Its
 * filing modal's submission writes the raw filing, then acks: what any Bolt app filing over HTTP
 * could reach here, the floor between ours and the raw anchor.
 */
async function bareBolt(slackUrl: string, databaseUrl: string) {
  const http = express();
  const app = new App({
    token: 'xoxb-bench',
    botId: 'BBOT',
    botUserId: 'UBOT',
    receiver: new ExpressReceiver({ signingSecret: secret, app: http, endpoints: '/slack/events' }),
    clientOptions: { slackApiUrl: `${slackUrl}/api/` },
    logLevel: LogLevel.ERROR,
  });
  app.command('/petition', async ({ ack }) => ack());
  const pool = createPool({ uri: databaseUrl, connectionLimit: 16 });
  let submitted = 0;
  app.view('file', async ({ ack }) => {
    // Placeholder numbers past the raw run's, so that the two never meet.
    await rawFiling(pool, filings + submitted++);
    await ack();
  });
  const server = await listen(http);
  return { server, close: () => Promise.all([pool.end(), closed(server)]) };
}

const closed = (s: Server) => new Promise((resolve) => s.close(resolve));

/** Statements the raw filing sends, START TRANSACTION and COMMIT included. */
const rawStatements = 9;

/**
 * One filing as the core writes it, in raw SQL: the anchor of the filing path. It takes the
 * counter row where the core does, after the case, its party, its event and its head, so the row
 * is locked for the last three statements only, as the core's is. Fixed once written: the ratio
 * measures the product, not a moving anchor.
 */
async function rawFiling(pool: Pool, i: number) {
  const c = await pool.getConnection();
  try {
    await c.beginTransaction();
    const now = new Date();
    const [inserted] = await c.query(
      "INSERT INTO petitions (number, category_id, lead_department_id, mode, state, content, people_concerned, filed_at, updated_at) VALUES (?, 'management.rules', 'office', 'named', 'submitted', ?, 1, ?, ?)",
      [`~raw${i}`, `第 ${i} 条建议`, now, now],
    );
    const id = (inserted as { insertId: number }).insertId;
    await c.query('INSERT INTO petition_parties (petition_id, petitioner_id) VALUES (?, 1)', [id]);
    const hash = createHash('sha256').update(`${id}:1`).digest('hex');
    await c.query(
      "INSERT INTO petition_events (petition_id, seq, type, actor_id, at, data, prev_hash, hash) VALUES (?, 1, 'filed', 1, ?, '{}', '0', ?)",
      [id, now, hash],
    );
    await c.query('UPDATE petitions SET audit_seq = 1, audit_head = ? WHERE id = ?', [hash, id]);
    const [counted] = await c.query(
      "UPDATE case_counters SET last_value = LAST_INSERT_ID(last_value + 1) WHERE name = 'raw'",
    );
    const value = (counted as { insertId: number }).insertId;
    await c.query('UPDATE petitions SET number = ? WHERE id = ?', [`RAW-${value}`, id]);
    const notice = (kind: string, to: string) => [`raw:${id}:${kind}`, id, kind, to, now, now];
    await c.query(
      "INSERT INTO notices (dedupe_key, petition_id, kind, recipient_kind, recipient, params, state, not_before, created_at) VALUES (?, ?, ?, 'person', ?, '{}', 'pending', ?, ?), (?, ?, ?, 'person', ?, '{}', 'pending', ?, ?)",
      [...notice('filed_receipt', '1'), ...notice('new_case', '2')],
    );
    await c.commit();
  } catch (e) {
    await c.rollback();
    throw e;
  } finally {
    c.release();
  }
}

async function rawFilingsPerSecond(url: string): Promise<number> {
  const pool = createPool({ uri: url, connectionLimit: 16 });
  await pool.query("INSERT INTO case_counters (name, last_value) VALUES ('raw', 0)");
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < filings) await rawFiling(pool, next++);
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await pool.end();
  return filings / seconds;
}

async function main() {
  const admin = await createConnection({ uri: server });
  await admin.query('DROP DATABASE IF EXISTS petition_bench_chat');
  await admin.query('CREATE DATABASE petition_bench_chat CHARACTER SET utf8mb4');
  await admin.end();
  const url = new URL(server);
  url.pathname = '/petition_bench_chat';

  const slack = await fakeSlack();
  const bot = await startBot(
    loadEnv({
      DATABASE_URL: url.toString(),
      PORT: '0',
      IDENTITY_KEY: identityKey,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: `${urlOf(slack)}/api/`,
      ORG_CONFIG: 'org.example.yaml',
    }),
    new AdjustableClock(),
    createLogger('error'),
    { host: '127.0.0.1', schedule: false, dispatchEveryMs: 3_600_000 },
  );
  const bare = await bareBolt(urlOf(slack), url.toString());
  const ours = `${urlOf(bot.server)}/slack/events`;
  const anchor = `${urlOf(bare.server)}/slack/events`;
  const respond = `${urlOf(slack)}/respond`;

  // Warm both up (JIT, connection pools) under the load they are measured at, Bolt's shared code
  // for each, so that neither is measured colder than the other.
  await load(anchor, 50, warmUp, command(respond));
  await load(ours, 50, warmUp, command(respond));
  await answered(warmUp);
  const bareLoop = delays();
  const bareCpu = cpu();
  const bareAck = await load(anchor, 50, acks, command(respond));
  const bareCost = bareCpu.per(acks);
  const bareDelay = bareLoop.stop();
  const ourStatements = counted(bot.app.store.dataSource);
  const ourLoop = delays();
  const ourCpu = cpu();
  const ourAck = await load(ours, 50, acks, command(respond));
  const ourDelay = ourLoop.stop();
  await answered(warmUp + acks);
  // Ours counts each command's answer too, which follows its ack.
  const ourCost = ourCpu.per(acks);
  const perCommand = (ourStatements.stop() / acks).toFixed(1);
  console.log(
    `/petition ack at 50 concurrent (${acks} requests): ours p99 ${ourAck.latency.p99} ms (event-loop delay ${ourDelay}; ${ourCost} and ${perCommand} statements with its answer) | bare Bolt p99 ${bareAck.latency.p99} ms (event-loop delay ${bareDelay}; ${bareCost}) | ratio ${(ourAck.latency.p99 / Math.max(1, bareAck.latency.p99)).toFixed(2)} (target ≤ 1.3)`,
  );

  const rawCpu = cpu();
  const raw = await rawFilingsPerSecond(url.toString());
  const rawCost = rawCpu.per(filings);
  const floorCpu = cpu();
  const floor = await postedPerSecond(anchor, 16, filings, (i) => filingSubmission(employee(i)));
  const floorCost = floorCpu.per(filings);
  // First contact registers each employee (users.info): not part of filing, so done beforehand.
  await postedPerSecond(ours, 16, filings, (i) => command(respond, employee(i)));
  await answered(warmUp + acks + filings);
  const filingStatements = counted(bot.app.store.dataSource);
  const filingLoop = delays();
  const filingCpu = cpu();
  const ourRate = await postedPerSecond(ours, 16, filings, (i) => filingSubmission(employee(i)));
  const filingCost = filingCpu.per(filings);
  const filingDelay = filingLoop.stop();
  const statements = filingStatements.stop();
  const [stored] = (await bot.app.store.manager.query(
    "SELECT COUNT(*) AS n FROM petitions WHERE category_id = 'management.rules' AND number NOT LIKE 'RAW-%'",
  )) as [{ n: number }];
  console.log(
    `filings at 16 concurrent (${filings} by as many employees, ${Number(stored.n)} stored): ours ${Math.round(ourRate)}/s through HTTP, Bolt, core and TypeORM (${(statements / filings).toFixed(1)} statements per filing, ${filingCost}, event-loop delay ${filingDelay}) | raw mysql2 ${Math.round(raw)}/s (${rawStatements} statements, ${rawCost}) | ratio ${(ourRate / raw).toFixed(2)} (target ≥ 0.6); the floor, bare Bolt answering the same submissions after the raw filing: ${Math.round(floor)}/s (${floorCost}), ratio ${(floor / raw).toFixed(2)} to raw, ours ${(ourRate / floor).toFixed(2)} of it`,
  );

  await bot.stop();
  await bare.close();
  await closed(slack);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
