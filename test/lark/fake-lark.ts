import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LarkCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown>;
  authorization: string;
}

/** A message the bot sent, with its content parsed (a card or `{text}`). */
export interface SentMessage {
  id: string;
  to: string;
  type: string;
  content: Record<string, unknown>;
  uuid?: string;
}

/** A picture or file a person sent the bot, kept as Lark keeps it: its message and its bytes. */
export interface ReceivedFile {
  messageId: string;
  from: string;
  type: 'image' | 'file';
  key: string;
  /** A file message's name; a picture has none. */
  name?: string;
  bytes: Buffer;
  /** Taken back by its sender: Lark still tells of the message, as deleted, but serves no bytes. */
  recalled?: boolean;
}

/**
 * The Lark Open API on 127.0.0.1, answering like Feishu: the tenant token, the bot's identity,
 * sending and patching messages, and users of the contact book. Every call is recorded; a test
 * can queue failures for a path, served before the normal answer.
 */
export class FakeLark {
  readonly calls: LarkCall[] = [];
  readonly sent: SentMessage[] = [];
  readonly patched: { id: string; content: Record<string, unknown> }[] = [];
  /** Files and images uploaded (multipart, kept whole), by the key the upload answered with. */
  readonly uploads = new Map<string, { raw: Buffer; fields: Record<string, string> }>();
  /** Pictures and files people sent, by message_id (`receive`). */
  readonly received = new Map<string, ReceivedFile>();
  /** Downloads sent without a Content-Length (chunked), as a proxy may pass them on. */
  chunkedDownloads = false;
  /** How each download through the message-resource API ended: sent whole, or cut by the client. */
  readonly downloads: Promise<'whole' | 'cut'>[] = [];
  private readonly failures = new Map<
    string,
    { status: number; code: number; headers?: object }[]
  >();
  private readonly seenUuids = new Map<string, string>();
  /** Calls to these paths left unanswered, as if Lark never replied. */
  private readonly stalls = new Map<string, number>();
  private server!: Server;
  private nextId = 1;
  /** Sends Lark would have dropped: a uuid it had already taken. */
  repeats = 0;
  /** What the contact API says about a user, beyond the default newcomer. */
  readonly profiles = new Map<string, { name?: string; email?: string }>();
  secret = 'lark-app-secret';
  url = '';
  /** Where /callback/ws/endpoint sends a long-connection client, when a test offers one. */
  wsUrl = '';

