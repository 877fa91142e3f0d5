import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm run bench`, start-up: how long the built bot takes from `node` to answering /healthz, on a
 * new SQLite database (migrations included) and again on the same one, and how much memory it
 * holds once idle (targets: ready ≤ 3 s, idle RSS ≤ 150 MB). It runs as `npm start` runs it,
 * terminal adapter and all, with its input held open.
 */
const main = join(__dirname, '..', 'adapters', 'main.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function residentMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

async function start(database: string): Promise<{ readyMs: number; idleMb: number }> {
  const port = await freePort();
  const started = performance.now();
  const bot = spawn(process.execPath, [main], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: `sqlite:${database}`,
      PORT: String(port),
      LOG_LEVEL: 'silent',
    },
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      if (bot.exitCode !== null) throw new Error(`the bot stopped with ${bot.exitCode}`);
      if (performance.now() - started > 60_000) throw new Error('the bot was not ready in 60 s');
      const ready = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status > 0,
        () => false,
      );
      if (ready) break;
      await sleep(20);
    }
    const readyMs = Math.round(performance.now() - started);
    // Idle: nothing asked of it for a few seconds, its start-up garbage left to be collected.
    await sleep(5000);
    return { readyMs, idleMb: residentMb(bot.pid as number) };
  } finally {
    bot.kill('SIGTERM');
    await new Promise((resolve) => bot.once('exit', resolve));
  }
}

async function run() {
  const folder = mkdtempSync(join(tmpdir(), 'petition-start-'));
  try {
    const database = join(folder, 'petitions.sqlite');
    const first = await start(database);
    const again = await start(database);
    console.log(
      `start-up after a build: ready in ${again.readyMs} ms (${first.readyMs} ms on a new database, migrations included) | idle RSS ${again.idleMb} MB | targets ≤ 3000 ms, ≤ 150 MB`,
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

run().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
