import type { Actor } from '../../src/domain/people';
import { actorByIdentity, registerChatUser } from '../../src/services/actors';
import type { Core } from '../../src/services/core';
import type { LarkOpenApi } from './open-api';

/**
 * Where a Lark event came from: `home` is the envelope's tenant_key, the tenant the (self-built)
 * app belongs to; `of` is the user's own tenant where the event gives one (a message's sender, a
 * card's operator). Events that name no user tenant (a menu click, opening the bot's chat) happen
 * inside the app's own tenant.
 */
export interface LarkTenants {
  home: string | undefined;
  of: string | undefined;
}

/**
 * The person behind a Lark open_id. Someone the organisation file does not list is registered on
 * first contact from the contact API as an employee (joined to an active listed person with the
 * same e-mail); roles come only from the file. A user of another tenant is registered as no one.
 */
export async function larkActor(
  core: Core,
  api: LarkOpenApi,
  openId: string,
  tenants: LarkTenants,
): Promise<Actor> {
  const known = await actorByIdentity(core, 'lark_open_id', openId);
  if (known) return known;
  const home = tenants.home ?? '';
  const workspace = tenants.of ?? tenants.home;
  // A guest is refused by the core before their profile is even asked for.
  if (workspace !== home) {
    return registerChatUser(core, 'lark_open_id', openId, { name: openId, workspace, home });
  }
  const profile = await api.profile(openId);
  return registerChatUser(core, 'lark_open_id', openId, {
    name: profile.name ?? openId,
    email: profile.email,
    workspace,
    home,
  });
}
