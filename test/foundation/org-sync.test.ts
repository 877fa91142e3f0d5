import { readFileSync } from 'node:fs';
import { parseOrganisation } from '../../src/config/org';
import {
  IdentityEntity,
  PersonEntity,
  RoleAssignmentEntity,
  CategoryEntity,
} from '../../src/store/entities';
import { syncOrganisation } from '../../src/store/org-sync';
import type { Store } from '../../src/store/store';
import { eachDatabase, migratedStore } from '../support/databases';

const example = readFileSync('org.example.yaml', 'utf8');
const now = new Date('2026-11-02T01:00:00Z');

eachDatabase('loading the organisation file', (db) => {
  let store: Store;
  beforeAll(async () => {
    store = await migratedStore(db());
  });

  test('loading the same file twice changes nothing', async () => {
    const org = parseOrganisation(example, 'org.example.yaml');
    await syncOrganisation(store, org, now);
    const count = async () => ({
      people: await store.manager.count(PersonEntity),
      identities: await store.manager.count(IdentityEntity),
      roles: await store.manager.count(RoleAssignmentEntity),
      categories: await store.manager.count(CategoryEntity),
    });
    const first = await count();
    await syncOrganisation(store, org, now);
    expect(await count()).toEqual(first);
    expect(first.people).toBe(org.people.length);
    expect(first.categories).toBe(3 + org.rules.length);
  });

  test('a person who leaves the file is deactivated with no roles, never deleted', async () => {
    const without = example.replace(/ {2}- id: wu\.hao\n(?: {4}.*\n)+/, '');
    await syncOrganisation(store, parseOrganisation(without, 'org.yaml'), now);
    const wu = await store.manager.findOneByOrFail(PersonEntity, { orgKey: 'wu.hao' });
    expect(wu.active).toBe(false);
    expect(await store.manager.countBy(RoleAssignmentEntity, { personId: wu.id })).toBe(0);

    await syncOrganisation(store, parseOrganisation(example, 'org.yaml'), now);
    const back = await store.manager.findOneByOrFail(PersonEntity, { orgKey: 'wu.hao' });
    expect(back).toMatchObject({ id: wu.id, active: true });
  });

  test('roles come only from the file: a role removed there is removed here', async () => {
    const demoted = example.replace(
      '      - { role: handler }\n      - { role: review_board }\n      - { role: custodian }',
      '      - { role: handler }\n      - { role: review_board }',
    );
    await syncOrganisation(store, parseOrganisation(demoted, 'org.yaml'), now);
    const chen = await store.manager.findOneByOrFail(PersonEntity, { orgKey: 'chen.jing' });
    const roles = await store.manager.findBy(RoleAssignmentEntity, { personId: chen.id });
    expect(roles.map((r) => r.role).sort()).toEqual(['department_head', 'handler', 'review_board']);
    expect(roles.find((r) => r.role === 'handler')?.scope).toBe('union');
  });

  test('a chat identity registered on first contact moves to the person the file names', async () => {
    const stranger = await store.manager.save(PersonEntity, {
      orgKey: 'chat:slack:U0NEWCOMER',
      name: 'newcomer',
      departmentId: null,
      locale: null,
      active: true,
      createdAt: now,
    });
    await store.manager.insert(IdentityEntity, {
      personId: stranger.id,
      kind: 'slack',
      externalId: 'U0NEWCOMER',
    });
    await syncOrganisation(
      store,
      parseOrganisation(example.replace('slack: U0B7HUBIN0', 'slack: U0NEWCOMER'), 'org.yaml'),
      now,
    );
    const hu = await store.manager.findOneByOrFail(PersonEntity, { orgKey: 'hu.bin' });
    const identity = await store.manager.findOneByOrFail(IdentityEntity, {
      kind: 'slack',
      externalId: 'U0NEWCOMER',
    });
    expect(identity.personId).toBe(hu.id);
    expect(await store.manager.findOneByOrFail(PersonEntity, { id: stranger.id })).toMatchObject({
      active: true,
    });
  });
});
