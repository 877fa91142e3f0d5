import { In, Not, type EntityManager } from 'typeorm';
import type { Organisation } from '../config/org';
import type { OrgPersonEntry } from '../config/org-schema';
import type { IdentityKind, Role } from '../domain/people';
import {
  CategoryCoDepartmentEntity,
  CategoryEntity,
  DepartmentEntity,
  IdentityEntity,
  PersonEntity,
  RoleAssignmentEntity,
} from './entities';
import type { Store } from './store';

/** Prefix of people registered on first contact from a chat platform rather than the org file. */
export const registeredKeyPrefix = 'chat:';

function identitiesOf(p: OrgPersonEntry): [IdentityKind, string][] {
  const ids: [IdentityKind, string][] = [];
  if (p.slack) ids.push(['slack', p.slack]);
  if (p.lark) ids.push(['lark_open_id', p.lark.openId]);
  if (p.lark?.unionId) ids.push(['lark_union_id', p.lark.unionId]);
  if (p.email) ids.push(['email', p.email.toLowerCase()]);
  return ids;
}

function rolesOf(p: OrgPersonEntry): { role: Role; scope: string }[] {
  return p.roles.flatMap((r): { role: Role; scope: string }[] => {
    if (r.role === 'liaison') return [{ role: r.role, scope: r.team }];
    if (r.role === 'handler' || r.role === 'department_head' || r.role === 'leader') {
      return (r.departments ?? [p.department]).map((scope) => ({ role: r.role, scope }));
    }
    return [{ role: r.role, scope: '' }];
  });
}

async function syncDepartments(m: EntityManager, org: Organisation) {
  const repo = m.getRepository(DepartmentEntity);
  for (const d of org.departments) {
    await repo.save({
      id: d.id,
      nameZh: d.name.zh,
      nameEn: d.name.en,
      slackChannel: d.channel?.slack ?? null,
      larkChat: d.channel?.lark ?? null,
      active: true,
    });
  }
  await repo.update({ id: Not(In(org.departments.map((d) => d.id))) }, { active: false });
}

async function syncCategories(m: EntityManager, org: Organisation) {
  const repo = m.getRepository(CategoryEntity);
  const ids: string[] = [];
  let order = 0;
  for (const c of org.categories) {
    ids.push(c.id);
    await repo.save({
      id: c.id,
      parentId: null,
      nameZh: c.name.zh,
      nameEn: c.name.en,
      leadDepartmentId: c.lead ?? null,
      limitKind: c.limit ?? null,
      sortOrder: order++,
      active: true,
    });
  }
  for (const rule of org.rules) {
    ids.push(rule.id);
    await repo.save({
      id: rule.id,
      parentId: rule.parentId,
      nameZh: rule.name.zh,
      nameEn: rule.name.en,
      leadDepartmentId: rule.lead,
      limitKind: rule.limit,
      sortOrder: order++,
      active: true,
    });
  }
  await repo.update({ id: Not(In(ids)) }, { active: false });
  const co = m.getRepository(CategoryCoDepartmentEntity);
  // A DELETE, not clear(): MySQL's TRUNCATE would commit the sync half-way.
  await co.createQueryBuilder().delete().execute();
  const links = org.rules.flatMap((r) => r.co.map((d) => ({ categoryId: r.id, departmentId: d })));
  if (links.length > 0) await co.insert(links);
}

async function syncPeople(m: EntityManager, org: Organisation, now: Date) {
  const people = m.getRepository(PersonEntity);
  const identities = m.getRepository(IdentityEntity);
  const roles = m.getRepository(RoleAssignmentEntity);
  const keys = org.people.map((p) => p.id);
  for (const entry of org.people) {
    const existing = await people.findOneBy({ orgKey: entry.id });
    const person = await people.save({
      ...(existing ?? { createdAt: now }),
      orgKey: entry.id,
      name: entry.name,
      departmentId: entry.department,
      locale: entry.locale ?? null,
      active: true,
      leftAt: null,
    });
    const wanted = identitiesOf(entry);
    for (const [kind, externalId] of wanted) {
      // An identity first seen in chat (someone registered on first contact) moves to the
      // person the organisation file names, so their cases follow them.
      const held = await identities.findOneBy({ kind, externalId });
      if (!held) await identities.insert({ personId: person.id, kind, externalId });
      else if (held.personId !== person.id)
        await identities.update(held.id, { personId: person.id });
    }
    const stale = (await identities.findBy({ personId: person.id })).filter(
      (i) => !wanted.some(([k, e]) => k === i.kind && e === i.externalId),
    );
    if (stale.length > 0) await identities.delete(stale.map((i) => i.id));
    await roles.delete({ personId: person.id });
    const held = rolesOf(entry);
    if (held.length > 0) await roles.insert(held.map((r) => ({ ...r, personId: person.id })));
  }
  // People who left the file keep their history: deactivated, never deleted, without roles, and
  // with their chat ids and e-mail retired (R6), so whoever is given them next is someone new.
  const gone = (await people.findBy({ orgKey: Not(In(keys)) })).filter(
    (p) => !p.orgKey.startsWith(registeredKeyPrefix),
  );
  const ids = gone.map((p) => p.id);
  if (ids.length > 0) {
    // Only a departure dates: a sync run again while they stay away keeps the day they left.
    await people.update({ id: In(ids), active: true }, { active: false, leftAt: now });
    await roles.delete({ personId: In(ids) });
    await identities.delete({ personId: In(ids) });
  }
}

/** Loads the organisation file into the database; running it twice changes nothing. */
export async function syncOrganisation(store: Store, org: Organisation, now: Date): Promise<void> {
  await store.transaction(async (m) => {
    await syncDepartments(m, org);
    await syncCategories(m, org);
    await syncPeople(m, org, now);
  });
}
