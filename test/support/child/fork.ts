import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/**
 * A TypeScript file of this folder run in a process of its own, for the tests that kill it
 * midway; resolved once the child says it has reached the point the test waits for.
 */
export async function forkChild(
  script: string,
  env: Record<string, string>,
): Promise<ChildProcess> {
  const child = fork(join(__dirname, script), [], {
    execArgv: ['-r', join(__dirname, 'run-ts.cjs')],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the child ${script} exited (${code})`)));
  });
  return child;
}

/** Kills a child at once, as a power cut or the OOM killer would, and waits until it is gone. */
export async function killed(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
