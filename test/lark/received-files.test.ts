import { AppType, Client, LoggerLevel } from '@larksuiteoapi/node-sdk';
import { LarkApiError, LarkOpenApi } from '../../adapters/lark/open-api';
import { download, messageOf, resourceOf } from '../../adapters/lark/received-files';
import { timedHttp } from '../../adapters/lark/timed-http';
import { FakeLark } from './fake-lark';
import { openIds } from './harness';

const quiet = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };
const unrefused = (size: number) => {
  throw new Error(`refused a download of ${size} bytes`);
};

describe('R1 pictures and files people send the bot on Lark', () => {
  const lark = new FakeLark();
  let api: LarkOpenApi;
  beforeAll(async () => {
    await lark.start();
    const client = new Client({
      appId: 'cli_test',
      appSecret: lark.secret,
      domain: lark.url,
      appType: AppType.SelfBuild,
      logger: quiet,
      loggerLevel: LoggerLevel.fatal,
      httpInstance: timedHttp(4_000),
    });
    api = new LarkOpenApi(client);
  });
  afterAll(() => lark.stop());

  test('an image message names its image_key, a file message its file_key and name; other kinds none', () => {
    expect(resourceOf('image', '{"image_key":"img_v3_1"}')).toEqual({
      key: 'img_v3_1',
      type: 'image',
    });
    expect(resourceOf('file', '{"file_key":"file_v3_1","file_name":"工资条.pdf"}')).toEqual({
      key: 'file_v3_1',
      type: 'file',
      name: '工资条.pdf',
    });
    expect(resourceOf('text', '{"text":"hi"}')).toBeNull();
    expect(resourceOf('image', '{"file_key":"file_v3_1"}')).toBeNull();
    expect(resourceOf('file', 'not json')).toBeNull();
  });

  test('the message-resource API gives the bytes a person sent, and im.message.get their open_id', async () => {
    const bytes = Buffer.from('%PDF-1.4 a letter of complaint');
    const sent = lark.receive(openIds.huBin, 'file', bytes, '投诉信.pdf');
    const ref = { message: sent.messageId, key: sent.key, type: sent.type };
    await expect(download(api, ref, 1024, unrefused)).resolves.toEqual(bytes);
    await expect(lark.downloads.at(-1)).resolves.toBe('whole');
    const message = await messageOf(api, sent.messageId);
    expect(message.sender).toEqual({ id: openIds.huBin, type: 'user' });
    expect(resourceOf(message.type, message.content)).toEqual({
      key: sent.key,
      type: 'file',
      name: '投诉信.pdf',
    });
  });

  test('a download whose stated length is over the limit is refused with that length, unread', async () => {
    const big = Buffer.alloc(8 * 1024 * 1024, 7);
    const sent = lark.receive(openIds.huBin, 'image', big);
    const ref = { message: sent.messageId, key: sent.key, type: 'image' as const };
    const refuse = jest.fn((size: number) => {
      throw new Error(`too large: ${size}`);
    });
    await expect(download(api, ref, 1000, refuse)).rejects.toThrow(`too large: ${big.length}`);
    expect(refuse).toHaveBeenCalledTimes(1);
    await expect(lark.downloads.at(-1)).resolves.toBe('cut');
  });

  test('a download of no stated length is cut one byte past the limit, and the rest is never read', async () => {
    lark.chunkedDownloads = true;
    try {
      const big = Buffer.alloc(8 * 1024 * 1024, 7);
      const sent = lark.receive(openIds.huBin, 'image', big);
      const ref = { message: sent.messageId, key: sent.key, type: 'image' as const };
      const got = await download(api, ref, 1000, unrefused);
      expect(got.length).toBe(1001);
      await expect(lark.downloads.at(-1)).resolves.toBe('cut');
    } finally {
      lark.chunkedDownloads = false;
    }
  });

  test('a key that is not in the message is refused with Lark’s own code, read from the stream', async () => {
    const sent = lark.receive(openIds.huBin, 'image', Buffer.from('x'));
    const ref = { message: sent.messageId, key: 'img_v3_someone_else', type: 'image' as const };
    const refusal = await download(api, ref, 1000, unrefused).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(LarkApiError);
    expect(refusal).toMatchObject({ code: 234003, status: 400 });
  });
});
