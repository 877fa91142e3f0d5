import { Backlog } from '../../adapters/shared/backlog';

/** One turn of the event loop: what setImmediate scheduled before now has run. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Work that records its start and ends when the test says. */
function gated(started: number[], i: number) {
  let end!: () => void;
  const ended = new Promise<void>((resolve) => (end = resolve));
  return { work: () => (started.push(i), ended), end: () => end() };
}

describe('R25 follow-up work after an answer waits its turn', () => {
  test('R25 R30 a stop waits until every follow-up has run, including one a follow-up added', async () => {
    const started: number[] = [];
    const backlog = new Backlog(4, () => undefined);
    const [first, second] = [0, 1].map((i) => gated(started, i));
    let idle = false;
    expect(await Promise.race([backlog.idle().then(() => 'idle'), turn()])).toBe('idle');
    backlog.add(async () => {
      await first.work();
      backlog.add(second.work);
    });
    const stopped = backlog.idle().then(() => (idle = true));
    await turn();
    first.end();
    await turn();
    await turn();
    expect([started, idle]).toEqual([[0, 1], false]);
    second.end();
    await stopped;
    expect(backlog.size).toBe(0);
  });

  test('R25 follow-up work starts one per turn of the event loop, in the order it came, never more at once than allowed', async () => {
    const started: number[] = [];
    const backlog = new Backlog(2, () => undefined);
    const works = [0, 1, 2, 3].map((i) => gated(started, i));
    for (const w of works) backlog.add(w.work);
    expect(started).toEqual([]);
    await turn();
    expect(started).toEqual([0]);
    await turn();
    expect(started).toEqual([0, 1]);
    await turn();
    expect(started).toEqual([0, 1]);
    expect(backlog.size).toBe(4);
    works[1].end();
    await turn();
    await turn();
    expect(started).toEqual([0, 1, 2]);
    works[0].end();
    works[2].end();
    await turn();
    await turn();
    expect(started).toEqual([0, 1, 2, 3]);
    works[3].end();
    await turn();
    expect(backlog.size).toBe(0);
  });

  test('R25 a follow-up that fails is reported and the next one still runs', async () => {
    const failures: unknown[] = [];
    const backlog = new Backlog(1, (e) => failures.push(e));
    let ran = false;
    backlog.add(() => Promise.reject(new Error('Slack is down')));
    backlog.add(async () => {
      ran = true;
    });
    for (let i = 0; i < 4; i++) await turn();
    expect(failures).toEqual([new Error('Slack is down')]);
    expect(ran).toBe(true);
  });

  test('R25 while requests wait for their answers follow-up work goes one at a time, never none, and back to its limit once they are answered', async () => {
    const started: number[] = [];
    let busy = true;
    const backlog = new Backlog(
      3,
      () => undefined,
      () => busy,
    );
    const works = [0, 1, 2, 3].map((i) => gated(started, i));
    for (const w of works) backlog.add(w.work);
    for (let i = 0; i < 4; i++) await turn();
    expect(started).toEqual([0]);
    works[0].end();
    for (let i = 0; i < 4; i++) await turn();
    expect(started).toEqual([0, 1]);
    busy = false;
    works[1].end();
    for (let i = 0; i < 4; i++) await turn();
    expect(started).toEqual([0, 1, 2, 3]);
  });
});
