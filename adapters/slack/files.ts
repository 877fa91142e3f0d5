import type { webApi } from '@slack/bolt';
import type { DeskFile } from '../../src/presenters/desk-file';

/**
 * R29: files the desk made, uploaded into the asker's own DM, never the channel they asked in.
 * `files.uploadV2` needs a channel id, and a DM's is not the user id: `conversations.open` gives it.
 */
export async function sendFiles(
  client: webApi.WebClient,
  user: string,
  files: DeskFile[],
): Promise<void> {
  const opened = await client.conversations.open({ users: user });
  const channel = opened.channel?.id;
  if (!channel) throw new Error('conversations.open returned no channel');
  for (const file of files) {
    await client.filesUploadV2({
      channel_id: channel,
      file: file.data,
      filename: file.name,
      title: file.title,
    });
  }
}