  async start(): Promise<void> {
    const app = express();
    app.use(express.json());
    app.use((req, _res, next) => {
      this.calls.push({
        method: req.method,
        path: req.path,
        query: req.query as Record<string, string>,
        body: (req.body ?? {}) as Record<string, unknown>,
        authorization: String(req.headers.authorization ?? ''),
      });
      next();
    });
    app.use((req, res, next) => {
      const open =
        req.path === '/open-apis/auth/v3/tenant_access_token/internal' ||
        req.path === '/callback/ws/endpoint';
      if (open || req.headers.authorization === 'Bearer t-fake') return next();
      res.status(401).json({ code: 99991663, msg: 'Invalid access token for authorization' });
    });
    app.use((req, _res, next) => {
      const stalls = this.stalls.get(req.path) ?? 0;
      if (stalls === 0) return next();
      this.stalls.set(req.path, stalls - 1);
    });
    app.use((req, res, next) => {
      const failure = this.failures.get(req.path)?.shift();
      if (!failure) return next();
      res
        .status(failure.status)
        .set(failure.headers ?? {})
        .json({ code: failure.code, msg: 'fake failure' });
    });
    app.post('/open-apis/auth/v3/tenant_access_token/internal', (req, res) => {
      const body = req.body as { app_id?: string; app_secret?: string };
      if (body.app_secret !== this.secret) {
        res.json({ code: 10014, msg: 'app secret invalid' });
        return;
      }
      res.json({ code: 0, msg: 'ok', tenant_access_token: 't-fake', expire: 7200 });
    });
    // The long connection's endpoint: the WebSocket a test set up, or none, said in a way the SDK
    // does not retry.
    app.post('/callback/ws/endpoint', (req, res) => {
      const body = req.body as { AppSecret?: string };
      if (!this.wsUrl || body.AppSecret !== this.secret) {
        res.json({ code: 1000040350, msg: 'fake: no long connection here', data: {} });
        return;
      }
      res.json({
        code: 0,
        msg: 'ok',
        data: {
          URL: this.wsUrl,
          ClientConfig: {
            PingInterval: 120,
            ReconnectCount: 0,
            ReconnectInterval: 1,
            ReconnectNonce: 0,
          },
        },
      });
    });
    app.get('/open-apis/bot/v3/info', (_req, res) => {
      res.json({ code: 0, msg: 'ok', bot: { open_id: 'ou_bot', app_name: '信访机器人' } });
    });
    app.get('/open-apis/contact/v3/users/:id', (req, res) => {
      res.json({
        code: 0,
        msg: 'success',
        data: {
          user: {
            open_id: req.params.id,
            name: this.profiles.get(req.params.id)?.name ?? '新员工',
            email: this.profiles.get(req.params.id)?.email ?? 'new.person@example.com',
          },
        },
      });
    });
    // im/v1/files and im/v1/images take multipart form data: the fields are read from the raw
    // body, and the bytes kept whole for a test to find the file in.
    const upload = express.raw({ type: () => true, limit: '30mb' });
    app.post('/open-apis/im/v1/files', upload, (req, res) => {
      const key = `file_v2_${this.nextId++}`;
      this.uploads.set(key, multipart(req.body as Buffer));
      res.json({ code: 0, msg: 'success', data: { file_key: key } });
    });
    app.post('/open-apis/im/v1/images', upload, (req, res) => {
      const key = `img_v2_${this.nextId++}`;
      this.uploads.set(key, multipart(req.body as Buffer));
      res.json({ code: 0, msg: 'success', data: { image_key: key } });
    });
    app.post('/open-apis/im/v1/messages', (req, res) => {
      const body = req.body as {
        receive_id: string;
        msg_type: string;
        content: string;
        uuid?: string;
      };
      const repeat = body.uuid ? this.seenUuids.get(body.uuid) : undefined;
      if (repeat) {
        this.repeats++;
        res.json({ code: 0, msg: 'success', data: { message_id: repeat } });
        return;
      }
      const id = `om_${this.nextId++}`;
      if (body.uuid) this.seenUuids.set(body.uuid, id);
      this.sent.push({
        id,
        to: body.receive_id,
        type: body.msg_type,
        content: JSON.parse(body.content) as Record<string, unknown>,
        uuid: body.uuid,
      });
      res.json({ code: 0, msg: 'success', data: { message_id: id, chat_id: 'oc_dm' } });
    });
    app.patch('/open-apis/im/v1/messages/:id', (req, res) => {
      const body = req.body as { content: string };
      this.patched.push({
        id: req.params.id,
        content: JSON.parse(body.content) as Record<string, unknown>,
      });
      res.json({ code: 0, msg: 'success', data: {} });
    });
    this.serveReceived(app);
    await new Promise<void>((resolve) => {
      this.server = app.listen(0, '127.0.0.1', () => resolve());
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /**
   * The message-resource API and im/v1/messages/:id for what people sent: a message is the
   * sender's, its resource is found only by its own key and type (234003 otherwise), and its
   * bytes stream out as a download does.
   */
  private serveReceived(app: express.Express) {
    app.get('/open-apis/im/v1/messages/:id', (req, res) => {
      const message = this.received.get(req.params.id);
      if (!message) {
        res.status(400).json({ code: 230001, msg: 'invalid message_id' });
        return;
      }
      const content =
        message.type === 'image'
          ? { image_key: message.key }
          : { file_key: message.key, file_name: message.name };
      res.json({
        code: 0,
        msg: 'success',
        data: {
          items: [
            {
              message_id: message.messageId,
              msg_type: message.type,
              chat_id: `oc_dm_${message.from}`,
              create_time: String(Date.now()),
              sender: {
                id: message.from,
                id_type: 'open_id',
                sender_type: 'user',
                tenant_key: 'tenant_shuchuan',
              },
              body: { content: JSON.stringify(content) },
              deleted: message.recalled === true,
            },
          ],
        },
      });
    });
    app.get('/open-apis/im/v1/messages/:id/resources/:key', (req, res) => {
      const message = this.received.get(req.params.id);
      const served = message && !message.recalled;
      if (!served || message.key !== req.params.key || req.query.type !== message.type) {
        res.status(400).json({ code: 234003, msg: 'File not in msg.' });
        return;
      }
      this.downloads.push(
        new Promise((resolve) =>
          res.on('close', () => resolve(res.writableFinished ? 'whole' : 'cut')),
        ),
      );
      res.status(200).set('content-type', 'application/octet-stream');
      if (!this.chunkedDownloads) res.set('content-length', String(message.bytes.length));
      // In pieces, as a download arrives, so a reader that stops early is seen to stop.
      const piece = 64 * 1024;
      let at = 0;
      const more = () => {
        while (at < message.bytes.length) {
          const ok = res.write(message.bytes.subarray(at, at + piece));
          at += piece;
          if (!ok) {
            res.once('drain', more);
            return;
          }
        }
        res.end();
      };
      more();
    });
  }

  /** A picture or file sent by `from`: kept for the bot to fetch; its event is the test's. */
  receive(from: string, type: 'image' | 'file', bytes: Buffer, name?: string): ReceivedFile {
    const n = this.nextId++;
    const message: ReceivedFile = {
      messageId: `om_in_file_${n}`,
      from,
      type,
      key: type === 'image' ? `img_v3_in_${n}` : `file_v3_in_${n}`,
      name,
      bytes,
    };
    this.received.set(message.messageId, message);
    return message;
  }

  failNext(path: string, ...failures: { status: number; code: number; headers?: object }[]) {
    this.failures.set(path, [...(this.failures.get(path) ?? []), ...failures]);
  }

  /** Leaves the next `count` calls to a path unanswered. */
  stallNext(path: string, count = 1) {
    this.stalls.set(path, (this.stalls.get(path) ?? 0) + count);
  }

  unusedFailures(path: string): number {
    return this.failures.get(path)?.length ?? 0;
  }

  /** Messages sent to one open_id or chat_id. */
  to(id: string): SentMessage[] {
    return this.sent.filter((m) => m.to === id);
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Every text shown on a card (plain text, markdown and button labels), one string. */
export function cardText(message: SentMessage | { content: Record<string, unknown> }): string {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.content === 'string') texts.push(o.content);
      if (typeof o.text === 'string') texts.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(message.content);
  return texts.join('\n');
}

/** The callback value of every button on a card, in order. */
export function buttonsOf(message: {
  content: Record<string, unknown>;
}): Record<string, unknown>[] {
  const values: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.tag === 'button') {
        const behaviors = o.behaviors as { value: Record<string, unknown> }[];
        values.push(behaviors[0].value);
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(message.content);
  return values;
}

/** The text fields of a multipart body (the file part's bytes stay in `raw`). */
function multipart(raw: Buffer): { raw: Buffer; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const text = raw.toString('latin1');
  for (const [, name, value] of text.matchAll(/name="([^"]+)"\r\n\r\n([^\r]*)\r\n/g)) {
    fields[name] = Buffer.from(value, 'latin1').toString('utf8');
  }
  return { raw, fields };
}
