import type { webApi } from '@slack/bolt';
import type { Upload } from '../../src/domain/attachment';
import { Refusal } from '../../src/domain/refusal';

/** What Slack says about a file (files.info), as much of it as deciding and fetching needs. */
interface FileFacts {
  name?: string;
  title?: string;
  user?: string;
  size?: number;
  mimetype?: string;
  mode?: string;
  url_private_download?: string;
}

/**
 * A download of up to the attachment limit runs in the follow-up work, not inside Slack's three
 * seconds: it may take longer than an API call, but a Slack that stops sending cannot hold it.
 */
const downloadTimeoutMs = 30_000;

/**
 * Only Slack's own hosts are sent the bot token: an external file (a Google Drive link, say) has a
 * `url_private` elsewhere, and the token must never leave for it.
 */
function slackHosted(client: webApi.WebClient, url: string): boolean {
  const origin = new URL(url).origin;
  return origin === 'https://files.slack.com' || origin === new URL(client.slackApiUrl).origin;
}

async function factsOf(client: webApi.WebClient, fileId: string): Promise<FileFacts> {
  try {
    return ((await client.files.info({ file: fileId })).file ?? {}) as FileFacts;
  } catch (e) {
    const error = (e as { data?: { error?: string } }).data?.error;
    if (error === 'file_not_found' || error === 'file_deleted') {
      throw new Refusal('refusal.attachment_gone');
    }
    throw e;
  }
}

/**
 * The body, read only while its size passes the check: a larger file is never held whole (leaving
 * the loop cancels the rest of the download).
 */
async function readChecked(response: Response, checkSize: (bytes: number) => void) {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of response.body ?? []) {
    total += chunk.length;
    checkSize(total);
    parts.push(Buffer.from(chunk));
  }
  return Buffer.concat(parts);
}

/**
 * The bytes of a file `sender` gave Slack (in the DM or the filing modal), fetched with the bot
 * token from its `url_private_download`. Slack is asked who sent it (files.info), never the button
 * that names it, so a forged click naming another person's file gets nothing. A file over the
 * limit (`checkSize` refuses it) is refused from its size before any byte is fetched.
 */
export async function fileFrom(
  client: webApi.WebClient,
  fileId: string,
  sender: string,
  checkSize: (bytes: number) => void,
  timeoutMs = downloadTimeoutMs,
): Promise<Upload> {
  const file = await factsOf(client, fileId);
  const url = file.url_private_download;
  if (file.user !== sender) throw new Refusal('refusal.attachment_not_yours');
  if (file.mode === 'external' || !url || !slackHosted(client, url)) {
    throw new Refusal('refusal.attachment_external');
  }
  checkSize(file.size ?? 0);
  // Slack answers a request it does not accept with a redirect to its sign-in page, which is
  // never to be kept as the file.
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${client.token}` },
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  });
  // The file's id is not logged: with a token it tells who uploaded it (R6).
  if (response.status !== 200) throw new Error(`Slack served a file with HTTP ${response.status}`);
  // A page instead of the file (an error, a sign-in) would pass as text: it is not the file.
  const html = /^text\/html/i;
  if (html.test(response.headers.get('content-type') ?? '') && !html.test(file.mimetype ?? '')) {
    throw new Error('Slack served a web page for a file');
  }
  const bytes = await readChecked(response, checkSize);
  if (file.size !== undefined && bytes.length !== file.size) {
    throw new Error(`Slack served ${bytes.length} bytes of a file of ${file.size}`);
  }
  return { name: file.name || file.title || fileId, bytes };
}
