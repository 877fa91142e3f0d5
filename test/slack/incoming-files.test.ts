import { webApi } from '@slack/bolt';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileFrom } from '../../adapters/slack/incoming-files';
import { Refusal } from '../../src/domain/refusal';
import { FakeSlack } from './fake-slack';
import { users } from './harness';

describe('R30 a file someone gave Slack, fetched for the attach step', () => {
  const slack = new FakeSlack();
  let client: webApi.WebClient;
  const limit = (bytes: number) => {
    if (bytes > 1000) throw new Refusal('refusal.attachment_too_large');
  };
  const refusalOf = (p: Promise<unknown>) =>
    p.then(
      () => 'taken',
      (e: unknown) => (e instanceof Refusal ? e.key : String(e)),
    );

  beforeAll(async () => {
    await slack.start();
    client = new webApi.WebClient('xoxb-test', {
      slackApiUrl: `${slack.url}/api/`,
      retryConfig: { retries: 0 },
    });
  });
  afterAll(() => slack.stop());

  test("the sender's own file is fetched with the bot token: its name and bytes as uploaded", async () => {
    const bytes = Buffer.from('%PDF-1.7 工资条');
    const file = slack.files.upload(users.huBin, '工资条.pdf', bytes, 'application/pdf');
    expect(await fileFrom(client, file.id, users.huBin, limit)).toEqual({
      name: '工资条.pdf',
      bytes,
    });
    expect(slack.files.downloads.at(-1)).toEqual({ id: file.id, authorized: true });
  });

  test("a click naming another person's file, or one Slack no longer has, is refused, and nothing is fetched", async () => {
    const file = slack.files.upload(users.zhaoMin, '证据.png', Buffer.from('png'));
    const before = slack.files.downloads.length;
    expect(await refusalOf(fileFrom(client, file.id, users.huBin, limit))).toBe(
      'refusal.attachment_not_yours',
    );
    expect(await refusalOf(fileFrom(client, 'F0NOSUCH', users.huBin, limit))).toBe(
      'refusal.attachment_gone',
    );
    expect(slack.files.downloads.length).toBe(before);
  });

  test('a file over the limit is refused from its size before a byte is fetched', async () => {
    const file = slack.files.upload(users.huBin, 'big.pdf', Buffer.alloc(1001));
    const before = slack.files.downloads.length;
    expect(await refusalOf(fileFrom(client, file.id, users.huBin, limit))).toBe(
      'refusal.attachment_too_large',
    );
    expect(slack.files.downloads.length).toBe(before);
  });

  test('a file whose bytes run past the limit is refused once they do, whatever size Slack gave', async () => {
    const file = slack.files.upload(users.huBin, 'long.txt', Buffer.alloc(5000, 'a'));
    file.size = 10;
    expect(await refusalOf(fileFrom(client, file.id, users.huBin, limit))).toBe(
      'refusal.attachment_too_large',
    );
  });

  test('a download Slack stops sending halfway is given up, not waited on for ever', async () => {
    const file = slack.files.upload(users.huBin, 'half.txt', Buffer.alloc(800, 'a'));
    slack.files.stallNextDownload(file.id);
    await expect(fileFrom(client, file.id, users.huBin, limit, 300)).rejects.toThrow(
      /abort|timeout/i,
    );
  });

  test("Slack's sign-in page, its answer to a token it does not take, is never kept as the file", async () => {
    const stale = new webApi.WebClient('xoxb-revoked', {
      slackApiUrl: `${slack.url}/api/`,
      retryConfig: { retries: 0 },
    });
    const file = slack.files.upload(users.huBin, 'note.txt', Buffer.from('加班记录'));
    await expect(fileFrom(stale, file.id, users.huBin, limit)).rejects.toThrow(/HTTP 302/);
    expect(slack.files.downloads.at(-1)).toEqual({ id: file.id, authorized: false });
  });

  test('R30 a web page served in place of a file, or fewer bytes than Slack says the file has, is not kept as the file', async () => {
    const photo = slack.files.upload(users.huBin, '照片.jpg', Buffer.from('not really a jpeg'));
    slack.files.pageForNextDownload(photo.id);
    await expect(fileFrom(client, photo.id, users.huBin, limit)).rejects.toThrow(/web page/);
    const note = slack.files.upload(users.huBin, 'note.txt', Buffer.from('加班记录'));
    note.size += 10;
    await expect(fileFrom(client, note.id, users.huBin, limit)).rejects.toThrow(/bytes of a file/);
    const page = slack.files.upload(
      users.huBin,
      'page.html',
      Buffer.from('<p>规定</p>'),
      'text/html',
    );
    expect((await fileFrom(client, page.id, users.huBin, limit)).bytes.toString()).toBe(
      '<p>规定</p>',
    );
  });

  test('the bot token is never sent to an external file’s host', async () => {
    const seen: (string | undefined)[] = [];
    const elsewhere = express().get('/doc', (req, res) => {
      seen.push(req.get('authorization'));
      res.send('shared drive');
    });
    const server: Server = await new Promise((resolve) => {
      const s = elsewhere.listen(0, '127.0.0.1', () => resolve(s));
    });
    const { port } = server.address() as AddressInfo;
    try {
      const file = slack.files.linkExternal(users.huBin, 'drive', `http://127.0.0.1:${port}/doc`);
      expect(await refusalOf(fileFrom(client, file.id, users.huBin, limit))).toBe(
        'refusal.attachment_external',
      );
      expect(seen).toEqual([]);
    } finally {
      server.close();
    }
  });
});
