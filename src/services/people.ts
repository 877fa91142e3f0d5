import { In } from 'typeorm';
import type { Actor, Locale } from '../domain/people';
import type { Recipient } from '../notices/notice';
import { personBehind } from '../store/custody';
import { PersonEntity, RoleAssignmentEntity } from '../store/entities';
import type { Core } from './core';

/** The language a person chose, or null where they chose none (or are unknown). */
export async function personLocale(core: Core, personId: number): Promise<Locale | null> {
  const person = await core.store.manager.findOneBy(PersonEntity, { id: personId });
  return person?.locale ?? null;
}

/**
 * The person a notice is addressed to: in person, or behind a relay id (R6), found when the
 * notice is delivered; null for a channel.
 */
export async function readerOf(core: Core, to: Recipient): Promise<number | null> {
  if (to.kind === 'person') return Number(to.id);
  if (to.kind !== 'relay') return null;
  return personBehind(core.store.manager, core.store.custody, to.id);
}

/** The language of a notice's reader; null for a channel. */
export async function readerLocale(core: Core, to: Recipient): Promise<Locale | null> {
  const personId = await readerOf(core, to);
  return personId === null ? null : personLocale(core, personId);
}

/** Everyone active, in the order of the organisation file, each with their roles. */
export async function activePeople(core: Core): Promise<Actor[]> {
  const m = core.store.manager;
  const people = await m.find(PersonEntity, { where: { active: true }, order: { id: 'ASC' } });
  if (people.length === 0) return [];
  const roles = await m.findBy(RoleAssignmentEntity, { personId: In(people.map((p) => p.id)) });
  const actors = new Map<number, Actor>(people.map((person) => [person.id, { person, roles: [] }]));
  for (const role of roles) actors.get(role.personId)?.roles.push(role);
  return [...actors.values()];
}
