import { PageWrites } from '../../src/jobs/page-writes';

/** A write the test settles by hand, with what happened to it recorded in `log`. */
function controlled(name: string, log: string[]) {
  let settle: { resolve(n: number): void; reject(e: Error): void } | undefined;
  const write = () => {
    log.push(`${name} started`);
    return new Promise<number>((resolve, reject) => (settle = { resolve, reject })).then(
      (n) => {
        log.push(`${name} done`);
        return n;
      },
      (e: unknown) => {
        log.push(`${name} failed`);
        throw e;
      },
    );
  };
  return {
    write,
    resolve: (n: number) => settle?.resolve(n),
    reject: (e: Error) => settle?.reject(e),
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('R18 the sweep writes a few pages at once', () => {
  test('R18 no more pages are written at once than allowed; every page written is counted', async () => {
    const log: string[] = [];
    const writes = new PageWrites(2);
    const [a, b, c] = ['a', 'b', 'c'].map((name) => controlled(name, log));
    await writes.start(a.write);
    await writes.start(b.write);
    const third = writes.start(c.write);
    await turn();
    expect(log).toEqual(['a started', 'b started']);
    a.resolve(3);
    await third;
    expect(log).toEqual(['a started', 'b started', 'a done', 'c started']);
    b.resolve(4);
    c.resolve(5);
    await expect(writes.finish()).resolves.toBe(12);
  });

  /** What the sweep does next after a write failed: start the next page's write, or read on. */
  const nextSteps: [
    string,
    number,
    (writes: PageWrites, next: () => Promise<number>) => Promise<void>,
  ][] = [
    ['starts no other write (2 at once)', 2, (writes, next) => writes.start(next)],
    ['starts no other write (3 at once)', 3, (writes, next) => writes.start(next)],
    ['reads no further page', 2, (writes) => writes.check()],
  ];

  test.each(nextSteps)(
    'R18 once a page’s write failed the sweep %s, and fails only after the writes it started are done',
    async (_, atOnce, step) => {
      const log: string[] = [];
      const writes = new PageWrites(atOnce);
      const [a, b, c] = ['a', 'b', 'c'].map((name) => controlled(name, log));
      await writes.start(a.write);
      await writes.start(b.write);
      await expect(writes.check()).resolves.toBeUndefined();
      a.reject(new Error('lost the connection'));
      await turn();
      const next = step(writes, c.write);
      let failedWith: unknown;
      next.catch((e: unknown) => (failedWith = e));
      await turn();
      expect(failedWith).toBeUndefined();
      b.resolve(4);
      await expect(next).rejects.toThrow('lost the connection');
      expect(log).toEqual(['a started', 'b started', 'a failed', 'b done']);
    },
  );

  test('R18 a sweep that failed elsewhere waits for its writes before it reports', async () => {
    const log: string[] = [];
    const writes = new PageWrites(2);
    const a = controlled('a', log);
    await writes.start(a.write);
    const settled = writes.settled().then(() => log.push('settled'));
    await turn();
    a.reject(new Error('deadlock'));
    await settled;
    expect(log).toEqual(['a started', 'a failed', 'settled']);
  });
});
