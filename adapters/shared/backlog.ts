/**
 * Work that follows an answer already given (a slash command's reply through its response_url,
 * a button's result): a few at a time, in the order it came, so a burst of commands cannot starve
 * the event loop that must answer the next ones within the platform's 3 seconds. What must
 * happen within those seconds (opening a form with its trigger) does not wait here.
 */
export class Backlog {
  private readonly waiting: (() => Promise<void>)[] = [];
  private running = 0;

  constructor(
    private readonly concurrency: number,
    private readonly failed: (error: unknown) => void,
  ) {}

  add(work: () => Promise<void>): void {
    this.waiting.push(work);
    this.next();
  }

  /** How many are waiting or running: nothing is lost at a stop that waits for none. */
  get size(): number {
    return this.waiting.length + this.running;
  }

  private next(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const work = this.waiting.shift() as () => Promise<void>;
      this.running++;
      // Started on a later turn of the loop, after the answers already due are written.
      setImmediate(() => {
        work()
          .catch(this.failed)
          .finally(() => {
            this.running--;
            this.next();
          });
      });
    }
  }
}
