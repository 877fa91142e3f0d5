import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/**
 * Lines from a terminal or a piped file, one at a time. `read` resolves null when the input
 * ends (Ctrl-D, end of file), which forms treat as "cancel".
 */
export class LineReader {
  private readonly rl: Interface;
  private readonly buffered: string[] = [];
  private waiting: ((line: string | null) => void) | null = null;
  private ended = false;

  constructor(
    input: Readable,
    private readonly output: Writable,
    readonly interactive: boolean,
  ) {
    this.rl = createInterface({ input, terminal: false });
    this.rl.on('line', (line) => this.push(line));
    this.rl.on('close', () => {
      this.ended = true;
      this.waiting?.(null);
      this.waiting = null;
    });
  }

  private push(line: string) {
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve(line);
    } else {
      this.buffered.push(line);
    }
  }

  /** Shows the prompt and waits for a line; piped input is echoed so the transcript reads well. */
  async read(prompt: string): Promise<string | null> {
    this.output.write(prompt);
    const line = await this.next();
    if (!this.interactive) this.output.write(line === null ? '\n' : `${line}\n`);
    return line;
  }

  private next(): Promise<string | null> {
    const line = this.buffered.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  close(): void {
    this.rl.close();
  }
}
