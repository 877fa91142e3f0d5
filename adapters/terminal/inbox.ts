import type { OutgoingNotice } from '../../src/notices/notice';
import { actionLabel, usableActions } from '../shared/actions';
import type { TerminalContext } from './context';

/** A numbered choice under a notice: what a button is in Slack or Lark. */
export interface Choice {
  label: string;
  line: string;
}

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
