import { actorByKeyOrName } from '../../src/services/actors';
import { today } from '../../src/services/core';
import { registerPolicy } from '../../src/services/policy';
import { PetitionEntity } from '../../src/store/entities';
import { eachDatabase } from '../support/databases';
import { SlackHarness, users } from './harness';
import { number, select, text, ticked } from './signed';

eachDatabase('R17 a filing in Slack about a registered policy', (db) => {
  const h = new SlackHarness();
  beforeAll(() => h.start(db().url));
  afterAll(() => h.stop());

  const filing = (content: string) => ({
    category: select('labour.salary'),
    content: text(content),
    people: number(1),
    mode: select('named'),
    commitment: ticked(true),
  });

  async function filed(content: string) {
    const petition = await h.bot.core.store.manager.findOneByOrFail(PetitionEntity, { content });
    return petition.policyId;
  }

  test('R17 a filing names the policy chosen in its form, one choosing none names no policy, and a policy that is not registered is refused on its field', async () => {
    const { core } = h.bot;
    const policy = await registerPolicy(core, await actorByKeyOrName(core, 'yang.lei'), {
      title: '2027 年薪酬结构改革',
      affectedGroups: '一线倒班职工',
      headCount: 320,
      riskPoints: '绩效工资占比提高，夜班收入可能下降',
      riskLevel: 'high',
      mitigation: '设六个月过渡期',
      effectiveOn: today(core),
    });
    await h.client.command(users.huBin, 'new');
    const view = await h.slack.opened('file');

    const about = { ...filing('薪酬改革后夜班收入下降。'), policy: select(String(policy.id)) };
    expect((await h.client.submit(users.huBin, view, about)).status).toBe(200);
    expect(await filed('薪酬改革后夜班收入下降。')).toBe(policy.id);

    const none = {
      ...filing('食堂夜班没有热饭。'),
      policy: { type: 'static_select', selected_option: null },
    };
    expect((await h.client.submit(users.huBin, view, none)).status).toBe(200);
    expect(await filed('食堂夜班没有热饭。')).toBeNull();

    const unknown = { ...filing('另一项政策。'), policy: select(String(policy.id + 100)) };
    const refused = await h.client.submit(users.huBin, view, unknown);
    expect(await refused.json()).toMatchObject({
      response_action: 'errors',
      errors: { policy: expect.any(String) },
    });
  });
});
