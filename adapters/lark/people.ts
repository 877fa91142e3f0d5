import type { Actor } from '../../src/domain/people';
import { actorByIdentity, registerChatUser } from '../../src/services/actors';
import type { Core } from '../../src/services/core';
import type { LarkOpenApi } from './open-api';

/**
 * The person behind a Lark open_id. Someone the organisation file does not list is registered on
 * first contact from the contact API as an employee (joined to a listed person with the same
 * e-mail); roles come only from the file.
 */
export async function larkActor(core: Core, api: LarkOpenApi, openId: string): Promise<Actor> {
  const known = await actorByIdentity(core, 'lark_open_id', openId);
  if (known) return known;
  const profile = await api.profile(openId);
  return registerChatUser(core, 'lark_open_id', openId, {
    name: profile.name ?? openId,
    email: profile.email,
  });
}
