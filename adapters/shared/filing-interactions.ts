import { holds } from '../../src/domain/people';
import type { Mode, Petition } from '../../src/domain/petition';
import { actorByKeyOrName } from '../../src/services/actors';
import type { StepResult } from '../../src/services/case-step';
import type { Core } from '../../src/services/core';
import { dropDraft } from '../../src/services/drafts';
import { file, recordTeamResolution } from '../../src/services/file';
import { textLimit } from '../../src/services/input';
import type { Field } from './forms';
import { categoryField, choice, label, policyField, text } from './form-fields';
import type { FieldContext, Interaction } from './interaction';

/** A filing's registration elements (R1), as the form asks them. */
function filingFields(c: FieldContext): Field[] {
  return [
    categoryField(c),
    { id: 'content', label: label(c, 'content'), kind: 'multiline', max: textLimit },
    { id: 'contact', label: label(c, 'contact'), kind: 'text', optional: true, max: 191 },
    { id: 'people', label: label(c, 'people'), kind: 'number', min: 1, max: 100000, initial: 1 },
    choice(
      c,
      'mode',
      ['named', 'confidential', 'anonymous'].map((m) => ({
        text: label(c, `mode_${m}`),
        value: m,
      })),
      'named',
    ),
  ];
}

async function onBehalfOf(core: Core, name: string | undefined) {
  const who = (name ?? '').trim();
  if (who === '') return undefined;
  const known = await actorByKeyOrName(core, who).catch(() => null);
  return known ? { personId: known.person.id } : { name: who };
}

/** A filing as a step result: the new case, found again by its number. */
const filed = (petition: Petition): StepResult => ({ petition, events: [] });

/** R1 R7: a petition filed, and a matter a liaison settled at team level (R5). */
export const filingInteractions = {
  file: {
    steps: ['file'],
    fields: (c) => [
      ...filingFields(c),
      // R17: a petition about a registered policy names it when filed.
      ...((c.policies ?? []).length > 0 ? [policyField(c, true)] : []),
      // R7: a liaison may file for a worker; anyone else files for themself.
      ...(holds(c.actor, 'liaison')
        ? [
            {
              id: 'onBehalf',
              label: label(c, 'on_behalf'),
              kind: 'text',
              optional: true,
              max: 191,
            } as const,
          ]
        : []),
      {
        id: 'commitment',
        label: label(c, 'commitment'),
        kind: 'confirm',
        statement: label(c, 'commitment_statement'),
      },
    ],
    take: async (core, actor, _n, v, origin) => {
      const petition = await file(core, actor, {
        submission: origin.submission,
        categoryId: v.category ?? '',
        content: v.content ?? '',
        contact: v.contact,
        peopleConcerned: Number(v.people || 1),
        mode: (v.mode || 'named') as Mode,
        commitment: v.commitment === 'yes',
        onBehalfOf: await onBehalfOf(core, v.onBehalf),
        policyId: v.policy ? Number(v.policy) : undefined,
      });
      if (origin.draft) await dropDraft(core, actor, origin.draft);
      return filed(petition);
    },
  },
  team: {
    steps: ['recordTeamResolution'],
    fields: (c) => [
      categoryField(c),
      { id: 'content', label: label(c, 'content'), kind: 'multiline', max: textLimit },
      { id: 'worker', label: label(c, 'worker'), kind: 'text', max: 191 },
      text(c, 'resolution'),
    ],
    take: async (core, actor, _n, v) =>
      filed(
        await recordTeamResolution(
          core,
          actor,
          {
            categoryId: v.category ?? '',
            content: v.content ?? '',
            onBehalfOf: await onBehalfOf(core, v.worker),
          },
          v.resolution ?? '',
        ),
      ),
  },
} satisfies Record<string, Interaction>;
