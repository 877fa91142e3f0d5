import type { CaseParties } from '../domain/permissions';
import type { NoticeKind, NoticeParams, Recipient } from '../notices/notice';

/** A notice a step causes; the runner keys it on the step's event. */
export type Announcement<K extends NoticeKind = NoticeKind> = {
  [P in K]: { kind: P; to: Recipient; params: NoticeParams<P> };
}[K];

/** Notices to several people about the same thing. */
export function toPeople<K extends NoticeKind>(
  ids: (number | null | undefined)[],
  kind: K,
  params: NoticeParams<K>,
): Announcement<K>[] {
  const unique = [...new Set(ids.filter((id): id is number => typeof id === 'number'))];
  return unique.map((id) => ({ kind, to: { kind: 'person', id: String(id) }, params }));
}

/**
 * Notices to the people a case is from: the petitioner and the liaison who filed it, in person,
 * or for a case in custody by their relay ids, which only the delivery turns into people (R6).
 */
export function toParties<K extends NoticeKind>(
  parties: CaseParties,
  kind: K,
  params: NoticeParams<K>,
): Announcement<K>[] {
  if (!parties.sealed) {
    return toPeople([parties.party.petitionerId, parties.party.filedById], kind, params);
  }
  const { petitioner, filer } = parties.sealed.relays;
  return [petitioner, filer]
    .filter((id): id is string => id !== null)
    .map((id) => ({ kind, to: { kind: 'relay', id }, params }));
}
