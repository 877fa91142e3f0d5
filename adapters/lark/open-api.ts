import type { Client } from '@larksuiteoapi/node-sdk';
import type { DeskFile } from '../../src/presenters/desk-file';
import { escapeText } from './escape';

/** A refused or failed Open API call: Lark's own code (0 when none came back) and HTTP status. */
export class LarkApiError extends Error {
  constructor(
    readonly code: number,
    readonly status: number,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'LarkApiError';
  }
}

interface Answer {
  code?: number;
  msg?: string;
}

/**
 * The node-sdk resolves a refused call with `{code, msg}` and rejects a non-2xx status with an
 * axios error; both become a LarkApiError so callers handle one shape.
 */
export async function checked<T extends Answer>(call: Promise<T>): Promise<T> {
  let answer: T;
  try {
    answer = await call;
  } catch (e) {
    const failure = e as {
      message?: string;
      response?: { status?: number; data?: Answer; headers?: Record<string, string> };
    };
    const response = failure.response;
    if (!response) throw new LarkApiError(0, 0, String(failure.message ?? e));
    const reset = Number(response.headers?.['x-ogw-ratelimit-reset']);
    throw new LarkApiError(
      response.data?.code ?? 0,
      response.status ?? 0,
      response.data?.msg ?? `HTTP ${response.status}`,
      Number.isFinite(reset) && reset > 0 ? reset : undefined,
    );
  }
  if (answer.code) throw new LarkApiError(answer.code, 200, answer.msg ?? `code ${answer.code}`);
  return answer;
}

/** im/v1/files' `file_type` of a file, by its name. */
const larkFileTypes = [
  ['pdf', /\.pdf$/i],
  ['doc', /\.docx?$/i],
  ['xls', /\.(xlsx?|csv)$/i],
  ['ppt', /\.pptx?$/i],
] as const;

type Receiver = { kind: 'user' | 'channel'; id: string };

/** The few Open API calls the adapter makes, each checked. */
export class LarkOpenApi {
  constructor(readonly client: Client) {}

  /** The bot's own identity; the first call also fetches the tenant token (proves the secret). */
  async botInfo(): Promise<{ openId: string; name: string }> {
    const answer = await checked(
      this.client.request<Answer & { bot?: { open_id?: string; app_name?: string } }>({
        method: 'GET',
        url: '/open-apis/bot/v3/info',
      }),
    );
    return { openId: String(answer.bot?.open_id ?? ''), name: String(answer.bot?.app_name ?? '') };
  }

  /** Sends a card; `uuid` makes Lark drop a repeat of the same send (within an hour). */
  async sendCard(to: Receiver, card: object, uuid?: string): Promise<string> {
    return this.send(to, 'interactive', card, uuid);
  }

  /** Sends a text message, shown as typed: nothing in it is read as markup. */
  async sendText(openId: string, text: string): Promise<string> {
    return this.send({ kind: 'user', id: openId }, 'text', { text: escapeText(text) });
  }

  async updateCard(messageId: string, card: object): Promise<void> {
    await checked(
      this.client.im.v1.message.patch({
        path: { message_id: messageId },
        data: { content: JSON.stringify(card) },
      }),
    );
  }

  /** Name and e-mail of a user, by open_id (needs the contact read scope). */
  async profile(openId: string): Promise<{ name?: string; email?: string }> {
    const answer = await checked(
      this.client.contact.v3.user.get({
        path: { user_id: openId },
        params: { user_id_type: 'open_id' },
      }),
    );
    const user = answer.data?.user;
    return {
      name: user?.name || user?.en_name || undefined,
      email: user?.enterprise_email || user?.email || undefined,
    };
  }

  /**
   * R29 R30: a file into a person's DM: uploaded (im/v1/files, at most 30 MB), then sent as a
   * file message. Lark names the PDF, document, spreadsheet and slides types; anything else
   * (a picture, a text) is a stream.
   */
  async sendFile(openId: string, file: Pick<DeskFile, 'name' | 'data'>): Promise<string> {
    const type = larkFileTypes.find(([, pattern]) => pattern.test(file.name))?.[0] ?? 'stream';
    const uploaded = await checked(
      this.client.im.v1.file
        .create({ data: { file_type: type, file_name: file.name, file: file.data } })
        .then((answer): Answer & { file_key?: string } => ({ ...answer })),
    );
    if (!uploaded.file_key) throw new LarkApiError(0, 200, 'im/v1/files returned no file_key');
    return this.send({ kind: 'user', id: openId }, 'file', { file_key: uploaded.file_key });
  }

  /** R29: a picture uploaded for a card (im/v1/images); its image_key goes in the card. */
  async uploadImage(png: Buffer): Promise<string> {
    const uploaded = await checked(
      this.client.im.v1.image
        .create({ data: { image_type: 'message', image: png } })
        .then((answer): Answer & { image_key?: string } => ({ ...answer })),
    );
    if (!uploaded.image_key) throw new LarkApiError(0, 200, 'im/v1/images returned no image_key');
    return uploaded.image_key;
  }

  private async send(to: Receiver, type: string, content: object, uuid?: string) {
    const answer = await checked(
      this.client.im.v1.message.create({
        params: { receive_id_type: to.kind === 'user' ? 'open_id' : 'chat_id' },
        data: {
          receive_id: to.id,
          msg_type: type,
          content: JSON.stringify(content),
          ...(uuid ? { uuid } : {}),
        },
      }),
    );
    return String(answer.data?.message_id ?? '');
  }
}
