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

  test.each([2, 3])(
    'R18 once a page’s write failed no other starts, and the sweep fails only after the writes it started are done (%i at once)',
    async (atOnce) => {
      const log: string[] = [];
      const writes = new PageWrites(atOnce);
      const [a, b, c] = ['a', 'b', 'c'].map((name) => controlled(name, log));
      await writes.start(a.write);
      await writes.start(b.write);
      a.reject(new Error('lost the connection'));
      await turn();
      const third = writes.start(c.write);
      let failedWith: unknown;
      third.catch((e: unknown) => (failedWith = e));
      await turn();
      expect(failedWith).toBeUndefined();
      b.resolve(4);
      await expect(third).rejects.toThrow('lost the connection');
      expect(log).toEqual(['a started', 'b started', 'a failed', 'b done']);
    },
  );

  test('R18 once a page’s write failed the sweep stops before its next page, after the writes it started', async () => {
    const log: string[] = [];
    const writes = new PageWrites(2);
    const [a, b] = ['a', 'b'].map((name) => controlled(name, log));
    await writes.start(a.write);
    await writes.start(b.write);
    await expect(writes.check()).resolves.toBeUndefined();
    a.reject(new Error('lost the connection'));
    await turn();
    const checked = writes.check();
    let failedWith: unknown;
    checked.catch((e: unknown) => (failedWith = e));
    await turn();
    expect(failedWith).toBeUndefined();
    b.resolve(4);
    await expect(checked).rejects.toThrow('lost the connection');
    expect(log).toEqual(['a started', 'b started', 'a failed', 'b done']);
  });

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
