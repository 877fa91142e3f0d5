import type { EntityManager } from 'typeorm';
import type { Actor, IdentityKind, Person, RoleAssignment } from '../domain/people';
import { Refusal } from '../domain/refusal';
import { IdentityEntity, PersonEntity, RoleAssignmentEntity } from '../store/entities';
import { isDuplicateKey } from '../store/duplicate-key';
import { registeredKeyPrefix } from '../store/org-sync';
import { hydrated, selectList } from '../store/raw-rows';
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

/**
 * The active person a chat identity belongs to, with their roles, in one statement: every
 * command, click and form of a chat starts here.
 */
export function actorByIdentity(
  core: Core,
  kind: IdentityKind,
  externalId: string,
): Promise<Actor | null> {
  return identityActor(core, kind, externalId, false);
}

async function identityActor(
  core: Core,
  kind: IdentityKind,
  externalId: string,
  caughtUp: boolean,
): Promise<Actor | null> {
  const m = core.store.manager;
  const select = `SELECT ${selectList(m, PersonEntity, 'p')}, ${selectList(m, RoleAssignmentEntity, 'r')}
     FROM identities i
     JOIN people p ON p.id = i.person_id
     LEFT JOIN role_assignments r ON r.person_id = p.id
     WHERE i.kind = ? AND i.external_id = ?
     ORDER BY r.id`;
  const ask = async (sql: string) =>
    (await m.query(sql, [kind, externalId])) as Record<string, unknown>[];
  let rows = await ask(select);
  // Asked again only when no one has the identity: someone who left is known everywhere.
  if (caughtUp && rows.length === 0) rows = await ask(await core.store.caughtUp(select));
  const person = rows.length > 0 ? hydrated(m, PersonEntity, 'p', rows[0]) : null;
  if (!person?.active) return null;
  const roles = rows.map((row) => hydrated(m, RoleAssignmentEntity, 'r', row));
  return { person, roles: roles.filter((r): r is RoleAssignment => r !== null) };
}

/** What a chat platform tells about a user it has not introduced to us before. */
export interface ChatProfile {
  name: string;
  email?: string;
  /** The user's Slack team or Lark tenant, where the platform says. */
  workspace: string | undefined;
  /** The bot's own team or tenant: the only one whose members are registered. */
  home: string;
}

/**
 * First contact from a chat user the organisation file does not list: they become an employee
 * who may file and follow their own petitions, with no role (roles come only from the file).
 * R6: a guest from another team or tenant is registered as no one, and an e-mail joins the user
 * to a listed person only while that person is active, so a newcomer given a departed
 * colleague's address never sees the departed colleague's cases.
 *
 * R26: whether they are known is asked caught up with the cluster (`Store.caughtUp`; on a single
 * server every read is): a first contact through one node, then a form submitted through another
 * a moment later (opened with a command on one instance, sent to the next), would otherwise find
 * no one on the second node and register the same person again, the two registrations certified
 * against each other. Only an identity no one has is asked again so: a first contact, once. A
 * guest of another workspace is refused before anything is asked.
 */
export async function registerChatUser(
  core: Core,
  kind: IdentityKind,
  externalId: string,
  profile: ChatProfile,
): Promise<Actor> {
  if (profile.workspace !== profile.home) throw new Refusal('refusal.foreign_workspace');
  const known = await identityActor(core, kind, externalId, true);
  if (known) return known;
  return register(core, kind, externalId, profile).catch(async (e: unknown) => {
    // Two first messages at once: the other registration won; use it.
    const winner = isDuplicateKey(e) ? await actorByIdentity(core, kind, externalId) : null;
    if (!winner) throw e;
    return winner;
  });
}

async function activeByEmail(m: EntityManager, email: string | undefined): Promise<Person | null> {
  if (!email) return null;
  const identity = await m.findOneBy(IdentityEntity, {
    kind: 'email',
    externalId: email.toLowerCase(),
  });
  return identity ? m.findOneBy(PersonEntity, { id: identity.personId, active: true }) : null;
}

function register(
  core: Core,
  kind: IdentityKind,
  externalId: string,
  profile: ChatProfile,
): Promise<Actor> {
  return core.store.transaction(async (m) => {
    const person =
      (await activeByEmail(m, profile.email)) ??
      (await m.save(PersonEntity, {
        orgKey: `${registeredKeyPrefix}${kind}:${externalId}`,
        name: profile.name,
        departmentId: null,
        locale: null,
        active: true,
        leftAt: null,
        createdAt: core.clock.now(),
      }));
    await m.insert(IdentityEntity, { personId: person.id, kind, externalId });
    return withRoles(m, person);
  });
}
