import type { types } from '@slack/bolt';
import type { Actor, Locale } from '../../src/domain/people';
import type { Translator } from '../../src/i18n/translator';
import type { Core } from '../../src/services/core';
import type { Page } from '../../src/services/page';
import { homeLists, type PetitionSummary } from '../../src/services/read-models';
import type { TextRenderer } from '../shared/text-render';
import { queueActions, type ListName } from '../shared/actions';
import { button, section } from './blocks';

/**
 * The App Home tab: my petitions for everyone, my queue for handlers, cases I lead for leaders.
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
