import 'dotenv/config';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../src/logger';
import {
  clusterDatabase,
  conflictsOn,
  galeraNodes,
  type ClusterDatabase,
} from '../test/support/galera';
import { refused, ThreeInstances, type FilingAnswer } from '../test/cluster/three-instances';

/**
 * `npm run bench:galera` (and the last part of `npm run bench`), R26: filings per second through
 * Slack HTTP with three bot instances each on its own node of a 3-node MariaDB Galera cluster,
 * beside the same three instances all on one node of the same cluster, in one run. Each filing is
 * opened on one instance and submitted to the next; then every dispatcher delivers and the
 * reminder sweep and leader digest fire on all three, and the run checks what R26 promises.
 * The cluster is BENCH_GALERA_URLS (or TEST_GALERA_URLS); without either, `scripts/galera.sh`
 * starts one for the run and removes it after.
 */
const segments = 6;
const filings = Math.ceil(Number(process.env.BENCH_GALERA_FILINGS ?? 600) / segments) * segments;
const concurrency = 16;
const script = join(__dirname, '..', '..', 'scripts', 'galera.sh');

/** One of the two setups, measured a segment at a time. */
interface Setup {
  name: string;
  cluster: ThreeInstances;
  database: ClusterDatabase;
  seconds: number;
  filed: number;
  conflicts: number;
  /** CPU seconds the filings took in this process and the cluster's nodes, when they run here. */
  cpu: number;
  failed: FilingAnswer[];
}

/** The nodes' processes when `scripts/galera.sh` runs them on this machine (read once it has). */
let nodePids: string[] = [];
const localNodePids = () =>
  [1, 2, 3].flatMap((n) => {
    const dir = process.env.GALERA_DIR ?? '/var/tmp/petition-galera';
    const file = join(dir, `node${n}`, 'mysqld.pid');
    return existsSync(file) ? [readFileSync(file, 'utf8').trim()] : [];
  });

/**
 * CPU seconds used so far by this process (the three instances, the fake Slack, the clients)
 * and the nodes: unlike seconds on the clock, what other programs on the machine do hardly moves it.
 */
function cpuSeconds(): number {
  const own = process.cpuUsage();
  const ticks = nodePids.reduce((sum, pid) => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return sum + Number(fields[11]) + Number(fields[12]);
  }, 0);
  return (own.user + own.system) / 1e6 + ticks / 100;
}

const count = async (cluster: ThreeInstances, sql: string) =>
  Number((await cluster.rows<{ n: number | string }>(sql))[0].n);

/** What R26 promises, checked after the run: each broken promise as a line. */
async function problemsOf(cluster: ThreeInstances, failed: FilingAnswer[]): Promise<string[]> {
  const problems: string[] = [];
  if (failed.length > 0) {
    const first = failed.slice(0, 3).map((a) => `HTTP ${a.status} ${a.body.slice(0, 200)}`.trim());
    problems.push(`${failed.length} filings answered with an error (first: ${first.join(', ')})`);
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

async function prepare(name: string, nodes: string[], database: string, onOne: boolean) {
  const made = await clusterDatabase(nodes, database);
  const urls = onOne ? made.urls.map(() => made.urls[0]) : made.urls;
  const cluster = new ThreeInstances(urls, createLogger('error'));
  await cluster.start();
  return { name, cluster, database: made, seconds: 0, filed: 0, conflicts: 0, cpu: 0, failed: [] };
}

/** The next `count` filings of a setup, timed, with the certification conflicts they caused. */
async function segment(setup: Setup, nodes: string[], count: number): Promise<void> {
  const before = await Promise.all(nodes.map(conflictsOn));
  const started = performance.now();
  const cpuBefore = cpuSeconds();
  const answers = await setup.cluster.file(count, concurrency, setup.filed);
  setup.seconds += (performance.now() - started) / 1000;
  setup.cpu += cpuSeconds() - cpuBefore;
  const after = await Promise.all(nodes.map(conflictsOn));
  setup.conflicts += after.reduce((n, c, i) => n + c - before[i], 0);
  setup.filed += count;
  setup.failed.push(...answers.filter(refused));
}

/** R26's checks on a setup once its filings are in; it is stopped and its database removed. */
async function finish(setup: Setup): Promise<string[]> {
  try {
    const problems = await problemsOf(setup.cluster, setup.failed);
    await setup.cluster.stop();
    const missing = await setup.cluster.missingNumber();
    if (missing) problems.push(`${missing.number} ${missing.problem}`);
    return problems.map((p) => `${setup.name}: ${p}`);
  } finally {
    await setup.cluster.stop();
    await setup.database.drop();
  }
}

const retried = (setup: Setup) =>
  setup.cluster.bots.reduce((n, bot) => n + bot.bot.app.store.conflictsRetried, 0);
const rate = (setup: Setup) => setup.filed / setup.seconds;
const cpuPerFiling = (setup: Setup) =>
  nodePids.length === 3
    ? `, ${((setup.cpu / setup.filed) * 1000).toFixed(1)} ms CPU per filing`
    : '';
const line = (setup: Setup) =>
  `${Math.round(rate(setup))}/s (${retried(setup)} transactions rerun, ${setup.conflicts} Galera conflicts${cpuPerFiling(setup)})`;

function galera(command: 'start' | 'stop'): string {
  return execFileSync('bash', [script, command], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

async function main() {
  const given = process.env.BENCH_GALERA_URLS ?? process.env.TEST_GALERA_URLS;
  const nodes = galeraNodes(given ?? galera('start').trim().split('\n').pop());
  nodePids = localNodePids();
  try {
    const spread = await prepare('3 nodes', nodes, 'petition_bench_galera', false);
    const one = await prepare('one node', nodes, 'petition_bench_galera_one', true);
    // The two setups take turns, `segments` turns each, so a change in what else the
    // machine runs falls on both alike.
    for (let turn = 0; turn < segments; turn++) {
      for (const setup of turn % 2 ? [one, spread] : [spread, one]) {
        await segment(setup, nodes, filings / segments);
      }
    }
    console.log(
      `Galera, ${filings} filings at ${concurrency} concurrent through Slack HTTP, opened on one instance and submitted to the next: 3 instances on 3 nodes ${line(spread)} | 3 instances on one node of the same cluster ${line(one)} | ratio ${(rate(spread) / rate(one)).toFixed(2)} (target ≥ 1)`,
    );
    const problems = [...(await finish(spread)), ...(await finish(one))];
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
