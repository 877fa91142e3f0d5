import pino, { type Logger } from 'pino';

/**
 * What identifies a person in text that was not written for a log: a quoted value (a database
 * driver quotes the value that broke a key: `Duplicate entry 'U0B7HUBIN0'`), an e-mail address,
 * a Slack user or direct-chat id (U…, W…, D… with a digit), a Lark open, union or chat id.
 */
const identifying: [RegExp, string][] = [
  [/'(?:[^'\\]|\\.)*'/g, "'…'"],
  [/"(?:[^"\\]|\\.)*"/g, '"…"'],
  [/[^\s@'"<>(),;:]+@[^\s@'"<>(),;:]+\.[A-Za-z]{2,}/g, '[e-mail]'],
  [/\b[UWD](?=[A-Z0-9]*\d)[A-Z0-9]{8,}\b/g, '[slack id]'],
  [/\b(?:ou|on|oc)_[0-9A-Za-z]{6,}\b/g, '[lark id]'],
];

/** R6: text with every quoted value, e-mail and chat id taken out. */
export function redact(text: string): string {
  return identifying.reduce((t, [pattern, mark]) => t.replace(pattern, mark), text);
}

function redactValues(value: unknown): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map(redactValues);
  if (value instanceof Error) return redact(`${value.name}: ${value.message}`);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValues(v)]));
  }
  return value;
}

/**
 * A chat SDK's log line as it may reach ours: its words, never a request or response body
 * (the Slack Web API logs users.info answers and chat.postMessage bodies at debug; the Lark
 * SDK logs a failed request's whole configuration).
 */
export function sdkLine(parts: unknown[]): string {
  return parts
    .map((part) => {
      if (part instanceof Error) return `${part.name}: ${part.message}`;
      if (typeof part !== 'string') return '(body withheld)';
      const body = part.search(/[{[]/);
      return body < 0 ? part : `${part.slice(0, body)}(body withheld)`;
    })
    .join(' ');
}

/**
 * Structured logs. Petition text and identities never go into a log line (R6): log numbers,
 * ids and states only; and since error messages quote what they choke on, every line is redacted
 * on its way out, at every level. When the terminal adapter owns standard output, logs go to
 * standard error (or to `destination`, where a test reads them).
 */
export function createLogger(
  level: string,
  toStandardError = false,
  destination?: pino.DestinationStream,
): Logger {
  return pino(
    {
      level,
      base: undefined,
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map(redactValues) as Parameters<typeof method>);
        },
      },
    },
    destination ?? pino.destination(toStandardError ? 2 : 1),
  );
}
export type { Logger };
