import { createHash } from 'node:crypto';
import { In, MoreThan, Not, type EntityManager } from 'typeorm';
import { projectDeadlines, projectionFormat } from '../domain/deadline-projection';
import type { CaseEvent } from '../domain/history';
import { liveStates } from '../domain/lifecycle';
import { historiesOf } from '../store/audit-trail';
import type { ProjectionRules } from '../store/audit-verifier';
import { saveProjection } from '../store/deadline-projections';
import { PetitionEntity, ProjectionBasisEntity } from '../store/entities';
import { today, type Core } from './core';

/** Writes the case's projection from its whole history, in the step's transaction. */
export function project(
  core: Core,
  m: EntityManager,
  petitionId: number,
  history: CaseEvent[],
): Promise<void> {
  return saveProjection(m, petitionId, projectDeadlines(history, core.rules, core.calendar));
}

/**
 * What every projection depends on besides the history: the time limits, the organisation's
 * calendar, which years the calendar knows (a release of chinese-days that adds a year changes it
 * too), and the projection's own format.
 */
export function projectionFingerprint(core: Core): string {
  const year = Number(today(core).slice(0, 4));
  const known: number[] = [];
  for (let y = year - 1; y <= year + 2; y++) if (core.calendar.knowsYear(y)) known.push(y);
  const basis = JSON.stringify([
    core.rules,
    core.org.organisation.calendar,
    known,
    projectionFormat,
  ]);
  return createHash('sha256').update(basis).digest('hex');
}

/**
 * R24: the rules the stored projections were computed with, when they are the organisation
 * file's now, so the verification can recompute them; null while a change awaits reprojection.
 */
export async function projectedWith(core: Core): Promise<ProjectionRules | null> {
  const basis = await core.store.manager.findOneBy(ProjectionBasisEntity, { name: 'deadlines' });
  if (basis?.fingerprint !== projectionFingerprint(core)) return null;
  return { rules: core.rules, calendar: core.calendar };
}

const batch = 500;

/**
 * R9, R31: when the operator changes the time limits or the calendar (a year's official holidays
 * given, say), the open cases' projections are computed anew; the first time, every case's is.
 * Returns how many cases were projected.
 */
export async function reprojectIfChanged(core: Core): Promise<number> {
  const fingerprint = projectionFingerprint(core);
  const basis = await core.store.manager.findOneBy(ProjectionBasisEntity, { name: 'deadlines' });
  if (basis?.fingerprint === fingerprint) return 0;
  // Only live cases' deadlines still move; a finished case keeps those it was measured against.
  const states = basis ? In([...liveStates]) : Not('destroyed');
  let projected = 0;
  for (let after = 0; ;) {
    const cases = await core.store.manager.find(PetitionEntity, {
      select: { id: true },
      where: { id: MoreThan(after), state: states },
      order: { id: 'ASC' },
      take: batch,
    });
    if (cases.length === 0) break;
    after = cases[cases.length - 1].id;
    await core.store.transaction(async (m) => {
      // Each case is locked as a step would lock it, so a step committed meanwhile is not undone.
      if (core.store.rowLocks) {
        await m.find(PetitionEntity, {
          select: { id: true },
          where: { id: In(cases.map((c) => c.id)) },
          lock: { mode: 'pessimistic_write' },
        });
      }
      const histories = await historiesOf(
        m,
        cases.map((c) => c.id),
      );
      for (const [id, history] of histories) await project(core, m, id, history);
    });
    projected += cases.length;
  }
  await core.store.transaction((m) =>
    m.save(ProjectionBasisEntity, {
      name: 'deadlines',
      fingerprint,
      projectedAt: core.clock.now(),
    }),
  );
  return projected;
}
