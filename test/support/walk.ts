import { randomBytes } from 'node:crypto';
import type { InteractionName, Values } from '../../adapters/shared/interactions';
import type { PolicyStep } from '../../src/services/policy';
import { appeal } from '../../src/services/review';
import { exampleOrg, writtenReply } from './world';
import { pause } from '../../src/services/progress';
import { placeLegalHold } from '../../src/services/archive';
import { rate } from '../../src/services/reply';
import { requestDisclosure } from '../../src/services/disclosure';
import { requestExtension } from '../../src/services/extension';
import type { CreationName, StepName } from '../../src/domain/lifecycle';
import { today, type Core } from '../../src/services/core';
import {
  accepted,
  as,
  closed,
  filed,
  lastRegisteredPolicy,
  registered,
  replied,
  reviewed,
  satisfied,
} from './walk-cases';

/**
 * R32: one walk per step a person takes, for every adapter: the case is brought to where the
 * step is allowed, then a person who may take it does so through the adapter, and one who may
 * not finds no button for it and is refused.
 */
export interface Scene {
  step: StepName | CreationName | PolicyStep;
  interaction: InteractionName;
  /** R17: the step is about a policy of the register, not a case. */
  subject?: 'policy';
  /** Brings a case (or a policy) to where the step is allowed; none for steps that make one. */
  arrange?: (core: Core) => Promise<string>;
  /** Who may take it, and who may not (people of org.example.yaml). */
  may: string;
  mayNot?: string;
  answers: (core: Core) => Values;
}

/** The steps the bot takes when the rules say so; they stay with the jobs (R23). */
export const jobSteps: readonly StepName[] = ['archive', 'destroy'];

/**
 * R30: the step a person takes with a file rather than a form: a file sent in a DM (Slack,
 * Lark) or a path (the terminal). Each adapter's attachment tests walk it: kept, shown to the
 * owner, refused to an employee.
 */
export const fileSteps: readonly StepName[] = ['attach'];
const reason = (text: string) => () => ({ reason: text });

