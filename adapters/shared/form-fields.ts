import type { StepName } from '../../src/domain/lifecycle';
import type { Actor } from '../../src/domain/people';
import type { StepResult } from '../../src/services/case-step';
import type { Core } from '../../src/services/core';
import { textLimit } from '../../src/services/input';
import type { Field, Option } from './forms';
import type { FieldContext, Interaction, Origin } from './interaction';

/** The fields the interactions' forms are drawn from, worded in the reader's language. */
export const label = (c: FieldContext, key: string) => c.t.t(c.locale, `form.${key}`);

export const text = (c: FieldContext, id: string, optional = false): Field => ({
  id,
  label: label(c, id),
  kind: 'multiline',
  optional,
  max: textLimit,
});

export const choice = (
  c: FieldContext,
  id: string,
  options: Option[],
  initial?: string,
): Field => ({
  id,
  label: label(c, id),
  kind: 'select',
  options,
  ...(initial ? { initial } : {}),
});

export const termOptions = (c: FieldContext, term: string, values: readonly string[]): Option[] =>
  values.map((v) => ({ text: c.t.t(c.locale, `${term}.${v}`), value: v }));

export const departments = (c: FieldContext): Field =>
  choice(
    c,
    'department',
    c.t.organisation.departments.map((d) => ({
      text: c.t.department(c.locale, d.id),
      value: d.id,
    })),
  );

export function categoryField(c: FieldContext): Field {
  return {
    id: 'category',
    label: label(c, 'category'),
    kind: 'select',
    options: [],
    groups: c.t.organisation.categories.map((g) => ({
      label: c.t.name(c.locale, g.name),
      options: g.children.map((child) => ({
        text: c.t.name(c.locale, child.name),
        value: child.id,
      })),
    })),
  };
}

/** R17: the registered policies as choices, each with its department, newest first. */
export function policyField(c: FieldContext, optional: boolean): Field {
  return {
    id: 'policy',
    label: label(c, 'policy'),
    kind: 'select',
    options: (c.policies ?? []).map((p) => ({
      text: `${p.title}（${c.t.department(c.locale, p.departmentId)}）`,
      value: String(p.id),
    })),
    ...(optional ? { optional: true } : {}),
  };
}

/** A step whose only answer is a free-text reason (required unless said otherwise). */
export function reasoned(
  steps: readonly StepName[],
  take: (
    core: Core,
    actor: Actor,
    number: string,
    reason: string,
    origin: Origin,
  ) => Promise<StepResult>,
  optional = false,
  id = 'reason',
): Interaction {
  return {
    steps,
    fields: (c) => [text(c, id, optional)],
    take: (core, actor, number, v, origin) => take(core, actor, number, v[id] ?? '', origin),
  };
}
