import { Brackets, type EntityManager } from 'typeorm';
import { localDateOf } from '../calendar/local-date';
import { addWorkingDays } from '../calendar/working-calendar';
import { lastOf } from '../domain/history';
import { concludedStates, type CreationName } from '../domain/lifecycle';
import { holds, type Actor, type Delivery } from '../domain/people';
import { modes, type Mode, type Petition } from '../domain/petition';
import { Refusal } from '../domain/refusal';
import { similarity } from '../domain/similarity';
import { historiesOf } from '../store/audit-trail';
import { counterOf } from '../store/number-format';
import { recordDelivery } from '../store/inbound-events';
import { PersonEntity, PetitionEntity, PolicyEntity } from '../store/entities';
import { holdersIn, leaderFor } from './audience';
import { openCase, toParties, toPeople, type Announcement, type FollowingEvent } from './case-step';
import { isProvisional } from './calendar-coverage';
import type { Core } from './core';
import { textLimit } from './input';
import { ownCases } from './own-cases';

/** R1 registration elements as a form gives them. */
export interface FilingForm {
  categoryId: string;
  content: string;
  contact?: string;
  peopleConcerned?: number;
  mode?: Mode;
  /** R5: the petitioner affirms lawful, rational expression. Required. */
  commitment: boolean;
  /** R7: a liaison files for a worker, who is a person of the organisation or just a name. */
  onBehalfOf?: { personId?: number; name?: string };
  /** R17: the policy this petition is about, if any. */
  policyId?: number;
  /** R13: the earlier case this one says is the same matter. */
  relatesTo?: string;
  /**
   * The chat form this filing was submitted from (a Slack view id): recorded with the filing, so
   * the same submission sent again files nothing.
   */
  submission?: Delivery;
}

function validate(core: Core, actor: Actor, form: FilingForm) {
  const rule = core.org.rules.find((r) => r.id === form.categoryId);
  if (!rule) throw new Refusal('refusal.unknown_category', { category: form.categoryId });
  const content = form.content.trim();
  if (content === '') throw new Refusal('refusal.content_empty');
  if (content.length > textLimit) {
    throw new Refusal('refusal.content_too_long', { limit: textLimit });
  }
  const people = form.peopleConcerned ?? 1;
  if (!Number.isInteger(people) || people < 1 || people > 100000) {
    throw new Refusal('refusal.people_concerned');
  }
  if ((form.contact ?? '').trim().length > 191) {
    throw new Refusal('refusal.too_long', { field: 'contact', limit: 191 });
  }
  if ((form.onBehalfOf?.name ?? '').trim().length > 191) {
    throw new Refusal('refusal.too_long', { field: 'petitioner', limit: 191 });
  }
  const mode = form.mode ?? 'named';
  if (!modes.includes(mode)) throw new Refusal('refusal.mode', { mode });
  if (form.onBehalfOf && !holds(actor, 'liaison')) throw new Refusal('refusal.on_behalf');
  if (form.onBehalfOf && !form.onBehalfOf.personId && !form.onBehalfOf.name?.trim()) {
    throw new Refusal('refusal.on_behalf_whom');
  }
  return { rule, content, people, mode };
}

/** The petitioner's earlier cases the filing rules weigh, as far as they read them. */
type Earlier = Pick<
  Petition,
  'id' | 'number' | 'content' | 'state' | 'mode' | 'categoryId' | 'filedAt'
>;

/**
 * The petitioner's own cases that R13 and R16 weigh, in one statement: every concluded one (a
 * final matter is never filed again) and those filed in the repeat window in the same category.
 */
async function earlierCases(
  m: EntityManager,
  core: Core,
  petitionerId: number | null,
  since: Date,
  categoryId: string,
): Promise<Earlier[]> {
  if (petitionerId === null) return [];
  return m
    .getRepository(PetitionEntity)
    .createQueryBuilder('p')
    .select(['p.id', 'p.number', 'p.content', 'p.state', 'p.mode', 'p.categoryId', 'p.filedAt'])
    .where(ownCases(core, petitionerId, modes))
    .andWhere(
      new Brackets((q) =>
        q
          .where('p.state IN (:...states)', { states: concludedStates })
          .orWhere('p.filed_at >= :since AND p.category_id = :categoryId', { since, categoryId }),
      ),
    )
    .getMany();
}

