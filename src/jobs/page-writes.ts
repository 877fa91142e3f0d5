/**
 * The writes of a job that reads page after page and writes what each page gives, a few pages at
 * once. Once one write failed none is started any more, and the job fails only when every write
 * it started is done, so nothing it began commits after it has been reported failed.
 */
export class PageWrites {
  private readonly inFlight: Promise<number>[] = [];
  private failed = false;
  private written = 0;

  constructor(private readonly atOnce: number) {}

  /** Starts a page's write once fewer than `atOnce` are in flight; fails if one has failed. */
  async start(write: () => Promise<number>): Promise<void> {
    if (this.failed) await this.finish();
    if (this.inFlight.length === this.atOnce) {
      const oldest = this.inFlight.shift() as Promise<number>;
      try {
        this.written += await oldest;
      } catch (e) {
        await this.settled();
        throw e;
      }
    }
    const started = write();
    started.catch(() => (this.failed = true));
    this.inFlight.push(started);
  }

  /** Fails, once every write started is done, when one has failed: no more pages are read. */
  async check(): Promise<void> {
    if (this.failed) await this.finish();
  }

  /** Waits for every write started; what they wrote, or the first failure once all are done. */
  async finish(): Promise<number> {
    const results = await Promise.allSettled(this.inFlight.splice(0));
    const failure = results.find((r) => r.status === 'rejected');
    if (failure) throw failure.reason;
    for (const r of results) if (r.status === 'fulfilled') this.written += r.value;
    return this.written;
  }

  /** Waits for every write started, whatever became of them (the job failed elsewhere). */
  async settled(): Promise<void> {
    await Promise.allSettled(this.inFlight.splice(0));
  }
}
