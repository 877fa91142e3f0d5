import { ConfigError } from '../../src/config/config-error';
import { loadEnv } from '../../src/config/env';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadEnv(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('environment configuration', () => {
  test('with nothing set the bot runs on embedded SQLite with the example organisation', () => {
    const env = loadEnv({});
    expect(env.DATABASE_URL).toBe('sqlite:./data/petitions.sqlite');
    expect(env.ORG_CONFIG).toBe('org.example.yaml');
    expect(env.PORT).toBe(3000);
    expect(env.MIGRATE_ON_START).toBe(true);
  });

  test('a Slack token without its signing secret is named in one line', () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: 'xoxb-1' })).toEqual([
      'SLACK_BOT_TOKEN is set but SLACK_SIGNING_SECRET is missing',
    ]);
  });

  test('a Lark app id without its secret is named in one line', () => {
    expect(
      problemsOf({ LARK_APP_ID: 'cli_1', LARK_VERIFICATION_TOKEN: 'v', LARK_ENCRYPT_KEY: 'k' }),
    ).toEqual(['LARK_APP_ID is set but LARK_APP_SECRET is missing']);
  });

  test('in ws mode the Lark App ID must have the shape the long connection accepts', () => {
    const lark = { LARK_APP_SECRET: 's', LARK_MODE: 'ws' };
    expect(problemsOf({ ...lark, LARK_APP_ID: 'cli_test' })).toEqual([
      'LARK_APP_ID="cli_test" must be an App ID such as cli_a1b2c3d4e5f60718 (needed in ws mode)',
    ]);
    expect(problemsOf({ ...lark, LARK_APP_ID: 'cli_a1b2c3d4e5f60718' })).toEqual([]);
  });

  test('a database password is never repeated in a configuration error', () => {
    const [problem] = problemsOf({ DATABASE_URL: 'mariadb://bot:S3cretPw@db:3306/x' });
    expect(problem).toContain('mariadb://bot:***@db:3306/x');
    expect(problem).not.toContain('S3cretPw');
  });

  test('R24 an audit seal key shorter than 32 characters is refused, without repeating the secret', () => {
    expect(problemsOf({ AUDIT_SEAL_KEY: 'short' })).toEqual([
      'AUDIT_SEAL_KEY=(hidden) must be at least 32 characters',
    ]);
  });

  test('every bad value is reported with its variable and what is expected', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      DATABASE_URL: 'postgres://x',
      BOT_TIMEZONE: 'Mars/Olympus',
      MIGRATE_ON_START: 'maybe',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT="eighty" must be a port number/),
        expect.stringMatching(
          /^DATABASE_URL="postgres:\/\/x" must look like sqlite:PATH or mysql:/,
        ),
        expect.stringMatching(/^BOT_TIMEZONE="Mars\/Olympus" is not an IANA time zone/),
        'MIGRATE_ON_START="maybe" must be true or false',
      ]),
    );
  });

  test('empty variables count as unset', () => {
    expect(loadEnv({ PORT: '', SLACK_BOT_TOKEN: ' ' }).PORT).toBe(3000);
  });

  test('R30 ATTACHMENT_MAX_BYTES is 10 MiB unless set, and a size that is no whole number of bytes, or more than Lark takes, is refused', () => {
    expect(loadEnv({}).ATTACHMENT_MAX_BYTES).toBe(10 * 1024 * 1024);
    expect(loadEnv({ ATTACHMENT_MAX_BYTES: '2097152' }).ATTACHMENT_MAX_BYTES).toBe(2097152);
    expect(problemsOf({ ATTACHMENT_MAX_BYTES: '2.5MB' })).toEqual([
      'ATTACHMENT_MAX_BYTES="2.5MB" must be a number of bytes',
    ]);
    expect(problemsOf({ ATTACHMENT_MAX_BYTES: '0' })).toEqual([
      'ATTACHMENT_MAX_BYTES="0" must be more than 0',
    ]);
    expect(problemsOf({ ATTACHMENT_MAX_BYTES: '31457281' })).toEqual([
      'ATTACHMENT_MAX_BYTES="31457281" must be at most 31457280 (30 MiB, what Lark takes)',
    ]);
  });

  test('MIGRATE_ON_START=false turns start-up migration off', () => {
    expect(loadEnv({ MIGRATE_ON_START: 'false' }).MIGRATE_ON_START).toBe(false);
  });
});
