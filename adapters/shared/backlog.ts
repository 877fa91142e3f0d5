/**
 * Work that follows an answer already given (a slash command's reply through its response_url,
 * a button's result): a few at a time, in the order it came, so a burst of commands cannot starve
 * the event loop that must answer the next ones within the platform's 3 seconds. What must
 * happen within those seconds (opening a form with its trigger) does not wait here.
 */
export class Backlog {
  private readonly waiting: (() => Promise<void>)[] = [];
  private running = 0;
  private starting = false;
  private readonly idlers: (() => void)[] = [];

  /**
   * @param busy whether requests are waiting for their answers now: then one at a time, so the
   * acks due come first, and never none, so no answer waits for a quiet moment that never comes.
   */
  constructor(
    private readonly concurrency: number,
    private readonly failed: (error: unknown) => void,
    private readonly busy: () => boolean = () => false,
  ) {}

  add(work: () => Promise<void>): void {
    this.waiting.push(work);
    this.next();
  }

  /** How many are waiting or running: nothing is lost at a stop that waits for none. */
  get size(): number {
    return this.waiting.length + this.running;
  }

  /** Once nothing waits or runs: a stop waits for this before the database closes. */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idlers.push(resolve));
  }

  /**
   * Starts the next work on a later turn of the loop, one a turn: the requests and answers
   * already due go first, and a burst of finished work does not start a burst of new work.
   */
  private next(): void {
    const allowed = this.busy() ? 1 : this.concurrency;
    if (this.starting || this.running >= allowed || this.waiting.length === 0) return;
    this.starting = true;
    setImmediate(() => {
      this.starting = false;
      const work = this.waiting.shift() as () => Promise<void>;
      this.running++;
      work()
        .catch(this.failed)
        .finally(() => {
          this.running--;
          this.next();
          if (this.size === 0) this.idlers.splice(0).forEach((resolve) => resolve());
        });
      this.next();
    });
  }
}
