import type { PauseKind } from '../../src/domain/history';
import type { Rating } from '../../src/domain/petition';
/**
 * The chat commands every adapter understands, in Chinese and English. Adapters turn a line of
 * text (a DM, a slash command's text, a terminal line) into one of these and call the core.
 */
export const commandWords = {
  help: ['help', '帮助', '?'],
  as: ['as', '切换'],
  whoami: ['whoami', '我是谁'],
  lang: ['lang', '语言'],
  file: ['file', 'new', '提交', '信访'],
  team: ['team', '班组化解'],
  mine: ['mine', '我的'],
  queue: ['queue', '待办'],
  leading: ['leading', '包案'],
  show: ['show', '查看'],
  attachments: ['attachments', '附件'],
  attach: ['attach', '添加附件'],
  list: ['list', '列表', '台账'],
  search: ['search', '搜索', '查找'],
  stats: ['stats', 'count', '统计'],
  export: ['export', '导出'],
  accept: ['accept', '受理'],
  decline: ['decline', '不予受理'],
  transfer: ['transfer', '转办'],
  co: ['co', '协同'],
  note: ['note', '进展'],
  pause: ['pause', '暂停'],
  resume: ['resume', '恢复'],
  extend: ['extend', '延期'],
  approve: ['approve', '批准延期'],
  reject: ['reject', '驳回延期'],
  reply: ['reply', '答复'],
  rate: ['rate', '评价'],
  appeal: ['appeal', '申请复查', '申请复核'],
  review: ['review', '复查结论', '复核结论'],
  withdraw: ['withdraw', '撤回'],
  close: ['close', '办结'],
  major: ['major', '重大'],
  handover: ['handover', '移交'],
  leader: ['leader', '包案领导'],
  register: ['register', '登记政策'],
  policy: ['policy', '政策'],
  signoff: ['signoff', '签批'],
  link: ['link', '关联政策'],
  paper: ['paper', '纸质档案'],
  hold: ['hold', '法律保全'],
  release: ['release', '解除保全'],
  disclose: ['disclose', '查看身份'],
  grant: ['grant', '批准查看'],
  deny: ['deny', '拒绝查看'],
  msg: ['msg', '留言'],
  clock: ['clock', '时间'],
  jobs: ['jobs', '运行任务'],
  quit: ['quit', 'exit', '退出'],
} as const;

export type CommandName = keyof typeof commandWords;

/** The lists a person pages through, named as the commands that show them. */
export type ListName = Extract<CommandName, 'mine' | 'queue' | 'leading' | 'list' | 'search'>;

export interface Command {
  name: CommandName;
  /** The words after the command, split on white space. */
  args: string[];
  /** Everything after the first `n` arguments, as typed: free text such as a reason. */
  restAfter(n: number): string;
}

const byWord = new Map<string, CommandName>(
  (Object.entries(commandWords) as [CommandName, readonly string[]][]).flatMap(([name, words]) =>
    words.map((w) => [w.toLowerCase(), name] as [string, CommandName]),
  ),
);

/** Parses one line; null when the first word is no command (an adapter may then offer help). */
export function parseCommand(line: string): Command | null {
  const text = line.trim();
  const [first = '', ...args] = text.split(/\s+/);
  const name = byWord.get(first.toLowerCase());
  if (!name) return null;
  return {
    name,
    args,
    restAfter(n) {
      let rest = text.slice(first.length).trimStart();
      for (let i = 0; i < n && rest; i++) rest = rest.replace(/^\S+\s*/, '');
      return rest.trim();
    },
  };
}

/** Ratings as people type them. */
export const ratingWords: Record<string, Rating> = {
  satisfied: 'satisfied',
  满意: 'satisfied',
  basic: 'basically_satisfied',
  basically: 'basically_satisfied',
  basically_satisfied: 'basically_satisfied',
  基本满意: 'basically_satisfied',
  unsatisfied: 'unsatisfied',
  不满意: 'unsatisfied',
};

/** R9: why a clock is paused, as people type it before the reason (other when left out). */
export const pauseKindWords: Record<string, PauseKind> = {
  hearing: 'hearing',
  听证: 'hearing',
  appraisal: 'appraisal',
  鉴定: 'appraisal',
  other: 'other',
  其他: 'other',
};

/** A list of names as people type it, with Chinese or Western commas. */
export function splitNames(text: string): string[] {
  return text
    .split(/[,，、]/)
    .map((name) => name.trim())
    .filter(Boolean);
}
