import 'dotenv/config';
import { createConnection, createPool, type Connection } from 'mysql2/promise';
import { performance } from 'node:perf_hooks';
import { loadOrganisation } from '../src/config/org';
import { addDays, localDateOf } from '../src/calendar/local-date';
import { AdjustableClock } from '../src/domain/clock';
import { buildReport } from '../src/jobs/reports';
import { lastWeek, weekBefore } from '../src/jobs/periods';
import { sweepReminders } from '../src/jobs/reminders';
import { tallyFinishedDays } from '../src/jobs/term-tallies';
import { projectDeadlines, type DeadlineProjection } from '../src/domain/deadline-projection';
import type { CaseEvent } from '../src/domain/history';
import { termsOf } from '../src/domain/terms';
import { createCore, type Core } from '../src/services/core';
import { createDataSource } from '../src/store/data-source';
import { syncOrganisation } from '../src/store/org-sync';
import { Store } from '../src/store/store';

/**
 * `npm run bench`: the weekly summary over 1,000,000 petitions and the reminder sweep over
 * 100,000 open cases on MariaDB, each beside the same work done as raw SQL in the same run.
 * BENCH_MYSQL_URL (or TEST_MYSQL_URL) names the server; the data goes to a `petition_bench`
 * database, seeded once and reused while its size matches.
 */
const server =
  process.env.BENCH_MYSQL_URL ?? process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const total = Number(process.env.BENCH_PETITIONS ?? 1_000_000);
const open = Number(process.env.BENCH_OPEN ?? 100_000);
const now = new Date('2026-11-16T01:00:00Z'); // a Monday, 09:00 in Shanghai
const day = 86_400_000;
/** How many days back the seed writes the term index: the week summarised and the one before. */
const termDays = 35;

