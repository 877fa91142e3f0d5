import { boardStates, type StepName } from './lifecycle';
import { holds, isBot, type Actor, type StepActor } from './people';
import type { PartyRole, Petition, PetitionParty, SealedParties } from './petition';

/** One petition as the rules see it: the case, who it is from, who else works on it. */
export interface CaseView {
  petition: Petition;
  party: PetitionParty;
  coDepartments: string[];
  /** People a custodian has granted the confidential identity to (R6). */
  disclosedTo: number[];
  /** R6: the parties of an anonymous or confidential case, in custody (null for a named case). */
  sealed: SealedParties | null;
  /** Review board members who recorded a review or re-review of the case (R13, R28). */
  reviewers: number[];
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
export const isPetitioner: Rule = (a, c) => {
  const role = partyRoleOf(a.person.id, c);
  return role === 'petitioner' || (role === 'filer' && !hasPetitionerAccount(c));
};
const isFiler: Rule = (a, c) => isParty(a.person.id, c);
/** R28: a rule that holds only for someone the case is not from. */
const impartial =
  (rule: Rule): Rule =>
  (a, c) =>
    !isFiler(a, c) && rule(a, c);

/** Who a case is from, as the rules hold it: in the open, or sealed in custody (R6). */
export type CaseParties = Pick<CaseView, 'party' | 'sealed'>;

/**
 * Whether this person is one of the people a case is from, and which: for a case in custody (R6)
 * by a keyed hash, so the answer is known without anyone learning who the parties are.
 */
export function partyRoleOf(personId: number, c: CaseParties): PartyRole | null {
  if (c.sealed) return c.sealed.roleOf(personId);
  if (c.party.petitionerId === personId) return 'petitioner';
  return c.party.filedById === personId ? 'filer' : null;
}

/**
 * R28: whether this person is who the case is from: its petitioner, or the liaison who filed it
 * on their behalf. Every rule that asks "is this the same person" asks here; for a case in
 * custody the answer compares keyed hashes (R6).
 */
export function isParty(personId: number, c: CaseParties): boolean {
  return partyRoleOf(personId, c) !== null;
}

function hasPetitionerAccount(c: CaseParties): boolean {
  return c.sealed ? c.sealed.relays.petitioner !== null : c.party.petitionerId !== null;
}
export const isOwner: Rule = (a, c) => c.petition.ownerId === a.person.id;
const headOfLead: Rule = (a, c) => holds(a, 'department_head', c.petition.leadDepartmentId);
const worksLead: Rule = (a, c) =>
  holds(a, 'handler', c.petition.leadDepartmentId) || headOfLead(a, c);
const worksCo: Rule = (a, c) =>
  c.coDepartments.some((d) => holds(a, 'handler', d) || holds(a, 'department_head', d));
const leaderInCharge: Rule = (a, c) =>
  c.petition.leaderId === a.person.id || holds(a, 'leader', c.petition.leadDepartmentId);
/**
 * R16: the leader assigned to the case who is also in charge of its area; only they are "the
 * leader in charge" R6 shows a confidential petitioner to.
 */
export const leadsInArea: Rule = (a, c) =>
  c.petition.leaderId === a.person.id && holds(a, 'leader', c.petition.leadDepartmentId);
const admin: Rule = (a) => holds(a, 'admin');
const nobody: Rule = () => false;
const reviewBoard: Rule = (a) => holds(a, 'review_board');

/**
 * R13, R28: who may record a case's review or re-review besides holding the board role: not its
 * handler, not who it is from, and not the member who recorded its other level.
 */
export function mayReview(personId: number, c: CaseView): boolean {
  return (
    personId !== c.petition.ownerId && !isParty(personId, c) && !c.reviewers.includes(personId)
  );
}
const custodian: Rule = (a) => holds(a, 'custodian');
/** Before acceptance the lead department decides; after it, the owner (R8) or their head. */
const routes: Rule = (a, c) =>
  c.petition.ownerId === null ? worksLead(a, c) : any(isOwner, headOfLead, admin)(a, c);

/**
 * R15: which people may take each step. The chat layer never decides this. R28: only the
 * petitioner's own steps are open to someone the case is from; every other step is impartial.
 */
export const may: Record<StepName, Rule> = {
  accept: impartial(worksLead),
  decline: impartial(worksLead),
  transfer: impartial(routes),
  addCoDepartment: impartial(routes),
  note: impartial(any(isOwner, worksLead, worksCo)),
  pause: impartial(isOwner),
  resume: impartial(isOwner),
  requestExtension: impartial(isOwner),
  decideExtension: impartial(any(headOfLead, leaderInCharge)),
  reply: impartial(isOwner),
  rate: isPetitioner,
  appeal: isPetitioner,
  appealAgain: isPetitioner,
  recordReview: (a, c) => reviewBoard(a, c) && mayReview(a.person.id, c),
  recordReReview: (a, c) => reviewBoard(a, c) && mayReview(a.person.id, c),
  close: impartial(any(isOwner, headOfLead)),
  withdraw: isPetitioner,
  handover: impartial(any(headOfLead, admin)),
  linkPolicy: impartial(any(isOwner, worksLead)),
  flagMajor: impartial(any(isOwner, headOfLead, leaderInCharge, admin)),
  assignLeader: impartial(any(headOfLead, admin)),
  requestDisclosure: impartial(any(isOwner, worksLead)),
  decideDisclosure: impartial(custodian),
  relay: any(isPetitioner, impartial(any(isOwner, worksLead))),
  /** R30: who the case is from, and who works it; never one who only reads it. */
  attach: any(isFiler, isOwner, worksLead, worksCo),
  recordPaperCopy: impartial(admin),
  placeLegalHold: impartial(admin),
  releaseLegalHold: impartial(admin),
  archive: impartial(admin),
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
 * owner, the assigned leader in charge of the area and people granted disclosure; an anonymous one to nobody. The
 * petitioner always sees themself.
 */
export function maySeeIdentity(actor: Actor, c: CaseView): boolean {
  if (isFiler(actor, c)) return true;
  switch (c.petition.mode) {
    case 'named':
      // Party-committee readers study the situation, not the people in it.
      return maySee(actor, c) && !onlyReads(actor, c);
    case 'confidential':
      return isOwner(actor, c) || leadsInArea(actor, c) || c.disclosedTo.includes(actor.person.id);
    case 'anonymous':
      return false;
  }
}
