import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeFiles } from './fake-files';

export interface View {
  callback_id: string;
  private_metadata: string;
  blocks: { block_id: string }[];
}

export interface Call {
  method: string;
  args: Record<string, unknown>;
}

/**
 * A Slack Web API on 127.0.0.1 that records every call and answers like Slack. A test can queue
 * failures (status, headers) for a method; they are served before the normal answer.
 */
export class FakeSlack {
  readonly calls: Call[] = [];
  readonly responses: Record<string, unknown>[] = [];
  private readonly failures = new Map<
    string,
    { status: number; headers?: Record<string, string> }[]
  >();
  /** Calls of these methods left unanswered, as if Slack never replied. */
  private readonly stalls = new Map<string, number>();
  /** How long Slack thinks before answering these methods (`upload` for an upload URL), in ms. */
  private readonly slow = new Map<string, number>();
  /** What users.info says about a user, beyond the default newcomer of team T1. */
  readonly profiles = new Map<string, { team_id?: string; real_name?: string; email?: string }>();
  /** The file posted to each upload URL that files.getUploadURLExternal handed out, by file id. */
  readonly uploads = new Map<string, Buffer>();
  /** The files people gave Slack, served only with the bot token the harness gives the app. */
  readonly files = new FakeFiles(() => this.url, 'xoxb-test');
  private server!: Server;
  private ts = 1000;
  url = '';
  /** Where apps.connections.open sends a Socket Mode client. */
  socketUrl = '';

  async start(): Promise<void> {
    const app = express();
    app.use(express.urlencoded({ extended: false }));
    app.use(express.json());
    app.post('/respond', (req, res) => {
      this.responses.push(req.body as Record<string, unknown>);
      res.send('ok');
    });
    // files.uploadV2's second step: the bytes go to the URL the first step gave, not to /api.
    app.post('/upload/:id', express.raw({ type: () => true, limit: '20mb' }), async (req, res) => {
      await this.thinking('upload');
      this.uploads.set(req.params.id as string, filePart(req.body as Buffer));
      res.send('OK');
    });
    this.files.routes(app);
    app.post('/api/:method', async (req, res) => {
      const method = req.params.method;
      await this.thinking(method);
      const stalls = this.stalls.get(method) ?? 0;
      if (stalls > 0) {
        this.stalls.set(method, stalls - 1);
        return;
      }
      const failure = this.failures.get(method)?.shift();
      if (failure) {
        res
          .status(failure.status)
          .set(failure.headers ?? {})
          .json({ ok: false, error: 'fake_failure' });
        return;
      }
      const args = landed(
        method,
        Object.fromEntries(
          Object.entries(req.body as Record<string, string>).map(([k, v]) => [k, parse(v)]),
        ),
      );
      this.calls.push({ method, args });
      res.json({ ok: true, ...this.answer(method, args) });
    });
    await new Promise<void>((resolve) => {
      this.server = app.listen(0, '127.0.0.1', () => resolve());
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  failNext(method: string, ...failures: { status: number; headers?: Record<string, string> }[]) {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...failures]);
  }

  /** Answers every call of these methods (`upload`: the upload URLs) after `ms` from now on. */
  answerSlowly(ms: number, ...methods: string[]) {
    for (const method of methods) this.slow.set(method, ms);
  }

  private thinking(method: string): Promise<void> {
    const ms = this.slow.get(method) ?? 0;
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** Leaves the next `count` calls of a method unanswered. */
  stallNext(method: string, count = 1) {
    this.stalls.set(method, (this.stalls.get(method) ?? 0) + count);
  }

  unusedFailures(method: string): number {
    return this.failures.get(method)?.length ?? 0;
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' };
      case 'users.info': {
        const known = this.profiles.get(String(args.user)) ?? {};
        return {
          user: {
            id: args.user,
            team_id: known.team_id ?? 'T1',
            name: 'new.person',
            real_name: known.real_name ?? '新员工',
            profile: { email: known.email ?? 'new.person@example.com' },
          },
        };
      }
      case 'apps.connections.open':
        return { url: this.socketUrl };
      case 'conversations.open':
        return { channel: { id: `D${String(args.users)}` } };
      case 'chat.postMessage':
        return { channel: args.channel, ts: String(++this.ts) };
      case 'files.getUploadURLExternal': {
        const id = `F${++this.ts}`;
        return { upload_url: `${this.url}/upload/${id}`, file_id: id };
      }
      case 'files.info':
        return this.files.info(String(args.file));
      case 'files.completeUploadExternal':
        return { files: (args.files as { id: string }[]).map((f) => ({ id: f.id })) };
      default:
        return {};
    }
  }

  /** The modal with this callback id that the app opened after the first `after` ones. */
  opened(callbackId: string, after = 0): Promise<View> {
    return eventually(() =>
      this.of('views.open')
        .slice(after)
        .map((a) => a.view as View)
        .find((v) => v.callback_id === callbackId),
    );
  }

  of(method: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.args);
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * A post addressed to a user id lands, as on Slack, in the app's DM with that user (`D<user>`
 * here): it is recorded there, with `addressed` keeping the id the app passed.
 */
function landed(method: string, args: Record<string, unknown>): Record<string, unknown> {
  const to = String(args.channel ?? '');
  if (method !== 'chat.postMessage' || !/^[UW]/.test(to)) return args;
  return { ...args, channel: `D${to}`, addressed: to };
}

function parse(value: string): unknown {
  if (/^[[{]/.test(value)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

/** Waits until the condition holds: the app acks first and works after. */
export async function eventually<T>(probe: () => T | undefined | false, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > until) throw new Error('timed out waiting for the app');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The web client posts an upload as multipart form data with one part: that part's bytes. */
function filePart(body: Buffer): Buffer {
  const boundary = body.subarray(0, body.indexOf('\r\n'));
  if (!boundary.toString('latin1').startsWith('--')) return body;
  const start = body.indexOf('\r\n\r\n') + 4;
  return body.subarray(start, body.indexOf(Buffer.concat([Buffer.from('\r\n'), boundary]), start));
}