export const scenes: Scene[] = [
  {
    step: 'file',
    interaction: 'file',
    may: 'hu.bin',
    answers: () => ({
      category: 'labour.salary',
      content: `走查提交 ${randomBytes(12).toString('hex')}`,
      contact: '',
      people: '1',
      mode: 'named',
      commitment: 'yes',
    }),
  },
  {
    step: 'recordTeamResolution',
    interaction: 'team',
    may: 'ma.jun',
    mayNot: 'hu.bin',
    answers: () => ({
      category: 'labour.salary',
      content: `班组走查 ${randomBytes(12).toString('hex')}`,
      worker: '钱师傅',
      resolution: '班组长当场核对考勤，补记加班。',
    }),
  },
  {
    step: 'accept',
    interaction: 'accept',
    arrange: filed,
    may: 'zhao.min',
    mayNot: 'hu.bin',
    answers: (core) => ({ replyBy: today(core) }),
  },
  {
    step: 'decline',
    interaction: 'decline',
    arrange: filed,
    may: 'zhao.min',
    mayNot: 'hu.bin',
    answers: () => ({ situation: exampleOrg.declineSituations[0].id, note: '' }),
  },
  {
    step: 'transfer',
    interaction: 'transfer',
    arrange: filed,
    may: 'zhao.min',
    mayNot: 'hu.bin',
    answers: () => ({ department: 'finance', reason: '属财务部职责' }),
  },
  {
    step: 'addCoDepartment',
    interaction: 'co',
    arrange: accepted,
    may: 'zhao.min',
    mayNot: 'hu.bin',
    answers: () => ({ department: 'legal' }),
  },
  {
    step: 'note',
    interaction: 'note',
    arrange: accepted,
    may: 'zhao.min',
    mayNot: 'hu.bin',
    answers: () => ({ note: '约谈车间主任' }),
  },
  {
    step: 'pause',
    interaction: 'pause',
    arrange: accepted,
    may: 'zhao.min',
    mayNot: 'yang.lei',
    answers: () => ({ kind: 'hearing', reason: '等待听证' }),
  },
  {
    step: 'resume',
    interaction: 'resume',
    arrange: async (core) => {
      const number = await accepted(core);
      await pause(core, await as(core, 'zhao.min'), number, '等待材料');
      return number;
    },
    may: 'zhao.min',
    mayNot: 'hu.bin',
    answers: reason(''),
  },
  {
    step: 'requestExtension',
    interaction: 'extend',
    arrange: accepted,
    may: 'zhao.min',
    mayNot: 'hu.bin',
    answers: () => ({ days: '5', reason: '需要财务数据' }),
  },
  {
    step: 'decideExtension',
    interaction: 'approve',
    arrange: async (core) => {
      const number = await accepted(core);
      await requestExtension(core, await as(core, 'zhao.min'), number, 5, '需要财务数据');
      return number;
    },
    may: 'yang.lei',
    mayNot: 'zhao.min',
    answers: reason(''),
  },
  {
    step: 'decideExtension',
    interaction: 'reject',
    arrange: async (core) => {
      const number = await accepted(core);
      await requestExtension(core, await as(core, 'zhao.min'), number, 5, '需要财务数据');
      return number;
    },
    may: 'yang.lei',
    mayNot: 'hu.bin',
    answers: reason('材料已齐'),
  },
  {
    step: 'reply',
    interaction: 'reply',
    arrange: accepted,
    may: 'zhao.min',
    mayNot: 'yang.lei',
    answers: (core) => {
      const written = writtenReply(today(core));
      return {
        investigation: written.investigation,
        facts: written.facts,
        basis: written.basis,
        conclusion: written.conclusion,
        method: 'in_system',
        deliveredOn: written.deliveredOn,
      };
    },
  },
  {
    step: 'rate',
    interaction: 'rate',
    arrange: replied,
    may: 'hu.bin',
    mayNot: 'zhao.min',
    answers: () => ({ rating: 'satisfied', comment: '' }),
  },
  {
    step: 'appeal',
    interaction: 'appeal',
    arrange: async (core) => {
      const number = await replied(core);
      await rate(core, await as(core, 'hu.bin'), number, 'unsatisfied');
      return number;
    },
    may: 'hu.bin',
    mayNot: 'zhao.min',
    answers: reason('九月也少发'),
  },
  {
    step: 'recordReview',
    interaction: 'review',
    arrange: async (core) => {
      const number = await replied(core);
      await appeal(core, await as(core, 'hu.bin'), number, '不服');
      return number;
    },
    may: 'chen.jing',
    mayNot: 'zhao.min',
    answers: () => ({ reviewers: '周律师，钱师傅', outcome: 'upheld', opinion: '维持原处理意见' }),
  },
  {
    step: 'appealAgain',
    interaction: 'appeal',
    arrange: reviewed,
    may: 'hu.bin',
    mayNot: 'zhao.min',
    answers: reason('仍不服'),
  },
  {
    step: 'recordReReview',
    interaction: 'review',
    arrange: async (core) => {
      const number = await reviewed(core);
      await appeal(core, await as(core, 'hu.bin'), number, '仍不服');
      return number;
    },
    may: 'sun.jian',
    mayNot: 'zhao.min',
    answers: () => ({ reviewers: '孙师傅', outcome: 'upheld', opinion: '维持复查结论' }),
  },
  {
    step: 'close',
    interaction: 'close',
    arrange: satisfied,
    may: 'zhao.min',
    mayNot: 'hu.bin',
    answers: reason(''),
  },
  {
    step: 'withdraw',
    interaction: 'withdraw',
    arrange: accepted,
    may: 'hu.bin',
    mayNot: 'zhao.min',
    answers: reason('问题已解决'),
  },
  {
    step: 'handover',
    interaction: 'handover',
    arrange: accepted,
    may: 'yang.lei',
    mayNot: 'zhao.min',
    answers: () => ({ handler: 'liu.yang', reason: '赵敏长期病假' }),
  },
  {
    step: 'linkPolicy',
    interaction: 'link',
    arrange: async (core) => {
      await registered(core);
      return accepted(core);
    },
    may: 'zhao.min',
    mayNot: 'hu.bin',
    answers: () => ({ policy: lastRegisteredPolicy() }),
  },
  {
    step: 'registerPolicy',
    interaction: 'register',
    subject: 'policy',
    may: 'yang.lei',
    mayNot: 'zhao.min',
    answers: (core) => ({
      title: `岗位调整方案 ${randomBytes(4).toString('hex')}`,
      affectedGroups: '包装车间操作工',
      headCount: '45',
      riskPoints: '部分岗位合并，涉及转岗',
      riskLevel: 'medium',
      mitigation: '一对一谈话，转岗培训',
      effectiveOn: today(core),
    }),
  },
  {
    step: 'signOffPolicy',
    interaction: 'signoff',
    subject: 'policy',
    arrange: registered,
    may: 'zhang.wei',
    mayNot: 'li.na',
    answers: () => ({ opinion: '同意，按预案执行' }),
  },
  {
    step: 'flagMajor',
    interaction: 'major',
    arrange: accepted,
    may: 'zhao.min',
    mayNot: 'hu.bin',
    answers: reason('涉及面广'),
  },
  {
    step: 'assignLeader',
    interaction: 'leader',
    arrange: accepted,
    may: 'yang.lei',
    mayNot: 'zhao.min',
    answers: () => ({ leader: 'zhang.wei' }),
  },
  {
    step: 'requestDisclosure',
    interaction: 'disclose',
    arrange: (core) => accepted(core, 'confidential'),
    may: 'liu.yang',
    mayNot: 'hu.bin',
    answers: reason('需要当面核实'),
  },
  ...(['grant', 'deny'] as const).map((interaction): Scene => ({
    step: 'decideDisclosure',
    interaction,
    arrange: async (core) => {
      const number = await accepted(core, 'confidential');
      await requestDisclosure(core, await as(core, 'liu.yang'), number, '需要当面核实');
      return number;
    },
    may: 'chen.jing',
    mayNot: 'zhao.min',
    answers: reason('核实需要'),
  })),
  {
    step: 'relay',
    interaction: 'msg',
    arrange: accepted,
    may: 'zhao.min',
    mayNot: 'guo.hong',
    answers: () => ({ message: '请补充十月考勤截图' }),
  },
  {
    step: 'recordPaperCopy',
    interaction: 'paper',
    arrange: closed,
    may: 'wang.fang',
    mayNot: 'zhao.min',
    answers: () => ({ location: '档案室 A-1' }),
  },
  {
    step: 'placeLegalHold',
    interaction: 'hold',
    arrange: closed,
    may: 'wang.fang',
    mayNot: 'zhao.min',
    answers: reason('诉讼保全'),
  },
  {
    step: 'releaseLegalHold',
    interaction: 'release',
    arrange: async (core) => {
      const number = await closed(core);
      await placeLegalHold(core, await as(core, 'wang.fang'), number, '诉讼保全');
      return number;
    },
    may: 'wang.fang',
    mayNot: 'zhao.min',
    answers: reason('诉讼结束'),
  },
];
