import type { App, types } from '@slack/bolt';
import type { Actor, Locale } from '../../src/domain/people';
import type { Translator } from '../../src/i18n/translator';
import type { Core } from '../../src/services/core';
import type { Page } from '../../src/services/page';
import { homeLists, type PetitionSummary } from '../../src/services/read-models';
import type { TextRenderer } from '../shared/text-render';
import { actionCounts } from '../../src/services/desk-home';
import { deskAction, queueActions, type ListName } from '../shared/actions';
import { button, section } from './blocks';
import type { SlackContext } from './context';
import { slackActor } from './people';

/**
 * The App Home tab: what needs action for the office, leaders and the party reader (R29), my
 * petitions for everyone, my queue for handlers, cases I lead for leaders.
 * Each shows its first page and how many there are; the rest are a command away.
 */
export async function homeView(
  core: Core,
  t: Translator,
  render: TextRenderer,
  actor: Actor,
  locale: Locale,
): Promise<types.HomeView> {
  const blocks: types.KnownBlock[] = [];
  const header = (key: string): types.HeaderBlock => ({
    type: 'header',
    text: { type: 'plain_text', text: t.t(locale, key) },
  });
  const footer = (list: ListName, at: Page<PetitionSummary>) => {
    if (at.pages > 1) blocks.push(section(render.pageLine(locale, list, at)));
  };
  const counts = await actionCounts(core, actor);
  if (counts) {
    blocks.push(header('desk.home_title'), section(render.actionCounts(locale, counts)), {
      type: 'actions',
      block_id: 'desk',
      elements: (['overdue', 'due_week'] as const).map((v) => button(t, locale, deskAction(v))),
    });
  }
  const home = await homeLists(core, actor);
  blocks.push(header('form.home_mine'), section(render.page(locale, 'mine', home.mine)));
  if (home.queue) {
    blocks.push(header('form.home_queue'));
    if (home.queue.items.length === 0) blocks.push(section(render.list(locale, [])));
    for (const item of home.queue.items) {
      blocks.push(section(render.list(locale, [item])));
      blocks.push({
        type: 'actions',
        block_id: `home_${item.number}`,
        elements: (await queueActions(core, actor, item.number)).map((a) => button(t, locale, a)),
      });
    }
    footer('queue', home.queue);
  }
  if (home.leading) {
    blocks.push(header('form.home_leading'), section(render.page(locale, 'leading', home.leading)));
  }
  return { type: 'home', blocks };
}

/** The App Home tab, drawn anew each time its reader opens it. */
export function registerHome(app: App, ctx: SlackContext, render: TextRenderer): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const actor = await slackActor(ctx.core, client, event.user);
    await client.views.publish({
      user_id: event.user,
      view: await homeView(ctx.core, ctx.t, render, actor, actor.person.locale ?? ctx.locale),
    });
  });
}
