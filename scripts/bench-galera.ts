import 'dotenv/config';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { createLogger } from '../src/logger';
import { clusterDatabase, conflictsOn, galeraNodes } from '../test/support/galera';
import { ThreeInstances, type FilingAnswer } from '../test/cluster/three-instances';

/**
 * `npm run bench:galera` (and the last part of `npm run bench`), R26: filings per second through
 * Slack HTTP with three bot instances each on its own node of a 3-node MariaDB Galera cluster,
 * beside the same three instances all on one node of the same cluster, in one run. Each filing is
 * opened on one instance and submitted to the next; then every dispatcher delivers and the
 * reminder sweep and leader digest fire on all three, and the run checks what R26 promises.
 * The cluster is BENCH_GALERA_URLS (or TEST_GALERA_URLS); without either, `scripts/galera.sh`
 * starts one for the run and removes it after.
 */
const filings = Number(process.env.BENCH_GALERA_FILINGS ?? 600);
const concurrency = 16;
const script = join(__dirname, '..', '..', 'scripts', 'galera.sh');

interface Run {
  perSecond: number;
  retried: number;
  conflicts: number;
  problems: string[];
}

const count = async (cluster: ThreeInstances, sql: string) =>
  Number((await cluster.rows<{ n: number | string }>(sql))[0].n);

/** What R26 promises, checked after the run: each broken promise as a line. */
async function problemsOf(cluster: ThreeInstances, failed: FilingAnswer[]): Promise<string[]> {
  const problems: string[] = [];
  if (failed.length > 0) {
    const statuses = failed.map((a) => `HTTP ${a.status} ${a.body}`.trim()).join(', ');
    problems.push(`${failed.length} filings answered with an error (${statuses})`);
  }
  const stored = await count(cluster, 'SELECT COUNT(*) AS n FROM petitions');
  const distinct = await count(cluster, 'SELECT COUNT(DISTINCT number) AS n FROM petitions');
  if (stored !== filings) problems.push(`${stored} of ${filings} filings stored`);
  if (distinct !== stored) problems.push(`${stored - distinct} numbers given twice`);
  cluster.clock.advanceDays(7);
  for (const job of ['reminders', 'leader-digest']) {
    await cluster.fireEverywhere(job);
    const runs = await count(
      cluster,
      `SELECT COUNT(*) AS n FROM job_fires WHERE job_name = '${job}'`,
    );
    if (runs !== 1) problems.push(`${job} fired on all three ran ${runs} times`);
  }
  await cluster.deliverAll();
  const sent = await count(cluster, "SELECT COUNT(*) AS n FROM notices WHERE state = 'sent'");
  const all = await count(cluster, 'SELECT COUNT(*) AS n FROM notices');
  const posted = cluster.slack.of('chat.postMessage').length;
  if (sent !== all) problems.push(`${all - sent} of ${all} notices not sent`);
  if (posted !== sent) problems.push(`${posted} messages posted for ${sent} notices sent`);
  return problems;
}

async function measure(nodes: string[], urls: (cluster: string[]) => string[]): Promise<Run> {
  const database = await clusterDatabase(nodes, 'petition_bench_galera');
  const cluster = new ThreeInstances(urls(database.urls), createLogger('error'));
  try {
    await cluster.start();
    const conflictsBefore = await Promise.all(nodes.map(conflictsOn));
    const started = performance.now();
    const answers = await cluster.file(filings, concurrency);
    const perSecond = filings / ((performance.now() - started) / 1000);
    const conflictsAfter = await Promise.all(nodes.map(conflictsOn));
    const retried = cluster.bots.reduce((n, bot) => n + bot.bot.app.store.conflictsRetried, 0);
    const failed = answers.filter((a) => a.status !== 200 || a.body !== '');
    const problems = await problemsOf(cluster, failed);
    await cluster.stop();
    const missing = await cluster.missingNumber();
    if (missing) problems.push(`${missing.number} ${missing.problem}`);
    return {
      perSecond,
      retried,
      conflicts: conflictsAfter.reduce((n, c, i) => n + c - conflictsBefore[i], 0),
      problems,
    };
  } finally {
    await cluster.stop();
    await database.drop();
  }
}

function galera(command: 'start' | 'stop'): string {
  return execFileSync('bash', [script, command], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

async function main() {
  const given = process.env.BENCH_GALERA_URLS ?? process.env.TEST_GALERA_URLS;
  const nodes = galeraNodes(given ?? galera('start').trim().split('\n').pop());
  try {
    const spread = await measure(nodes, (urls) => urls);
    const one = await measure(nodes, (urls) => urls.map(() => urls[0]));
    const line = (r: Run) =>
      `${Math.round(r.perSecond)}/s (${r.retried} transactions rerun, ${r.conflicts} Galera conflicts)`;
    console.log(
      `Galera, ${filings} filings at ${concurrency} concurrent through Slack HTTP, opened on one instance and submitted to the next: 3 instances on 3 nodes ${line(spread)} | 3 instances on one node of the same cluster ${line(one)} | ratio ${(spread.perSecond / one.perSecond).toFixed(2)} (target ≥ 1)`,
    );
    const problems = [...spread.problems, ...one.problems.map((p) => `one node: ${p}`)];
    console.log(`Galera checks (R26): ${problems.length === 0 ? 'all held' : problems.join('; ')}`);
    if (problems.length > 0) process.exitCode = 1;
  } finally {
    if (!given) galera('stop');
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
