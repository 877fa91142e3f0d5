import type { webApi } from '@slack/bolt';
import type { Actor } from '../../src/domain/people';
import { actorByIdentity, registerChatUser } from '../../src/services/actors';
import type { Core } from '../../src/services/core';

const homeTeams = new WeakMap<webApi.WebClient, Promise<string>>();

/** The bot's own team (auth.test), asked once per client. */
function homeTeam(client: webApi.WebClient): Promise<string> {
  let team = homeTeams.get(client);
  if (!team) {
    team = client.auth.test().then((answer) => String(answer.team_id));
    homeTeams.set(client, team);
    team.catch(() => homeTeams.delete(client));
  }
  return team;
}

/**
 * The person behind a Slack user id. Someone the organisation file does not list is registered on
 * first contact from users.info as an employee; roles come only from the file. A user of another
 * team (a Slack Connect guest) carries that team's id in users.info and is registered as no one.
 */
export async function slackActor(
  core: Core,
  client: webApi.WebClient,
  userId: string,
): Promise<Actor> {
  const known = await actorByIdentity(core, 'slack', userId);
  if (known) return known;
  const [{ user }, home] = await Promise.all([
    client.users.info({ user: userId }),
    homeTeam(client),
  ]);
  return registerChatUser(core, 'slack', userId, {
    name: user?.real_name || user?.profile?.real_name || user?.name || userId,
    email: user?.profile?.email,
    workspace: user?.team_id,
    home,
  });
}
