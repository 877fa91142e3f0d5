import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boot, type Booted } from '../../src/boot';
import { ConfigError } from '../../src/config/config-error';
import { loadEnv } from '../../src/config/env';
import { listen } from '../../src/http/server';
import { LarkHarness } from '../lark/harness';
import { SlackHarness } from '../slack/harness';

const token = 'h'.repeat(40);

/** What a response may never carry: Express's HTML error page, a stack trace, a server path. */
async function expectShortJsonError(response: Response, status: number) {
  expect(response.status).toBe(status);
  const text = await response.text();
  expect(text).not.toMatch(/<html|<pre>|at [\w.]+ \(|\/work\/|node_modules|SyntaxError/i);
  if (text !== '') {
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(text)).toEqual({ error: expect.any(String) });
    expect(text.length).toBeLessThan(80);
  }
}

describe('what the HTTP side shows to anyone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'petition-http-'));
  let app: Booted;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    app = await boot(
      loadEnv({ DATABASE_URL: `sqlite:${join(dir, 'http.sqlite')}`, HEALTHZ_TOKEN: token }),
    );
    app.health.push({
      name: 'weekly report',
      run: async () => ({ ok: false, detail: "Duplicate entry 'U0B7HUBIN0' for key 'x'" }),
    });
    server = await listen(app.http, 0, '127.0.0.1');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.close();
    await app.close();
  });

  test('/healthz answers only ok or not ok to a caller without the health token', async () => {
    const anonymous = await fetch(`${base}/healthz`);
    expect(anonymous.status).toBe(503);
    expect(await anonymous.json()).toEqual({ ok: false });
    const wrong = await fetch(`${base}/healthz`, {
      headers: { authorization: `Bearer ${'x'.repeat(40)}` },
    });
    expect(await wrong.json()).toEqual({ ok: false });
  });

  test('/healthz shows each check to the holder of HEALTHZ_TOKEN', async () => {
    const response = await fetch(`${base}/healthz`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      ok: false,
      checks: {
        database: { ok: true },
        migrations: { ok: true, detail: 'current' },
        'weekly report': { ok: false, detail: "Duplicate entry 'U0B7HUBIN0' for key 'x'" },
      },
    });
  });

  test('a route nobody serves, or a method it does not take, is a short JSON 404', async () => {
    await expectShortJsonError(await fetch(`${base}/nothing-here`), 404);
    await expectShortJsonError(await fetch(`${base}/healthz`, { method: 'POST', body: '{' }), 404);
  });

  test('a health token shorter than 32 characters is a configuration error', () => {
    const error = (() => {
      try {
        loadEnv({ HEALTHZ_TOKEN: 'short' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'HEALTHZ_TOKEN=(hidden) must be at least 32 characters',
    ]);
  });
});

describe('malformed bodies on the chat endpoints', () => {
  const slack = new SlackHarness();
  const lark = new LarkHarness();
  beforeAll(async () => {
    await slack.start('sqlite::memory:');
    await lark.start('sqlite::memory:');
  });
  afterAll(async () => {
    await slack.stop();
    await lark.stop();
  });

  test('bad JSON or a wrong content type on /lark/events gets a short JSON error, never a stack trace', async () => {
    const post = (body: string, type: string) =>
      fetch(`${lark.events.url}/lark/events`, {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      });
    await expectShortJsonError(await post('{"encrypt": ', 'application/json'), 400);
    await expectShortJsonError(await post('\u0000\u00ff', 'application/json; charset=utf-7'), 400);
    await expectShortJsonError(await post('hello', 'text/plain'), 401);
  });

  test('bad JSON or a wrong content type on /slack/events, signed or not, gets no stack trace', async () => {
    await expectShortJsonError(await slack.client.post('{"type": ', 'application/json'), 400);
    await expectShortJsonError(
      await slack.client.post('payload=%7Bnot-json', 'application/x-www-form-urlencoded'),
      400,
    );
    await expectShortJsonError(await slack.client.post('hello', 'text/plain'), 400);
    await expectShortJsonError(
      await slack.client.post('{"type": ', 'application/json', { secret: 'forged' }),
      401,
    );
  });
});
