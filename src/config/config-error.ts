/**
 * A configuration problem an operator can fix: the message names the variable or the file and the
 * place inside it, and says what is wrong. Start-up prints it alone, without a stack trace.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}
