import { isLocalDate, type LocalDate } from '../calendar/local-date';

/**
 * Reading back what this system stored as JSON (audit events, notices): each field is checked
 * against the type its writer had, so a reader gets typed values or a clear refusal, never a guess.
 */
export class UnreadableRecord extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableRecord';
  }
}

/** Reads one stored value, or says what is wrong with it; `name` is where it sits, for the message. */
export type Field<V> = (value: unknown, name: string) => V;

/** How to read each field of a record of type D. */
export type Shape<D> = { [F in keyof D]-?: Field<D[F]> };

const fail = (name: string, wanted: string, value: unknown): never => {
  throw new UnreadableRecord(`${name} should be ${wanted}, is ${JSON.stringify(value)}`);
};

export const text: Field<string> = (v, name) => (typeof v === 'string' ? v : fail(name, 'text', v));

export const count: Field<number> = (v, name) =>
  typeof v === 'number' && Number.isInteger(v) ? v : fail(name, 'a whole number', v);

export const flag: Field<boolean> = (v, name) =>
  typeof v === 'boolean' ? v : fail(name, 'true or false', v);

export const day: Field<LocalDate> = (v, name) =>
  typeof v === 'string' && isLocalDate(v) ? v : fail(name, 'a YYYY-MM-DD date', v);

export const oneOf =
  <W extends string>(words: readonly W[]): Field<W> =>
  (v, name) =>
    words.find((w) => w === v) ?? fail(name, `one of ${words.join(', ')}`, v);

export const orNull =
  <V>(field: Field<V>): Field<V | null> =>
  (v, name) =>
    v === null ? null : field(v, name);

export const optional =
  <V>(field: Field<V>): Field<V | undefined> =>
  (v, name) =>
    v === undefined ? undefined : field(v, name);

export const list =
  <V>(field: Field<V>): Field<V[]> =>
  (v, name) =>
    Array.isArray(v) ? v.map((item, i) => field(item, `${name}[${i}]`)) : fail(name, 'a list', v);

/**
 * A record read field by field in the shape's order; fields the shape does not know are left
 * out, absent optional ones too.
 */
export function record<D>(shape: Shape<D>): Field<D> {
  return (raw, name) => {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      return fail(name, 'an object', raw);
    }
    const read: Partial<D> = {};
    for (const field of Object.keys(shape) as (keyof D & string)[]) {
      const value = shape[field](Reflect.get(raw, field), `${name}.${field}`);
      if (value !== undefined) read[field] = value;
    }
    // Every field of the shape was read above, or was optional and absent.
    return read as D;
  };
}

/** Stored JSON text, parsed, or refused with where it came from. */
export function parsed(json: string, name: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    throw new UnreadableRecord(`${name} is not JSON`);
  }
}
