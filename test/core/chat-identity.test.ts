import { actorByIdentity } from '../../src/services/actors';
import { PersonEntity } from '../../src/store/entities';
import { eachDatabase } from '../support/databases';
import { exampleOrg, World } from '../support/world';

eachDatabase('R32 who a chat user is', (db) => {
  let w: World;
  beforeAll(async () => {
    w = await World.open(db(), exampleOrg);
  });

  test('R32 a chat id names its person as the organisation file lists them, with every role they hold', async () => {
    const actor = await actorByIdentity(w.core, 'slack', 'U0A5CHENJI');
    expect(actor?.person).toMatchObject({
      id: await w.idOf('chen.jing'),
      orgKey: 'chen.jing',
      name: '陈静',
      departmentId: 'union',
      active: true,
    });
    expect(actor?.person.createdAt).toBeInstanceOf(Date);
    expect(actor?.roles.map((r) => r.role).sort()).toEqual(
      ['custodian', 'department_head', 'handler', 'review_board'].sort(),
    );
  });

  test('R32 a chat id of a person with no role names them with none; an unknown id names no one', async () => {
    const actor = await actorByIdentity(w.core, 'slack', 'U0B7HUBIN0');
    expect(actor?.person.orgKey).toBe('hu.bin');
    expect(actor?.roles).toEqual([]);
    expect(await actorByIdentity(w.core, 'slack', 'U0NOBODY00')).toBeNull();
  });

  test('R6 the chat id of a person no longer active names no one', async () => {
    await w.store.transaction((m) =>
      m.update(PersonEntity, { orgKey: 'hu.bin' }, { active: false }),
    );
    expect(await actorByIdentity(w.core, 'slack', 'U0B7HUBIN0')).toBeNull();
  });
});
