import type { webApi } from '@slack/bolt';
import type { Actor } from '../../src/domain/people';
import { actorByIdentity, registerChatUser } from '../../src/services/actors';
import type { Core } from '../../src/services/core';

/**
 * The person behind a Slack user id. Someone the organisation file does not list is registered on
 * first contact from users.info as an employee; roles come only from the file.
 */
export async function slackActor(
  core: Core,
  client: webApi.WebClient,
  userId: string,
): Promise<Actor> {
  const known = await actorByIdentity(core, 'slack', userId);
  if (known) return known;
  const { user } = await client.users.info({ user: userId });
  return registerChatUser(core, 'slack', userId, {
    name: user?.real_name || user?.profile?.real_name || user?.name || userId,
    email: user?.profile?.email,
  });
}
