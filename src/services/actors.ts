import type { EntityManager } from 'typeorm';
import type { Actor, Person, Platform } from '../domain/people';
import { Refusal } from '../domain/refusal';
import { IdentityEntity, PersonEntity, RoleAssignmentEntity } from '../store/entities';
import { isDuplicateKey } from '../store/duplicate-key';
import { registeredKeyPrefix } from '../store/org-sync';
import type { Core } from './core';

async function withRoles(m: EntityManager, person: Person): Promise<Actor> {
  return { person, roles: await m.findBy(RoleAssignmentEntity, { personId: person.id }) };
}

export async function actorById(core: Core, personId: number): Promise<Actor> {
  const m = core.store.manager;
  const person = await m.findOneBy(PersonEntity, { id: personId });
  if (!person?.active) throw new Refusal('refusal.unknown_person', { who: String(personId) });
  return withRoles(m, person);
}

/** Finds a person by the organisation file's id or by exact name (the terminal's `as`). */
export async function actorByKeyOrName(core: Core, keyOrName: string): Promise<Actor> {
  const m = core.store.manager;
  const person =
    (await m.findOneBy(PersonEntity, { orgKey: keyOrName, active: true })) ??
    (await m.findOneBy(PersonEntity, { name: keyOrName, active: true }));
  if (!person) throw new Refusal('refusal.unknown_person', { who: keyOrName });
  return withRoles(m, person);
}

export async function actorByIdentity(
  core: Core,
  platform: Platform,
  externalId: string,
): Promise<Actor | null> {
  const m = core.store.manager;
  const identity = await m.findOneBy(IdentityEntity, { platform, externalId });
  if (!identity) return null;
  const person = await m.findOneBy(PersonEntity, { id: identity.personId });
  return person?.active ? withRoles(m, person) : null;
}

/**
 * First contact from a chat user the organisation file does not list: they become an employee
 * who may file and follow their own petitions, with no role (roles come only from the file).
 */
export async function registerChatUser(
  core: Core,
  platform: Platform,
  externalId: string,
  profile: { name: string; email?: string },
): Promise<Actor> {
  const known = await actorByIdentity(core, platform, externalId);
  if (known) return known;
  return register(core, platform, externalId, profile).catch(async (e: unknown) => {
    // Two first messages at once: the other registration won; use it.
    const winner = isDuplicateKey(e) ? await actorByIdentity(core, platform, externalId) : null;
    if (!winner) throw e;
    return winner;
  });
}

function register(
  core: Core,
  platform: Platform,
  externalId: string,
  profile: { name: string; email?: string },
): Promise<Actor> {
  return core.store.transaction(async (m) => {
    const byEmail = profile.email
      ? await m.findOneBy(IdentityEntity, {
          platform: 'email',
          externalId: profile.email.toLowerCase(),
        })
      : null;
    const person = byEmail
      ? await m.findOneByOrFail(PersonEntity, { id: byEmail.personId })
      : await m.save(PersonEntity, {
          orgKey: `${registeredKeyPrefix}${platform}:${externalId}`,
          name: profile.name,
          departmentId: null,
          locale: null,
          active: true,
          createdAt: core.clock.now(),
        });
    await m.insert(IdentityEntity, { personId: person.id, platform, externalId });
    return withRoles(m, person);
  });
}
