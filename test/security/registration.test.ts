import { readFileSync } from 'node:fs';
import { parseOrganisation } from '../../src/config/org';
import { Refusal } from '../../src/domain/refusal';
import { registerChatUser, type ChatProfile } from '../../src/services/actors';
import { caseFile } from '../../src/services/read-models';
import { IdentityEntity, PersonEntity } from '../../src/store/entities';
import { syncOrganisation } from '../../src/store/org-sync';
import { LarkHarness } from '../lark/harness';
import { eventually } from '../slack/fake-slack';
import { SlackHarness } from '../slack/harness';
import { eachDatabase } from '../support/databases';
import { exampleOrg, World } from '../support/world';

const example = readFileSync('org.example.yaml', 'utf8');
/** The example organisation after hu.bin has left the company. */
const withoutHuBin = parseOrganisation(
  example.replace(/ {2}- id: hu\.bin\n(?: {4}.*\n)+/, ''),
  'org.yaml',
);
const newcomer = (email: string, workspace = 'T1'): ChatProfile => ({
  name: '新同事',
  email,
  workspace,
  home: 'T1',
});

eachDatabase('R6 registration that cannot impersonate', (db) => {
  let w: World;
  let number: string;
  beforeAll(async () => {
    w = await World.open(db(), exampleOrg);
    number = (await w.file('hu.bin', { mode: 'confidential' })).number;
  });

  test("R6 a departed person's chat ids and e-mail are retired: they keep their history, nobody holds them", async () => {
    const huBin = await w.idOf('hu.bin');
    await syncOrganisation(w.store, withoutHuBin, w.clock.now());
    expect(await w.store.manager.findOneByOrFail(PersonEntity, { id: huBin })).toMatchObject({
      active: false,
      name: '胡斌',
    });
    expect(await w.store.manager.countBy(IdentityEntity, { personId: huBin })).toBe(0);
    expect(await w.store.manager.query('SELECT petition_id FROM petition_parties')).toHaveLength(1);
  });

  test("R6 a newcomer given a departed person's e-mail is registered as someone new, who cannot see the departed person's cases", async () => {
    const huBin = await w.idOf('hu.bin');
    await syncOrganisation(w.store, withoutHuBin, w.clock.now());
    const actor = await registerChatUser(
      w.core,
      'slack',
      'U0NEWCOMER',
      newcomer('hu.bin@shuchuan.example'),
    );
    expect(actor.person.id).not.toBe(huBin);
    expect(actor.person).toMatchObject({ name: '新同事', orgKey: 'chat:slack:U0NEWCOMER' });
    expect(actor.roles).toEqual([]);
    await expect(caseFile(w.core, actor, number)).rejects.toMatchObject({
      key: 'refusal.not_found',
    });
  });

  test('R6 an e-mail still held by an inactive person (a database loaded before retirement) joins no one', async () => {
    const wuHao = await w.idOf('wu.hao');
    // What a database loaded by an older release holds: deactivated, identities still in place.
    await w.store.transaction((m) => m.update(PersonEntity, { id: wuHao }, { active: false }));
    const actor = await registerChatUser(
      w.core,
      'lark_open_id',
      'ou_newcomer_wu',
      newcomer('wu.hao@shuchuan.example'),
    );
    expect(actor.person.id).not.toBe(wuHao);
    expect(actor.person.orgKey).toBe('chat:lark_open_id:ou_newcomer_wu');
  });

  test('R6 an active listed person is still found by e-mail from a new chat account', async () => {
    const zhaoMin = await w.idOf('zhao.min');
    const actor = await registerChatUser(
      w.core,
      'lark_open_id',
      'ou_zhao_second',
      newcomer('Zhao.Min@shuchuan.example'),
    );
    expect(actor.person.id).toBe(zhaoMin);
  });

  test('R6 a user of another Slack team or Lark tenant is registered as no one', async () => {
    const people = await w.store.manager.count(PersonEntity);
    const refused = await registerChatUser(
      w.core,
      'slack',
      'U0GUEST001',
      newcomer('zhao.min@shuchuan.example', 'T_OTHER'),
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Refusal);
    expect((refused as Refusal).key).toBe('refusal.foreign_workspace');
    const unknown = await registerChatUser(w.core, 'lark_open_id', 'ou_guest', {
      ...newcomer('x@example.com'),
      workspace: undefined,
    }).catch((e: unknown) => e);
    expect((unknown as Refusal).key).toBe('refusal.foreign_workspace');
    expect(await w.store.manager.count(PersonEntity)).toBe(people);
    expect(await w.store.manager.countBy(IdentityEntity, { externalId: 'U0GUEST001' })).toBe(0);
  });
});

describe('R6 the chat adapters say which team or tenant a new user belongs to', () => {
  const slack = new SlackHarness();
  const lark = new LarkHarness();
  beforeAll(async () => {
    await slack.start('sqlite::memory:', (fake) =>
      fake.profiles.set('U0GUEST002', { team_id: 'T_OTHER', email: 'zhao.min@shuchuan.example' }),
    );
    await lark.start('sqlite::memory:');
  });
  afterAll(async () => {
    await slack.stop();
    await lark.stop();
  });
  const registered = (h: SlackHarness | LarkHarness, orgKey: string) =>
    h.bot.app.store.manager.countBy(PersonEntity, { orgKey });

  test('R6 a Slack Connect guest from another team is registered as no one; a member of the team is', async () => {
    await slack.client.command('U0GUEST002', 'mine');
    await slack.client.command('U0LOCAL001', 'mine');
    await eventually(async () => (await registered(slack, 'chat:slack:U0LOCAL001')) === 1);
    await eventually(() => slack.slack.of('users.info').some((a) => a.user === 'U0GUEST002'));
    await new Promise((r) => setTimeout(r, 200));
    expect(await registered(slack, 'chat:slack:U0GUEST002')).toBe(0);
    // Not joined by the e-mail to the listed person either.
    expect(
      await slack.bot.app.store.manager.countBy(IdentityEntity, { externalId: 'U0GUEST002' }),
    ).toBe(0);
  });

  test('R6 a Lark user of another tenant is registered as no one, and their profile is not looked up', async () => {
    await lark.events.message('ou_guest0001', '我的', { tenant: 'tenant_other' });
    await lark.events.message('ou_local0001', '我的');
    await lark.settle();
    expect(await registered(lark, 'chat:lark_open_id:ou_guest0001')).toBe(0);
    expect(lark.lark.to('ou_guest0001').map((m) => m.content)).toEqual([
      { text: '只有本单位工作区（团队或租户）的成员才能使用信访机器人。' },
    ]);
    expect(await registered(lark, 'chat:lark_open_id:ou_local0001')).toBe(1);
    const lookups = lark.lark.calls.filter((c) => c.path.startsWith('/open-apis/contact/'));
    expect(lookups.map((c) => c.path)).toEqual(['/open-apis/contact/v3/users/ou_local0001']);
  });
});