/**
 * R13: after re-review the result is final; the same facts and reasons are not accepted again.
 * A filing that names such a case, or repeats one of the petitioner's final cases nearly word for
 * word, is refused with the case it repeats.
 */
async function refuseFinalMatter(
  m: EntityManager,
  core: Core,
  earlier: Earlier[],
  form: FilingForm,
  content: string,
) {
  const candidates: Pick<Petition, 'id' | 'number'>[] = [];
  if (form.relatesTo) {
    const named = await m.findOneBy(PetitionEntity, {
      number: form.relatesTo.trim().toUpperCase(),
    });
    if (named) candidates.push(named);
  }
  const { sameMatter } = core.org.thresholds;
  candidates.push(
    ...earlier.filter(
      (p) => concludedStates.includes(p.state) && similarity(p.content, content) >= sameMatter,
    ),
  );
  const histories = await historiesOf(
    m,
    candidates.map((c) => c.id),
  );
  for (const candidate of candidates) {
    const history = histories.get(candidate.id) ?? [];
    if (lastOf(history, 'reviewed')?.data.level === 're_review') {
      throw new Refusal('refusal.final_matter', { number: candidate.number });
    }
  }
}

/**
 * R16: how many of the petitioner's named or confidential filings in the window are about a
 * similar matter (same category, alike wording); an anonymous filing is nobody's repeat.
 */
function repeatCount(
  core: Core,
  earlier: Earlier[],
  since: Date,
  categoryId: string,
  content: string,
): number {
  const alike = core.org.thresholds.similarMatter;
  return earlier.filter(
    (p) =>
      (p.mode === 'named' || p.mode === 'confidential') &&
      p.filedAt.getTime() >= since.getTime() &&
      p.categoryId === categoryId &&
      similarity(p.content, content) >= alike,
  ).length;
}

interface Registration {
  form: FilingForm;
  teamResolution?: string;
}

