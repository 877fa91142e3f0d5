import { z } from 'zod';
import { ConfigError } from './config-error';
import { defaultAttachmentMaxBytes } from '../domain/attachment';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** A platform's posting rate, per second; fractions allowed (0.5 is one every two seconds). */
const rate = z.coerce.number({ message: 'must be a number' }).positive('must be more than 0');

const schema = z.object({
  DATABASE_URL: z
    .string()
    .default('sqlite:./data/petitions.sqlite')
    .refine((v) => /^(sqlite:.+|mysql:\/\/.+)$/.test(v), {
      message: 'must look like sqlite:PATH or mysql://user:pass@host:port/db',
    }),
  ORG_CONFIG: z.string().default('org.example.yaml'),
  PORT: z.coerce
    .number({ message: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  BOT_TIMEZONE: z
    .string()
    .refine(isTimeZone, { message: 'is not an IANA time zone such as Asia/Shanghai' })
    .optional(),
  BOT_LOCALE: z.enum(['zh-CN', 'en'], { message: 'must be zh-CN or en' }).default('zh-CN'),
  MIGRATE_ON_START: flag.default(true),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  AUDIT_SEAL_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  IDENTITY_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  HEALTHZ_TOKEN: z.string().min(32, 'must be at least 32 characters').optional(),
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'must start with xoxb-').optional(),
  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'must start with xapp-').optional(),
  SLACK_API_URL: z.url({ message: 'must be a URL' }).optional(),
  LARK_APP_ID: z.string().optional(),
  LARK_APP_SECRET: z.string().optional(),
  LARK_VERIFICATION_TOKEN: z.string().optional(),
  LARK_ENCRYPT_KEY: z.string().optional(),
  LARK_DOMAIN: z
    .string()
    .refine((v) => v === 'feishu' || v === 'lark' || /^https?:\/\//.test(v), {
      message: 'must be feishu, lark or a base URL such as https://open.feishu.cn',
    })
    .default('feishu'),
  LARK_MODE: z.enum(['webhook', 'ws'], { message: 'must be webhook or ws' }).default('webhook'),
  NOTICE_LATE_AFTER_SECONDS: z.coerce
    .number({ message: 'must be a number of seconds' })
    .int('must be a whole number')
    .positive('must be more than 0')
    .default(600),
  /** R30: the largest file a case keeps, in bytes. */
  ATTACHMENT_MAX_BYTES: z.coerce
    .number({ message: 'must be a number of bytes' })
    .int('must be a whole number of bytes')
    .positive('must be more than 0')
    // Lark takes files of up to 30 MB, so a larger one could be kept but never sent back.
    .max(30 * 1024 * 1024, 'must be at most 31457280 (30 MiB, what Lark takes)')
    .default(defaultAttachmentMaxBytes),
  SLACK_POSTS_PER_SECOND: rate.default(50),
  SLACK_CHANNEL_POSTS_PER_SECOND: rate.default(1),
  LARK_RECIPIENT_SENDS_PER_SECOND: rate.default(5),
});

export type Env = z.infer<typeof schema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Variables whose values are secrets. */
const secret = /(TOKEN|SECRET|KEY)$/;

/** Variables that only make sense together: naming the missing partner is the useful message. */
const partners: [string, string][] = [
  ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'],
  ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN'],
  ['SLACK_APP_TOKEN', 'SLACK_BOT_TOKEN'],
  ['LARK_APP_ID', 'LARK_APP_SECRET'],
  ['LARK_APP_SECRET', 'LARK_APP_ID'],
];

/** Reads the environment once at start-up; every problem is reported, one line each. */
export function loadEnv(source: NodeJS.ProcessEnv): Env {
  const present = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v.trim() !== ''),
  );
  const parsed = schema.safeParse(present);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        // A secret is never repeated in a message that may end up in a log.
        const value = present[name] ?? '';
        const shown = secret.test(name)
          ? '(hidden)'
          : JSON.stringify(value.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@'));
        return `${name}=${shown} ${issue.message}`;
      });
  for (const [name, partner] of partners) {
    if (present[name] && !present[partner])
      problems.push(`${name} is set but ${partner} is missing`);
  }
  // The node-sdk's long connection silently does nothing for an App ID of another shape.
  if (
    present.LARK_APP_ID &&
    present.LARK_MODE === 'ws' &&
    !/^cli_[0-9a-fA-F]{16}$/.test(present.LARK_APP_ID)
  ) {
    problems.push(
      `LARK_APP_ID=${JSON.stringify(present.LARK_APP_ID)} must be an App ID such as cli_a1b2c3d4e5f60718 (needed in ws mode)`,
    );
  }
  if (present.LARK_APP_ID && present.LARK_MODE !== 'ws' && !present.LARK_VERIFICATION_TOKEN) {
    problems.push(
      'LARK_APP_ID is set but LARK_VERIFICATION_TOKEN is missing (needed in webhook mode)',
    );
  }
  // Without an Encrypt Key, Lark signs nothing: anyone who learns the URL could post events.
  if (present.LARK_APP_ID && present.LARK_MODE !== 'ws' && !present.LARK_ENCRYPT_KEY) {
    problems.push(
      'LARK_APP_ID is set but LARK_ENCRYPT_KEY is missing (needed in webhook mode: without it Lark signs no request)',
    );
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return parsed.data;
}
