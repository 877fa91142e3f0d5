import type { OutgoingNotice } from '../../src/notices/notice';
import { actionLabel, usableActions } from '../shared/actions';
import type { Choice, TerminalContext } from './context';

/** A notice's buttons as the command lines the terminal runs when their number is typed. */
export async function choicesFor(ctx: TerminalContext, notice: OutgoingNotice): Promise<Choice[]> {
  const actions = await usableActions(ctx.core, notice);
  return actions.map((a) => {
    const words = [a.name, a.number, a.request, ...Object.values(a.values ?? {})];
    return {
      label: actionLabel(ctx.translator, ctx.locale, a),
      line: words.filter((w) => w !== undefined).join(' '),
    };
  });
}
