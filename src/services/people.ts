import { In } from 'typeorm';
import type { Actor, Locale } from '../domain/people';
import { PersonEntity, RoleAssignmentEntity } from '../store/entities';
import type { Core } from './core';

/** The language a person chose, or null where they chose none (or are unknown). */
export async function personLocale(core: Core, personId: number): Promise<Locale | null> {
  const person = await core.store.manager.findOneBy(PersonEntity, { id: personId });
  return person?.locale ?? null;
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
