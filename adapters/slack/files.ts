import type { webApi } from '@slack/bolt';
import type { DeskFile } from '../../src/presenters/desk-file';

/**
 * The channel id of the app's DM with a user: `files.uploadV2` needs one, and a DM's is not the
 * user id, so only an upload asks `conversations.open` (Tier 3) for it.
 */
export async function dmChannelOf(client: webApi.WebClient, user: string): Promise<string> {
  const channel = (await client.conversations.open({ users: user })).channel?.id;
  if (!channel) throw new Error('conversations.open returned no channel');
  return channel;
}

/** R29: files the desk made, uploaded into the asker's own DM, never the channel they asked in. */
export async function sendFiles(
  client: webApi.WebClient,
  user: string,
  files: DeskFile[],
): Promise<void> {
  const channel = await dmChannelOf(client, user);
  for (const file of files) {
    await client.filesUploadV2({
      channel_id: channel,
      file: file.data,
      filename: file.name,
      title: file.title,
    });
  }
}