function sql(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The open cases as a working office has them: most accepted in the last four weeks and within
 * their 15 working days, one in ten still waiting for acceptance (some past its 2 days), one in a
 * hundred overdue by a few working days.
 */
function openCase(i: number): { daysAgo: number; accepted: boolean } {
  if (i % 10 === 0) return { daysAgo: 1 + (i % 4), accepted: false };
  if (i % 100 === 1) return { daysAgo: 25, accepted: true };
  return { daysAgo: 1 + (i % 20), accepted: true };
}

function seedHistory(filed: Date, accepted: boolean): CaseEvent[] {
  const events: CaseEvent[] = [
    {
      seq: 1,
      actorId: null,
      at: filed,
      reason: null,
      type: 'filed',
      data: {
        categoryId: 'management.rules',
        leadDepartmentId: 'office',
        mode: 'named',
        peopleConcerned: 1,
        limitWorkingDays: 15,
        onBehalf: false,
        commitment: true,
      },
    },
  ];
  if (accepted) {
    events.push({
      seq: 2,
      actorId: 1,
      at: filed,
      reason: null,
      type: 'accepted',
      data: { replyBy: '2026-12-31', due: null },
    });
  }
  return events;
}

async function seed(db: Connection, core: Core, categories: { id: string; lead: string }[]) {
  const [rows] = await db.query(
    'SELECT (SELECT COUNT(*) FROM petitions) AS n, (SELECT COUNT(*) FROM deadline_projections) AS d, (SELECT COUNT(*) FROM petition_terms) AS t',
  );
  const [{ n, d, t }] = rows as { n: number; d: number; t: number }[];
  // Every seeded case has its deadline projection, as every step writes one, and terms.
  if (Number(n) === total && Number(d) === total && Number(t) > 0) return false;
  for (const table of [
    'term_tallies',
    'term_tally_days',
    'term_tally_changes',
    'petition_terms',
    'petitions',
    'petition_parties',
    'petition_events',
    'notices',
    'deadline_projections',
  ]) {
    await db.query(`DELETE FROM ${table}`);
  }
  const projections = new Map<string, DeadlineProjection>();
  const projectionOf = (filed: Date, accepted: boolean) => {
    const key = `${filed.toISOString()}:${accepted}`;
    let projection = projections.get(key);
    if (!projection) {
      projection = projectDeadlines(seedHistory(filed, accepted), core.rules, core.calendar);
      projections.set(key, projection);
    }
    return projection;
  };
  const batch = 2000;
  for (let start = 1; start <= total; start += batch) {
    const petitions: unknown[][] = [];
    const parties: unknown[][] = [];
    const events: unknown[][] = [];
    const deadlines: unknown[][] = [];
    const finished: unknown[][] = [];
    const terms: unknown[][] = [];
    for (let id = start; id < start + batch && id <= total; id++) {
      const i = id - (total - open) - 1;
      const shape = i >= 0 ? openCase(i) : null;
      // Closed cases spread over two years.
      const filed = new Date(now.getTime() - (shape ? shape.daysAgo : (id % 730) + 1) * day);
      const c = categories[id % categories.length];
      const state = shape ? (shape.accepted ? 'accepted' : 'submitted') : 'closed';
      petitions.push([
        id,
        `XF-B-${String(id).padStart(7, '0')}`,
        c.id,
        c.lead,
        'named',
        state,
        `喷涂车间通风设备第${id % 97}号故障`,
        1 + (id % 7),
        (id % 50) + 1,
        sql(filed),
        sql(filed),
        state === 'closed' ? sql(new Date(filed.getTime() + 5 * day)) : null,
      ]);
      parties.push([id, 1 + (id % 5000)]);
      // The term index of the weeks the summaries read; older weeks' terms only make the table
      // deeper, which an index range does not feel.
      if (now.getTime() - filed.getTime() <= termDays * day) {
        for (const term of termsOf(String(petitions[petitions.length - 1][6])))
          terms.push([id, term]);
      }
      if (shape) {
        for (const e of seedHistory(filed, shape.accepted)) {
          events.push([id, e.seq, e.type, sql(e.at), JSON.stringify(e.data), '0', 'x']);
        }
        const p = projectionOf(filed, shape.accepted);
        deadlines.push([
          id,
          p.acceptanceDue,
          p.registerBy,
          p.handlingDue,
          p.statutoryHandlingDue,
          p.committedReplyBy,
          p.remindFrom,
        ]);
      } else {
        // Accepted the day it was filed, replied and closed five days later, on time.
        const filedOn = localDateOf(filed, core.rules.timeZone);
        const repliedOn = addDays(filedOn, 5);
        finished.push([
          id,
          filedOn,
          addDays(filedOn, 2),
          repliedOn,
          addDays(filedOn, 21),
          addDays(filedOn, 60),
          repliedOn,
        ]);
      }
    }
    await db.query(
      'INSERT INTO petitions (id, number, category_id, lead_department_id, mode, state, content, people_concerned, owner_id, filed_at, updated_at, closed_at) VALUES ?',
      [petitions],
    );
    await db.query('INSERT INTO petition_parties (petition_id, petitioner_id) VALUES ?', [parties]);
    if (events.length > 0) {
      await db.query(
        'INSERT INTO petition_events (petition_id, seq, type, at, data, prev_hash, hash) VALUES ?',
        [events],
      );
      await db.query(
        'INSERT INTO deadline_projections (petition_id, acceptance_due, register_by, handling_due, statutory_handling_due, committed_reply_by, remind_from) VALUES ?',
        [deadlines],
      );
    }
    if (terms.length > 0) {
      await db.query('INSERT INTO petition_terms (petition_id, term) VALUES ?', [terms]);
    }
    if (finished.length > 0) {
      await db.query(
        'INSERT INTO deadline_projections (petition_id, decided_on, decision_due, replied_on, reply_due, reply_statutory_due, finished_on) VALUES ?',
        [finished],
      );
    }
    if ((start - 1) % 100_000 === 0) process.stdout.write(`  seeded ${start - 1}\n`);
  }
  return true;
}

async function timed<T>(
  work: () => Promise<T>,
): Promise<{ ms: number; heapMb: number; result: T }> {
  global.gc?.();
  const heap = process.memoryUsage().heapUsed;
  const started = performance.now();
  const result = await work();
  return {
    ms: Math.round(performance.now() - started),
    heapMb: Math.round(((process.memoryUsage().heapUsed - heap) / 1048576) * 10) / 10,
    result,
  };
}

async function main() {
  const admin = await createConnection({ uri: server });
  await admin.query('CREATE DATABASE IF NOT EXISTS petition_bench CHARACTER SET utf8mb4');
  await admin.end();
  const url = new URL(server);
  url.pathname = '/petition_bench';
  const ds = await createDataSource(url.toString()).initialize();
  await ds.runMigrations({ transaction: 'each' });
  const org = loadOrganisation('org.example.yaml');
  const clock = new AdjustableClock({ now: () => now });
  // The bench database is made for the bench alone; its custody key guards no one's identity.
  const store = new Store(ds, url.toString(), null, 'bench database custody key, not a secret');
  await syncOrganisation(store, org, now);
  const db = await createConnection({ uri: url.toString() });
  const core = createCore(store, org, clock);
  console.log(`seeding ${total} petitions (${open} open) if needed…`);
  await seed(
    db,
    core,
    org.rules.map((r) => ({ id: r.id, lead: r.lead })),
  );

  const week = lastWeek(now, core.rules.timeZone);
  // The day tallies, as the nightly job keeps them: the first run tallies two years of days
  // (only the last five weeks have terms here); a night's run tallies the day just finished.
  const first = await timed(() => tallyFinishedDays(core, now));
  await db.query('DELETE FROM term_tally_days WHERE day = ?', [addDays(week.end, -1)]);
  const nightly = await timed(() => tallyFinishedDays(core, now));
  console.log(
    `day tallies: first run ${first.ms} ms (${first.result} days), a night's run ${nightly.ms} ms (${nightly.result} day, heap +${nightly.heapMb} MB)`,
  );
  // What the hot-topic tally cost before the day tallies: the week's term rows counted at once.
  const straight = await timed(() =>
    db.query(
      "SELECT p.category_id, p.lead_department_id, t.term, COUNT(*) AS n, SUM(CASE WHEN p.mode = 'named' THEN 1 ELSE 0 END) AS named FROM petition_terms t INNER JOIN petitions p ON p.id = t.petition_id WHERE p.filed_at >= ? AND p.filed_at < ? GROUP BY p.category_id, p.lead_department_id, t.term HAVING COUNT(*) >= ?",
      [week.from, week.to, core.org.thresholds.hotTopicSimilarPetitions],
    ),
  );
  // Every statement the summary sends, recorded to be sent again as raw SQL.
  const statements: [string, unknown[]][] = [];
  const log = ds.logger.logQuery.bind(ds.logger);
  ds.logger.logQuery = (query, parameters, runner) => {
    statements.push([query, Array.isArray(parameters) ? parameters : []]);
    log(query, parameters, runner);
  };
  const ours = await timed(() =>
    buildReport(
      ds.manager,
      week,
      weekBefore(week, core.rules.timeZone),
      'company',
      core.org.thresholds,
    ),
  );
  ds.logger.logQuery = log;
  // The anchor: the same SQL through a mysql2 pool as large as ours, all at once.
  const pool = createPool({ uri: url.toString(), connectionLimit: 16 });
  const raw = await timed(() => Promise.all(statements.map(([q, p]) => pool.query(q, p))));
  await pool.end();
  console.log(
    `weekly summary over ${total} petitions (${ours.result.current.filed} filed that week, ${statements.length} statements): ours ${ours.ms} ms (heap +${ours.heapMb} MB) | the same SQL through raw mysql2 ${raw.ms} ms (heap +${raw.heapMb} MB) | ratio ${(ours.ms / Math.max(1, raw.ms)).toFixed(2)} (target ≤ 1.5); the week's hot-topic tally counted from its term rows instead, as before the day tallies: ${straight.ms} ms`,
  );

  // Each run starts from a day with no reminders written yet. Ours and the anchor take turns,
  // five times, after an unmeasured run of ours (the anchor, run after ours, finds the due cases
  // in the buffer pool): on a shared machine one pair of runs says little, the medians more.
  const clear = () => db.query("DELETE FROM notices WHERE dedupe_key LIKE 'reminder:%'");
  await clear();
  let sent = 0;
  ds.logger.logQuery = (query, parameters, runner) => {
    sent++;
    log(query, parameters, runner);
  };
  const firstRun = await timed(() => sweepReminders(core));
  ds.logger.logQuery = log;
  const [written] = await db.query(
    "SELECT dedupe_key, petition_id, kind, recipient_kind, recipient, params, state, attempts, not_before, created_at FROM notices WHERE dedupe_key LIKE 'reminder:%'",
  );
  const reminders = (written as Record<string, unknown>[]).map((r) => Object.values(r));
  // The anchor: the same due cases through the same index, and the same reminders written.
  const rawSweep = async () => {
    const [due] = await db.query(
      "SELECT p.id, p.number, p.state, p.lead_department_id, p.leader_id, p.owner_id, p.major, d.acceptance_due, d.register_by, d.handling_due, d.statutory_handling_due, d.review_due, d.paused, d.provisional, d.extension_pending, d.extension_requester FROM deadline_projections d JOIN petitions p ON p.id = d.petition_id WHERE d.remind_from <= ? AND p.state IN ('submitted','accepted','in_progress','under_review','under_re_review')",
      [localDateOf(now, core.rules.timeZone)],
    );
    for (let i = 0; i < reminders.length; i += 1000) {
      await db.query(
        'INSERT INTO notices (dedupe_key, petition_id, kind, recipient_kind, recipient, params, state, attempts, not_before, created_at) VALUES ?',
        [reminders.slice(i, i + 1000)],
      );
    }
    return (due as unknown[]).length;
  };
  const oursMs: number[] = [];
  const rawMs: number[] = [];
  let dueCases = 0;
  for (let round = 0; round < 5; round++) {
    await clear();
    oursMs.push((await timed(() => sweepReminders(core))).ms);
    await clear();
    const raw = await timed(rawSweep);
    rawMs.push(raw.ms);
    dueCases = raw.result;
  }
  const again = await timed(() => sweepReminders(core));
  const median = (ms: number[]) => [...ms].sort((x, y) => x - y)[Math.floor(ms.length / 2)];
  console.log(
    `reminder sweep over ${open} open cases (${dueCases} due): ours median ${median(oursMs)} ms of ${oursMs.join(', ')} (${firstRun.result} reminders written in ${sent} statements, heap +${firstRun.heapMb} MB), repeat run ${again.ms} ms (${again.result} new) | raw SQL selecting the same due cases and writing the same reminders (${1 + Math.ceil(reminders.length / 1000)} statements): median ${median(rawMs)} ms of ${rawMs.join(', ')} | ratio of medians ${(median(oursMs) / Math.max(1, median(rawMs))).toFixed(2)} (target ≤ 1.5, and ≤ 1000 ms)`,
  );
  await db.end();
  await ds.destroy();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
