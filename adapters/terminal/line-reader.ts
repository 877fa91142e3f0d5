import { createInterface, type Interface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/**
 * Text as a terminal may show it: control characters and escape sequences (`\e[31m` would turn
 * the screen red) are shown as their Unicode pictures; line breaks and tabs stay.
 */
export function harmless(text: string): string {
  return Array.from(text, (c) => {
    const code = c.charCodeAt(0);
    if (c === '\n' || c === '\t' || (code >= 0x20 && code !== 0x7f)) return c;
    return code === 0x7f ? '\u2421' : String.fromCharCode(0x2400 + code);
  }).join('');
}

/**
 * A terminal in canonical mode keeps at most 4,095 bytes of one line and drops the rest without a
 * word: a line that long was cut, and is refused rather than taken as typed.
 */
export const lineLimitBytes = 4095;

/** What a read gives when Ctrl-C interrupts it. */
export const interrupted = '\u0003';

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

  /**
   * Shows the prompt and waits for a line; piped input is echoed so the transcript reads well. A
   * line too long for a terminal is refused with `tooLong` and asked again.
   */
  async read(prompt: string, tooLong = ''): Promise<string | null> {
    for (;;) {
      this.output.write(prompt);
      const line = await this.next();
      if (!this.interactive) this.output.write(line === null ? '\n' : `${harmless(line)}\n`);
      if (line === null || Buffer.byteLength(line) < lineLimitBytes) return line;
      this.output.write(`${tooLong}\n`);
    }
  }

  private next(): Promise<string | null> {
    const line = this.buffered.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /**
   * Ctrl-C: the pending read gets `interrupted` (a form takes it as cancel). False when nothing
   * was waiting, so the caller may end the chat instead.
   */
  interrupt(): boolean {
    if (!this.waiting) return false;
    const resolve = this.waiting;
    this.waiting = null;
    resolve(interrupted);
    return true;
  }

  close(): void {
    this.rl.close();
  }
}
