import { createConnection } from 'mysql2/promise';
import { AdjustableClock } from '../../src/domain/clock';
import { DatabaseRunCoordinator } from '../../src/jobs/coordinator';
import { runJobNow } from '../../src/jobs/scheduler';
import { createLogger, type Logger } from '../../src/logger';
import { inFlightMs } from '../../src/store/number-voids';
import { createDataSource } from '../../src/store/data-source';
import { verifyCaseNumbers, type MissingNumber } from '../../src/store/number-verifier';
import { TestClock } from '../support/clock';
import { eventually, FakeSlack, type View } from '../slack/fake-slack';
import { SlackHarness } from '../slack/harness';
import { number, select, text, ticked } from '../slack/signed';

/** How one employee's filing was answered by the instance the form was submitted to. */
export interface FilingAnswer {
  user: string;
  status: number;
  body: string;
}

/** A filing not taken: an HTTP error, or the form answered with errors instead of filed. */
export const refused = (a: FilingAnswer) =>
  a.status !== 200 || (a.body !== '' && JSON.parse(a.body).response_action === 'errors');

/** Employees who each file once, as most people do (a repeat filer's cases turn major). */
export const employee = (i: number) => `U0GALERA${String(i).padStart(4, '0')}`;

/**
 * R26: three bot instances, each on the database URL it is given (each its own node of a
 * cluster, or all the same one), behind one fake Slack and one clock, so a job fired "at once"
 * carries the same fire time on all three, as node-cron's would. Used by the Galera test and
 * by `npm run bench:galera`.
 */
export class ThreeInstances {
  readonly slack = new FakeSlack();
  readonly clock: TestClock;
  readonly bots: SlackHarness[];

  constructor(
    readonly urls: string[],
    private readonly log: Logger = createLogger('silent'),
    startAt = '2026-11-02T02:00:00Z',
  ) {
    this.clock = new TestClock(startAt);
    this.bots = urls.map(() => new SlackHarness(this.slack, new AdjustableClock(this.clock)));
  }

  /** All three at the same moment, as R26 allows: the start-up lock lets one migrate. */
  async start(): Promise<void> {
    await this.slack.start();
    await Promise.all(this.bots.map((bot, i) => bot.start(this.urls[i], undefined, this.log)));
  }

  private stopped = false;

  /** A clean stop of all three (again: nothing), each giving back the numbers it did not use. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await Promise.all(this.bots.map((bot) => bot.stop()));
    await this.slack.stop();
  }

  /**
   * R2: the first number of the cluster taken by any instance and neither filed nor void, read
   * once every write has reached the last node; `null` when every one is accounted for.
   */
  async missingNumber(): Promise<MissingNumber | null> {
    const ds = await createDataSource(this.urls[this.urls.length - 1]).initialize();
    try {
      return await ds.transaction(async (m) => {
        await m.query('SET SESSION wsrep_sync_wait = 1');
        return verifyCaseNumbers(m, null, new Date(this.clock.now().getTime() + inFlightMs * 2));
      });
    } finally {
      await ds.destroy();
    }
  }

  /**
   * Employee `i` opens the form with `/petition new` on instance i mod 3 and submits it to the
   * next instance, `concurrency` employees at a time.
   */
  async file(count: number, concurrency: number, from = 0): Promise<FilingAnswer[]> {
    const answers: FilingAnswer[] = [];
    let next = from;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let i = next++; i < from + count; i = next++) answers.push(await this.fileOne(i));
      }),
    );
    return answers;
  }

  private async fileOne(i: number): Promise<FilingAnswer> {
    const user = employee(i);
    const opener = this.bots[i % this.bots.length];
    const submitter = this.bots[(i + 1) % this.bots.length];
    const opened = await opener.client.command(user, 'new');
    if (opened.status !== 200) return { user, status: opened.status, body: await opened.text() };
    const view = await eventually(
      () =>
        this.slack.of('views.open').find((a) => String(a.trigger_id).startsWith(`trigger-${user}-`))
          ?.view as View,
      30_000,
    );
    const answer = await submitter.client.submit(user, view, {
      category: select('management.rules'),
      content: text(`第 ${i} 号建议：夜班食堂供应热饭的时间延长到 ${i % 24} 点以后`),
      people: number(1),
      mode: select('named'),
      commitment: ticked(true),
    });
    return { user, status: answer.status, body: await answer.text() };
  }

  /** Every dispatcher at once, round after round, until none has anything left to send. */
  async deliverAll(): Promise<void> {
    for (;;) {
      const reports = await Promise.all(this.bots.map((bot) => bot.deliver()));
      if (reports.every((r) => !r || r.sent + r.retrying + r.parked === 0)) return;
    }
  }

  /** The same scheduled fire of `job` on every instance at once; what each offered. */
  fireEverywhere(job: string): Promise<number[]> {
    return Promise.all(
      this.bots.map((bot, i) =>
        runJobNow(
          bot.bot.core,
          new DatabaseRunCoordinator(bot.bot.app.store, `instance-${i}`, () => this.clock.now()),
          job,
        ),
      ),
    );
  }

  /**
   * The rows of a query on the last instance's node, once that node has applied every write the
   * cluster committed before it (wsrep_sync_wait), so what the other nodes wrote is counted too.
   */
  async rows<T>(sql: string): Promise<T[]> {
    const connection = await createConnection({ uri: this.urls[this.urls.length - 1] });
    try {
      await connection.query('SET SESSION wsrep_sync_wait = 1');
      const [rows] = await connection.query(sql);
      return rows as T[];
    } finally {
      await connection.end();
    }
  }
}
