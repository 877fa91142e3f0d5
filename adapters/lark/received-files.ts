import type { Readable } from 'node:stream';
import { checked, LarkApiError, type LarkOpenApi } from './open-api';

/** The kinds of message whose picture or file may be attached to a case. */
export type ResourceType = 'image' | 'file';

/** Where a picture or file a person sent lies: its message, its key, and which kind it is. */
export interface ReceivedRef {
  message: string;
  key: string;
  type: ResourceType;
}

/** The resource in an image (`{image_key}`) or file (`{file_key, file_name}`) message's content. */
export function resourceOf(
  type: string,
  content: string,
): { key: string; type: ResourceType; name?: string } | null {
  if (type !== 'image' && type !== 'file') return null;
  try {
    const parsed = JSON.parse(content) as {
      image_key?: unknown;
      file_key?: unknown;
      file_name?: unknown;
    };
    const key = type === 'image' ? parsed.image_key : parsed.file_key;
    if (typeof key !== 'string' || key === '') return null;
    const name = typeof parsed.file_name === 'string' ? parsed.file_name : undefined;
    return { key, type, name };
  } catch {
    return null;
  }
}

/** A message as im/v1/messages/:id tells it: who sent it (open_id for a user) and what it holds. */
export interface SentMessage {
  sender: { id: string; type: string };
  type: string;
  content: string;
  /** Recalled or deleted: Lark still answers for it, its resources are gone. */
  deleted: boolean;
}

export async function messageOf(api: LarkOpenApi, id: string): Promise<SentMessage> {
  const answer = await checked(
    api.client.im.v1.message.get({ path: { message_id: id }, params: { user_id_type: 'open_id' } }),
  );
  const item = answer.data?.items?.[0];
  if (!item?.sender) throw new LarkApiError(0, 200, 'im/v1/messages/:id returned no message');
  return {
    sender: { id: item.sender.id, type: item.sender.sender_type },
    type: item.msg_type ?? '',
    content: item.body?.content ?? '',
    deleted: item.deleted === true,
  };
}

/**
 * Reads a download to its end, or to one byte past `limit` and no further: the caller refuses a
 * file over the limit, and Lark serves up to 100 MB, which need not be held to be refused.
 */
async function readUpTo(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    // Leaving the loop destroys the stream, which closes the connection.
    if (size > limit) break;
  }
  return Buffer.concat(chunks).subarray(0, limit + 1);
}

/** A refused download's body is a stream too: its `{code, msg}` is read from it. */
async function refusalOf(e: unknown): Promise<unknown> {
  const response = (e as { response?: { status?: number; data?: unknown } }).response;
  const body = response?.data as Readable | undefined;
  if (!response || typeof body?.[Symbol.asyncIterator] !== 'function') return e;
  const text = (await readUpTo(body, 64 * 1024).catch(() => Buffer.alloc(0))).toString('utf8');
  let answer: { code?: number; msg?: string } = {};
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    // Not Lark's JSON (a proxy's page): the status says enough.
  }
  return new LarkApiError(
    answer.code ?? 0,
    response.status ?? 0,
    answer.msg ?? `HTTP ${response.status}`,
  );
}

/**
 * The bytes of a picture or file in a message (the message-resource API; `type` image or file).
 * A download whose Content-Length is over `limit` is handed to `refuse`, and left unread when that
 * throws; one without a length is read to `limit` and one byte more, and cut there, so that it is
 * still refused by its size.
 */
export async function download(
  api: LarkOpenApi,
  ref: ReceivedRef,
  limit: number,
  refuse: (bytes: number) => void,
): Promise<Buffer> {
  let answer;
  try {
    answer = await api.client.im.v1.messageResource.get({
      path: { message_id: ref.message, file_key: ref.key },
      params: { type: ref.type },
    });
  } catch (e) {
    throw await refusalOf(e);
  }
  const stream = answer.getReadableStream();
  const declared = Number((answer.headers as Record<string, unknown>)['content-length']);
  try {
    if (declared > limit) refuse(declared);
  } catch (e) {
    stream.destroy();
    throw e;
  }
  return readUpTo(stream, limit);
}
