import 'dotenv/config';
import express from 'express';
import { fork } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createConnection } from 'mysql2/promise';
import { startBot, type RunningBot } from '../adapters/start';
import { loadEnv } from '../src/config/env';
import { AdjustableClock } from '../src/domain/clock';
import { createLogger } from '../src/logger';
import { addNotices, type NewNotice } from '../src/notices/outbox';
import { Like } from 'typeorm';
import { IdentityEntity, NoticeEntity, PersonEntity } from '../src/store/entities';
import { registeredKeyPrefix } from '../src/store/org-sync';
import type { Store } from '../src/store/store';
import { command, employee, filingSubmission, identityKey, secret } from './bench-slack-requests';

/**
 * `npm run bench`, delivery: the outbox through the real bot (Bolt's Web API client, the
 * dispatcher, MariaDB) to a fake Slack on loopback that answers chat.postMessage after 50 ms:
 * - notices per second to 1,000 distinct DMs, and to 100 DMs ten each, beside what Slack's
 *   documented limits allow for the same recipients, with every recipient's order checked;
 * - the filer's DM receipt, p50 and p99 after the submission, with 30 people filing at once;
 * - how long the outbox took to be delivered after the bot was killed (SIGKILL) mid-send.
 * The data goes to a `petition_bench_delivery` database, made anew each run.
 */
const server =
  process.env.BENCH_MYSQL_URL ?? process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const answerMs = 50;
/** Slack: about one post a second per channel, with short bursts (api.slack.com/docs/rate-limits). */
const slackPerChannel = 1;

interface Post {
  channel: string;
  text: string;
  at: number;
}

/** A Slack Web API that answers every call, chat.postMessage after `answerMs`, and records posts. */
class SlowSlack {
  readonly posts: Post[] = [];
  conversationsOpened = 0;
  private server!: Server;

