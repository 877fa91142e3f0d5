import type { OutgoingNotice } from '../../src/notices/notice';
import { actionsFor } from '../shared/actions';
import type { TerminalContext } from './context';

/** A numbered choice under a notice: what a button is in Slack or Lark. */
export interface Choice {
  label: string;
  line: string;
}

/** A notice's buttons as the command lines the terminal runs when their number is typed. */
export function choicesFor(ctx: TerminalContext, notice: OutgoingNotice): Choice[] {
  return actionsFor(notice).map((a) => {
    if (a.name === 'rate') {
      return {
        label: ctx.t('chat.action_rate', { rating: ctx.t(`rating.${a.rating}`) }),
        line: `rate ${a.number} ${a.rating}`,
      };
    }
    const request = a.request !== undefined ? ` ${a.request}` : '';
    return { label: ctx.t(`chat.action_${a.name}`), line: `${a.name} ${a.number}${request}` };
  });
}
