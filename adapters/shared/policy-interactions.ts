import { riskLevels } from '../../src/domain/catalogue';
import { linkPolicy, registerPolicy, signOffPolicy } from '../../src/services/policy';
import { choice, label, policyField, termOptions, text } from './form-fields';
import type { Interaction } from './interaction';

/** R17: the policy risk register: a policy registered, signed off, and a petition linked to one. */
export const policyInteractions = {
  link: {
    steps: ['linkPolicy'],
    fields: (c) => [policyField(c, false)],
    take: (core, actor, number, v) => linkPolicy(core, actor, number, Number(v.policy)),
  },
  register: {
    steps: ['registerPolicy'],
    fields: (c) => [
      { id: 'title', label: label(c, 'policy_name'), kind: 'text', max: 191 },
      { ...text(c, 'affectedGroups'), label: label(c, 'groups') },
      {
        id: 'headCount',
        label: label(c, 'headcount'),
        kind: 'number',
        min: 1,
        max: 1_000_000,
        initial: 1,
      },
      { ...text(c, 'riskPoints'), label: label(c, 'risks') },
      {
        ...choice(c, 'riskLevel', termOptions(c, 'risk_level', riskLevels), 'medium'),
        label: label(c, 'level'),
      },
      text(c, 'mitigation'),
      { id: 'effectiveOn', label: label(c, 'effective_on'), kind: 'date', initial: c.today },
    ],
    take: async (core, actor, _n, v) => ({
      policy: await registerPolicy(core, actor, {
        title: v.title ?? '',
        affectedGroups: v.affectedGroups ?? '',
        headCount: Number(v.headCount),
        riskPoints: v.riskPoints ?? '',
        riskLevel: v.riskLevel ?? '',
        mitigation: v.mitigation ?? '',
        effectiveOn: v.effectiveOn ?? '',
      }),
    }),
  },
  signoff: {
    steps: ['signOffPolicy'],
    fields: (c) => [text(c, 'opinion', true)],
    take: async (core, actor, id, v) => ({
      policy: await signOffPolicy(core, actor, Number(id), v.opinion ?? ''),
    }),
  },
} satisfies Record<string, Interaction>;
