/**
 * A step the core will not take, with the i18n key and values of a message the user understands.
 * Adapters render it in the user's language; it is never a crash.
 */
export class Refusal extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${key} ${JSON.stringify(params)}`);
    this.name = 'Refusal';
  }
}
