import 'dotenv/config';
import { createConnection, type Connection } from 'mysql2/promise';
import { performance } from 'node:perf_hooks';
import { loadOrganisation } from '../src/config/org';
import { AdjustableClock } from '../src/domain/clock';
import { buildReport } from '../src/jobs/reports';
import { lastWeek, weekBefore } from '../src/jobs/periods';
import { sweepReminders } from '../src/jobs/reminders';
import { createCore } from '../src/services/core';
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

function sql(d: Date): string {
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

async function seed(db: Connection, categories: { id: string; lead: string }[]) {
  const [rows] = await db.query('SELECT COUNT(*) AS n FROM petitions');
  if (Number((rows as { n: number }[])[0].n) === total) return false;
  await db.query('DELETE FROM petitions');
  await db.query('DELETE FROM petition_parties');
  await db.query('DELETE FROM petition_events');
  await db.query('DELETE FROM notices');
  const batch = 2000;
  for (let start = 1; start <= total; start += batch) {
    const petitions: unknown[][] = [];
    const parties: unknown[][] = [];
    const events: unknown[][] = [];
    for (let id = start; id < start + batch && id <= total; id++) {
      const isOpen = id > total - open;
      // Closed cases spread over two years; open ones over the last ten days.
      const filed = new Date(now.getTime() - (isOpen ? (id % 10) + 1 : (id % 730) + 1) * day);
      const c = categories[id % categories.length];
      const state = isOpen ? (id % 3 === 0 ? 'submitted' : 'accepted') : 'closed';
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
      if (isOpen) {
        events.push([id, 1, 'filed', sql(filed), '{"limitWorkingDays":15}', '0', 'x']);
        if (state === 'accepted') {
          events.push([id, 2, 'accepted', sql(filed), '{"replyBy":"2026-12-31"}', 'x', 'y']);
        }
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
  console.log(`seeding ${total} petitions (${open} open) if needed…`);
  await seed(
    db,
    org.rules.map((r) => ({ id: r.id, lead: r.lead })),
  );

  const core = createCore(store, org, clock);
  const week = lastWeek(now, core.rules.timeZone);
  const ours = await timed(() =>
    buildReport(
      ds.manager,
      week,
      weekBefore(week, core.rules.timeZone),
      'company',
      core.org.thresholds,
    ),
  );
  const raw = await timed(async () => {
    const w = [sql(week.from), sql(week.to)];
    await db.query(
      'SELECT COUNT(*), SUM(resolved_at_team), SUM(major), SUM(people_concerned >= 5) FROM petitions WHERE filed_at >= ? AND filed_at < ?',
      w,
    );
    await db.query(
      "SELECT e.type, COUNT(DISTINCT e.petition_id) FROM petition_events e JOIN petitions p ON p.id = e.petition_id WHERE e.at >= ? AND e.at < ? AND e.type IN ('accepted','declined','replied','extension_approved','rated') GROUP BY e.type",
      w,
    );
    await db.query(
      'SELECT category_id, lead_department_id, COUNT(*) n FROM petitions WHERE filed_at >= ? AND filed_at < ? GROUP BY category_id, lead_department_id ORDER BY n DESC',
      w,
    );
    await db.query(
      "SELECT COUNT(*) FROM petitions WHERE closed_at >= ? AND closed_at < ? AND state IN ('closed','archived')",
      w,
    );
  });
  console.log(
    `weekly summary over ${total} petitions: ours ${ours.ms} ms (heap +${ours.heapMb} MB, ${ours.result.current.filed} filed that week) | raw SQL ${raw.ms} ms | ratio ${(ours.ms / Math.max(1, raw.ms)).toFixed(2)}`,
  );

  const sweep = await timed(() => sweepReminders(core));
  const again = await timed(() => sweepReminders(core));
  const rawSweep = await timed(async () => {
    const [rows] = await db.query(
      "SELECT p.id, p.number, p.state, e.seq, e.type, e.at, e.data FROM petitions p JOIN petition_events e ON e.petition_id = p.id WHERE p.state IN ('submitted','accepted','in_progress') ORDER BY p.id, e.seq",
    );
    return (rows as unknown[]).length;
  });
  console.log(
    `reminder sweep over ${open} open cases: ours ${sweep.ms} ms (${sweep.result} reminders written), repeat run ${again.ms} ms (${again.result} new) | raw SQL read of the same cases and events ${rawSweep.ms} ms (${rawSweep.result} rows) | ratio ${(again.ms / Math.max(1, rawSweep.ms)).toFixed(2)}`,
  );
  await db.end();
  await ds.destroy();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
