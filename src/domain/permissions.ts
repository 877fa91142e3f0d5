import { boardStates, type StepName } from './lifecycle';
import { holds, isBot, type Actor, type StepActor } from './people';
import type { Petition, PetitionParty } from './petition';

/** One petition as the rules see it: the case, who it is from, who else works on it. */
export interface CaseView {
  petition: Petition;
  party: PetitionParty;
  coDepartments: string[];
  /** People a custodian has granted the confidential identity to (R6). */
  disclosedTo: number[];
}

type Rule = (actor: Actor, c: CaseView) => boolean;

const any =
  (...rules: Rule[]): Rule =>
  (a, c) =>
    rules.some((r) => r(a, c));

/**
 * The petitioner speaks for the case (rates, appeals, withdraws); a liaison who filed for a worker
 * speaks for it only when the worker has no account of their own.
 */
export const isPetitioner: Rule = (a, c) =>
  c.party.petitionerId !== null
    ? c.party.petitionerId === a.person.id
    : c.party.filedById === a.person.id;
/** Whoever the case is from: the petitioner, or the liaison who filed it for them. */
const isFiler: Rule = (a, c) =>
  c.party.petitionerId === a.person.id || c.party.filedById === a.person.id;
export const isOwner: Rule = (a, c) => c.petition.ownerId === a.person.id;
const headOfLead: Rule = (a, c) => holds(a, 'department_head', c.petition.leadDepartmentId);
const worksLead: Rule = (a, c) =>
  holds(a, 'handler', c.petition.leadDepartmentId) || headOfLead(a, c);
const worksCo: Rule = (a, c) =>
  c.coDepartments.some((d) => holds(a, 'handler', d) || holds(a, 'department_head', d));
const leaderInCharge: Rule = (a, c) =>
  c.petition.leaderId === a.person.id || holds(a, 'leader', c.petition.leadDepartmentId);
const admin: Rule = (a) => holds(a, 'admin');
const nobody: Rule = () => false;
const reviewBoard: Rule = (a) => holds(a, 'review_board');
const custodian: Rule = (a) => holds(a, 'custodian');
/** Before acceptance the lead department decides; after it, the owner (R8) or their head. */
const routes: Rule = (a, c) =>
  c.petition.ownerId === null ? worksLead(a, c) : any(isOwner, headOfLead, admin)(a, c);

/** R15: which people may take each step. The chat layer never decides this. */
export const may: Record<StepName, Rule> = {
  accept: worksLead,
  decline: worksLead,
  transfer: routes,
  addCoDepartment: routes,
  note: any(isOwner, worksLead, worksCo),
  pause: isOwner,
  resume: isOwner,
  requestExtension: isOwner,
  decideExtension: any(headOfLead, leaderInCharge),
  reply: isOwner,
  rate: isPetitioner,
  appeal: isPetitioner,
  appealAgain: isPetitioner,
  recordReview: reviewBoard,
  recordReReview: reviewBoard,
  close: any(isOwner, headOfLead),
  withdraw: isPetitioner,
  handover: any(headOfLead, admin),
  flagMajor: any(isOwner, headOfLead, leaderInCharge, admin),
  assignLeader: any(headOfLead, admin),
  requestDisclosure: any(isOwner, worksLead),
  decideDisclosure: custodian,
  relay: any(isOwner, worksLead, isPetitioner),
  recordPaperCopy: admin,
  placeLegalHold: admin,
  releaseLegalHold: admin,
  archive: admin,
  /** R23: only the bot, at the end of retention. */
  destroy: nobody,
};

/**
 * The steps the bot takes when the rules say so: closing a case whose time to ask for review has
 * run out (R14), flagging a long-unresolved case major (R16), archiving and destroying at the end
 * of retention (R23). It holds no role, so it may take nothing else.
 */
const botSteps: ReadonlySet<StepName> = new Set<StepName>([
  'close',
  'flagMajor',
  'archive',
  'destroy',
]);

export function mayTake(step: StepName, actor: StepActor, c: CaseView): boolean {
  return isBot(actor) ? botSteps.has(step) : may[step](actor, c);
}

/** Who may read a case at all. */
export const maySee: Rule = any(
  isFiler,
  worksLead,
  worksCo,
  isOwner,
  leaderInCharge,
  admin,
  (a) => holds(a, 'party_reader'),
  (a, c) => reviewBoard(a, c) && boardStates.includes(c.petition.state),
  (a, c) => custodian(a, c) && c.petition.mode === 'confidential',
);

/** Sees the case only as a party-committee reader, with no part in handling it. */
const onlyReads: Rule = (a, c) =>
  holds(a, 'party_reader') &&
  !any(worksLead, worksCo, isOwner, leaderInCharge, admin, reviewBoard)(a, c);

/**
 * R6: a named petitioner is visible to those who may see the case; a confidential one only to the
 * owner, the leader in charge and people granted disclosure; an anonymous one to nobody. The
 * petitioner always sees themself.
 */
export function maySeeIdentity(actor: Actor, c: CaseView): boolean {
  if (isFiler(actor, c)) return true;
  switch (c.petition.mode) {
    case 'named':
      // Party-committee readers study the situation, not the people in it.
      return maySee(actor, c) && !onlyReads(actor, c);
    case 'confidential':
      return (
        isOwner(actor, c) ||
        c.petition.leaderId === actor.person.id ||
        c.disclosedTo.includes(actor.person.id)
      );
    case 'anonymous':
      return false;
  }
}
