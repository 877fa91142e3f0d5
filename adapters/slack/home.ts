import type { types } from '@slack/bolt';
import type { Actor, Locale } from '../../src/domain/people';
import type { Translator } from '../../src/i18n/translator';
import type { Core } from '../../src/services/core';
import { homeLists, type PetitionSummary } from '../../src/services/read-models';
import type { TextRenderer } from '../shared/text-render';
import { actionsForCase } from '../shared/actions';
import { button, section } from './blocks';

/** The App Home tab: my petitions for everyone, my queue for handlers, cases I lead for leaders. */
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
  const list = (items: PetitionSummary[]) => section(render.list(locale, items));
  const home = await homeLists(core, actor);
  blocks.push(header('form.home_mine'), list(home.mine));
  if (home.queue) {
    const mine = home.queue.slice(0, 20);
    blocks.push(header('form.home_queue'));
    if (mine.length === 0) blocks.push(list([]));
    for (const item of mine) {
      blocks.push(list([item]));
      blocks.push({
        type: 'actions',
        block_id: `home_${item.number}`,
        elements: actionsForCase(item.number, item.state).map((a) => button(t, locale, a)),
      });
    }
  }
  if (home.leading) blocks.push(header('form.home_leading'), list(home.leading));
  return { type: 'home', blocks: blocks.slice(0, 100) };
}