  async start(): Promise<string> {
    const app = express();
    app.use(express.urlencoded({ extended: false }));
    app.post('/respond', (_req, res) => res.send('ok'));
    app.post('/api/:method', (req, res) => {
      const body = req.body as { user?: string; channel?: string; text?: string };
      const answer = {
        ok: true,
        user_id: 'UBOT',
        bot_id: 'BBOT',
        team_id: 'T1',
        user: { id: body.user, team_id: 'T1', real_name: `职工 ${String(body.user).slice(-5)}` },
        channel: body.channel ?? 'D1',
        ts: '1.1',
      };
      if (req.params.method === 'conversations.open') this.conversationsOpened++;
      if (req.params.method === 'chat.postMessage') {
        this.posts.push({
          channel: String(body.channel),
          text: String(body.text),
          at: performance.now(),
        });
        setTimeout(() => res.json(answer), answerMs);
      } else res.json(answer);
    });
    await new Promise<void>((resolve) => {
      this.server = app.listen(0, '127.0.0.1', () => resolve());
    });
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const envFor = (databaseUrl: string, slackUrl: string) =>
  loadEnv({
    DATABASE_URL: databaseUrl,
    PORT: '0',
    IDENTITY_KEY: identityKey,
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: secret,
    SLACK_API_URL: `${slackUrl}/api/`,
    ORG_CONFIG: 'org.example.yaml',
  });

const startBench = (databaseUrl: string, slackUrl: string) =>
  startBot(envFor(databaseUrl, slackUrl), new AdjustableClock(), createLogger('error'), {
    host: '127.0.0.1',
    schedule: false,
  });

/**
 * `count` people with a Slack id each (`U0DM…`), made once, registered as on first contact so
 * that the organisation file's sync at each start keeps them; their person ids in order.
 */
async function dmRecipients(store: Store, count: number): Promise<{ id: number; user: string }[]> {
  const now = new Date();
  const users = Array.from({ length: count }, (_, i) => `U0DM${String(i).padStart(6, '0')}`);
  await store.transaction(async (m) => {
    await m.insert(
      PersonEntity,
      users.map((user) => ({
        orgKey: `${registeredKeyPrefix}bench.${user}`,
        name: user,
        departmentId: 'office',
        locale: null,
        active: true,
        createdAt: now,
      })),
    );
    const people = await m.findBy(PersonEntity, { departmentId: 'office' });
    const byKey = new Map(people.map((p) => [p.orgKey, p.id]));
    await m.insert(
      IdentityEntity,
      users.map((user) => ({
        personId: Number(byKey.get(`${registeredKeyPrefix}bench.${user}`)),
        kind: 'slack',
        externalId: user,
      })),
    );
  });
  const people = await store.manager.findBy(PersonEntity, { departmentId: 'office' });
  const byKey = new Map(people.map((p) => [p.orgKey, p.id]));
  return users.map((user) => ({
    id: Number(byKey.get(`${registeredKeyPrefix}bench.${user}`)),
    user,
  }));
}

async function until(done: () => boolean | Promise<boolean>, limitMs = 600_000) {
  const deadline = performance.now() + limitMs;
  while (!(await done())) {
    if (performance.now() > deadline) throw new Error('the bench waited too long');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const pendingIn = (store: Store) => store.manager.countBy(NoticeEntity, { state: 'pending' });

/**
 * Writes `perRecipient` notices to each recipient in one transaction and times them out: posts
 * per second from the commit to the last post, and whether any recipient's came out of order.
 */
async function deliverToDms(
  bot: RunningBot,
  slack: SlowSlack,
  recipients: { id: number; user: string }[],
  perRecipient: number,
  tag: string,
) {
  const notices: NewNotice[] = [];
  for (let k = 0; k < perRecipient; k++)
    for (const r of recipients)
      notices.push({
        // About no case, so nothing but the delivery is measured.
        kind: 'pre_shift',
        to: { kind: 'person', id: String(r.id) },
        params: { team: `${tag}-${r.user}-${String(k).padStart(3, '0')}` },
        dedupeKey: `bench:${tag}:${r.user}:${k}`,
      });
  const before = slack.posts.length;
  const started = performance.now();
  await bot.app.store.transaction((m) => addNotices(m, new Date(), notices));
  await until(() => slack.posts.length - before >= notices.length);
  const seconds = (performance.now() - started) / 1000;
  const posts = slack.posts.slice(before);
  const outOfOrder = recipients.filter((r) => {
    const theirs = posts.filter((p) => p.channel === r.user).map((p) => p.text);
    return theirs.join('\n') !== [...theirs].sort().join('\n');
  }).length;
  return {
    rate: notices.length / seconds,
    seconds,
    outOfOrder,
    doubled: posts.length - notices.length,
  };
}

async function throughput(databaseUrl: string) {
  const slack = new SlowSlack();
  const slackUrl = await slack.start();
  const bot = await startBench(databaseUrl, slackUrl);
  const recipients = await dmRecipients(bot.app.store, 1_000);
  const workspace = envFor(databaseUrl, slackUrl).SLACK_POSTS_PER_SECOND;
  const wide = await deliverToDms(bot, slack, recipients, 1, 'wide');
  const allowedWide = Math.min(recipients.length * slackPerChannel, workspace);
  console.log(
    `delivery, 1,000 notices to 1,000 DMs through a ${answerMs} ms fake Slack: ours ${wide.rate.toFixed(1)}/s | Slack's limits for these recipients ${allowedWide}/s (1/s per channel × 1,000; workspace-wide SLACK_POSTS_PER_SECOND=${workspace}, Slack publishes no figure) | ratio ${(wide.rate / allowedWide).toFixed(2)} (target ≥ 40/s); recipients out of order: ${wide.outOfOrder}; doubled: ${wide.doubled}; conversations.open: ${slack.conversationsOpened}`,
  );
  const narrow = await deliverToDms(bot, slack, recipients.slice(0, 100), 10, 'narrow');
  // Each channel takes a burst of 3 at once, then one a second: ten take seven seconds.
  const allowedNarrow = Math.min(1_000 / ((10 - 3) / slackPerChannel), workspace);
  console.log(
    `delivery, 1,000 notices to 100 DMs (10 each): ours ${narrow.rate.toFixed(1)}/s | Slack's limits ${allowedNarrow.toFixed(1)}/s (1/s per channel after a burst of 3) | ratio ${(narrow.rate / allowedNarrow).toFixed(2)}; recipients out of order: ${narrow.outOfOrder}; doubled: ${narrow.doubled}`,
  );
  await bot.stop();
  await slack.stop();
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function receipts(databaseUrl: string) {
  const slack = new SlowSlack();
  const slackUrl = await slack.start();
  const bot = await startBench(databaseUrl, slackUrl);
  const events = `http://127.0.0.1:${(bot.server.address() as AddressInfo).port}/slack/events`;
  const filers = Array.from({ length: 30 }, (_, i) => employee(50_000 + i));
  // First contact registers each filer (users.info): not part of filing, so done beforehand.
  for (const user of filers) {
    const response = await fetch(events, command(`${slackUrl}/respond`, user));
    if (!response.ok) throw new Error(`/petition failed with ${response.status}`);
  }
  await until(async () => (await pendingIn(bot.app.store)) === 0);
  const submitted = new Map<string, number>();
  const answered = new Map<string, number>();
  await Promise.all(
    filers.map(async (user) => {
      submitted.set(user, performance.now());
      const response = await fetch(events, filingSubmission(user));
      await response.arrayBuffer();
      answered.set(user, performance.now());
      if (!response.ok) throw new Error(`a filing failed with ${response.status}`);
    }),
  );
  const receiptOf = (user: string) =>
    slack.posts.find((p) => p.channel === user && p.at >= Number(submitted.get(user)));
  await until(() => filers.every((user) => receiptOf(user)));
  const latencies = filers.map((user) => Number(receiptOf(user)?.at) - Number(submitted.get(user)));
  const answers = filers.map((user) => Number(answered.get(user)) - Number(submitted.get(user)));
  const afterAnswer = filers.map(
    (user) => Number(receiptOf(user)?.at) - Number(answered.get(user)),
  );
  console.log(
    `delivery, the filer's DM receipt with 30 filing at once through Slack HTTP: p50 ${Math.round(percentile(latencies, 50))} ms, p99 ${Math.round(percentile(latencies, 99))} ms after the submission (target p99 < 2,000 ms) | the modal's own answer p50 ${Math.round(percentile(answers, 50))} ms, p99 ${Math.round(percentile(answers, 99))} ms (the model track's) | the receipt after that answer p50 ${Math.round(percentile(afterAnswer, 50))} ms, p99 ${Math.round(percentile(afterAnswer, 99))} ms; ${slack.posts.length - filers.length} other posts went beside the receipts`,
  );
  await until(async () => (await pendingIn(bot.app.store)) === 0);
  await bot.stop();
  await slack.stop();
}

/** Runs the bot in a child process, to be killed; resolves once it serves. */
function childBot(databaseUrl: string, slackUrl: string) {
  const child = fork(__filename, ['child'], {
    env: { ...process.env, BENCH_CHILD_DATABASE: databaseUrl, BENCH_CHILD_SLACK: slackUrl },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<typeof child>((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`the child bot exited (${code})`)));
  });
}

async function recovery(databaseUrl: string) {
  const slack = new SlowSlack();
  const slackUrl = await slack.start();
  const child = await childBot(databaseUrl, slackUrl);
  const writer = await startBench(databaseUrl, slackUrl);
  // The writer only writes: its own dispatcher stops at once, so the child delivers alone.
  await writer.dispatcher?.stop();
  const people = await writer.app.store.manager.findBy(PersonEntity, { departmentId: 'office' });
  const recipients = people
    .filter((p) => p.orgKey.startsWith(`${registeredKeyPrefix}bench.U0DM`))
    .slice(0, 300)
    .map((p) => ({ id: p.id, user: p.orgKey.slice(`${registeredKeyPrefix}bench.`.length) }));
  const notices: NewNotice[] = recipients.map((r) => ({
    kind: 'pre_shift',
    to: { kind: 'person', id: String(r.id) },
    params: { team: `kill-${r.user}` },
    dedupeKey: `bench:kill:${r.user}`,
  }));
  const before = slack.posts.length;
  await writer.app.store.transaction((m) => addNotices(m, new Date(), notices));
  await until(() => slack.posts.length - before >= 100);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  const killedAt = performance.now();
  await exited;
  await writer.stop();
  const restarted = await startBench(databaseUrl, slackUrl);
  await until(async () => (await pendingIn(restarted.app.store)) === 0);
  const seconds = (performance.now() - killedAt) / 1000;
  const delivered = await restarted.app.store.manager.countBy(NoticeEntity, {
    state: 'sent',
    dedupeKey: Like('bench:kill:%'),
  });
  if (delivered !== notices.length)
    throw new Error(`${notices.length - delivered} of the notices were not delivered`);
  const posts = slack.posts.slice(before);
  const doubled = posts.length - new Set(posts.map((p) => `${p.channel} ${p.text}`)).size;
  console.log(
    `delivery, SIGKILL mid-send with ${notices.length} notices pending: all delivered ${seconds.toFixed(1)} s after the kill (claims last 10 s); ${doubled} posted twice (the window: a post Slack took whose "sent" was not yet written, at most one per lane in flight)`,
  );
  await restarted.stop();
  await slack.stop();
}

async function child() {
  await startBench(String(process.env.BENCH_CHILD_DATABASE), String(process.env.BENCH_CHILD_SLACK));
  process.send?.('serving');
}

async function main() {
  const admin = await createConnection({ uri: server });
  await admin.query('DROP DATABASE IF EXISTS petition_bench_delivery');
  await admin.query('CREATE DATABASE petition_bench_delivery CHARACTER SET utf8mb4');
  await admin.end();
  const url = new URL(server);
  url.pathname = '/petition_bench_delivery';
  await throughput(url.toString());
  await receipts(url.toString());
  await recovery(url.toString());
}

(process.argv[2] === 'child' ? child() : main()).catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