async function register(
  core: Core,
  actor: Actor,
  { form, teamResolution }: Registration,
): Promise<Petition> {
  const { rule, content, people, mode } = validate(core, actor, form);
  const now = core.clock.now();
  const year = Number(localDateOf(now, core.rules.timeZone).slice(0, 4));
  const counter = counterOf(core.org.organisation.caseNumberPrefix, year);
  const creation = teamResolution ? 'recordTeamResolution' : 'file';
  const behalf = form.onBehalfOf;
  const petitionerId = behalf ? (behalf.personId ?? null) : actor.person.id;
  const thresholds = core.org.thresholds;
  const since = new Date(now.getTime() - thresholds.repeatWindowDays * 86_400_000);
  // R3: the category's co-departments work the case from the start; the rules add them.
  const coDepartments = teamResolution ? [] : rule.co.filter((d) => d !== rule.lead);
  const working = teamResolution ? [] : [rule.lead, ...coDepartments];
  // What the rules weigh is read before the case's transaction, side by side on the pool: the
  // transaction would read the same committed work, one statement after the other.
  const reader = core.store.manager;
  const [earlier, handling] = await Promise.all([
    earlierCases(reader, core, petitionerId, since, rule.id),
    working.length > 0 ? holdersIn(reader, 'handler', working) : new Map<string, number[]>(),
  ]);
  const handlers = handling.get(rule.lead) ?? [];
  const { petition } = await openCase(core, actor, creation, counter, async ({ m }) => {
    const { submission } = form;
    if (submission && !(await recordDelivery(m, submission.source, submission.key, now))) {
      throw new Refusal('refusal.already_submitted');
    }
    if (behalf?.personId && !(await m.findOneBy(PersonEntity, { id: behalf.personId }))) {
      throw new Refusal('refusal.unknown_person', { who: String(behalf.personId) });
    }
    if (form.policyId && !(await m.findOneBy(PolicyEntity, { id: form.policyId }))) {
      throw new Refusal('refusal.unknown_policy', { policy: form.policyId });
    }
    await refuseFinalMatter(m, core, earlier, form, content);
    // An anonymous filing is linked to no one, not even to the same person's other filings (R6).
    const repeats = mode === 'anonymous' ? 0 : repeatCount(core, earlier, since, rule.id, content);
    const trigger =
      people >= thresholds.majorPeopleConcerned
        ? 'people_concerned'
        : repeats + 1 >= thresholds.repeatPetitions
          ? 'repeat'
          : null;
    const major = trigger !== null && !teamResolution;
    const leaderId = major ? await leaderFor(m, rule.lead) : null;
    const then: FollowingEvent[] = [];
    if (teamResolution) {
      then.push({ by: 'actor', event: { type: 'resolved_at_team', reason: teamResolution } });
    }
    for (const department of coDepartments) {
      const told = handling.get(department) ?? [];
      then.push({
        by: 'bot',
        event: { type: 'co_department_added', data: { department } },
        notices: (number) => toPeople(told, 'co_department_added', { number, department }),
      });
    }
    // R16: the rules, not the petitioner, make the case major and give it its leader.
    if (major) {
      then.push({
        by: 'bot',
        event: {
          type: 'flagged_major',
          data: { trigger, limitWorkingDays: core.org.timeLimits.major },
        },
      });
      if (leaderId !== null) {
        then.push({ by: 'bot', event: { type: 'leader_assigned', data: { leaderId } } });
      }
    }
    return {
      petition: {
        categoryId: rule.id,
        leadDepartmentId: rule.lead,
        mode,
        content,
        peopleConcerned: people,
        repeats,
        ownerId: teamResolution ? actor.person.id : null,
        leaderId,
        major,
        resolvedAtTeam: Boolean(teamResolution),
        policyId: form.policyId ?? null,
        rating: null,
        closedAt: teamResolution ? now : null,
        paperCopy: null,
        legalHold: false,
        archivedAt: null,
      },
      coDepartments,
      party: {
        petitionerId,
        petitionerName: behalf?.name?.trim() || null,
        filedById: behalf ? actor.person.id : null,
        contact: form.contact?.trim() || null,
      },
      event: {
        type: 'filed',
        data: {
          categoryId: rule.id,
          leadDepartmentId: rule.lead,
          mode,
          peopleConcerned: people,
          limitWorkingDays: core.org.timeLimits[rule.limit],
          onBehalf: Boolean(behalf),
          commitment: form.commitment,
        },
      },
      then,
      notices: (number, parties) => {
        const notices: Announcement[] = [];
        const params = { number, category: rule.id, department: rule.lead };
        if (!teamResolution) {
          const acceptBy = addWorkingDays(
            core.calendar,
            localDateOf(now, core.rules.timeZone),
            core.rules.acceptanceWorkingDays,
          );
          notices.push(
            ...toParties(parties, 'filed_receipt', {
              ...params,
              acceptBy,
              provisional: isProvisional(core, acceptBy),
            }),
            ...toPeople(handlers, 'new_case', { ...params, peopleConcerned: people, major }),
            {
              kind: 'new_case',
              to: { kind: 'department_channel', id: rule.lead },
              params: { ...params, peopleConcerned: people, major },
            },
          );
        }
        if (leaderId !== null && trigger !== null) {
          notices.push(...toPeople([leaderId], 'leader_assigned', { ...params, trigger }));
        }
        return notices;
      },
    };
  });
  return petition;
}

/** R7, R15: anyone may file; only a liaison records a team-level resolution. */
export function mayCreate(actor: Actor, creation: CreationName): void {
  if (creation === 'recordTeamResolution' && !holds(actor, 'liaison')) {
    throw new Refusal('refusal.liaison_only');
  }
}

/** R1–R3, R5–R7, R16: registers a petition, routed to its lead department, with a unique number. */
export function file(core: Core, actor: Actor, form: FilingForm): Promise<Petition> {
  if (form.commitment !== true) return Promise.reject(new Refusal('refusal.commitment_required'));
  return register(core, actor, { form });
}

/**
 * R7: a liaison records a matter resolved on the spot at team level (班组化解). It gets a number
 * and counts in the metrics, and is closed from the start.
 */
export async function recordTeamResolution(
  core: Core,
  liaison: Actor,
  form: Omit<FilingForm, 'commitment'>,
  resolution: string,
): Promise<Petition> {
  mayCreate(liaison, 'recordTeamResolution');
  if (resolution.trim() === '') throw new Refusal('refusal.resolution_empty');
  return register(core, liaison, {
    form: { ...form, commitment: true },
    teamResolution: resolution.trim(),
  });
}
