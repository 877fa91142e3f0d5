import { createHash } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import {
  attachmentTypes,
  attachmentsPerCase,
  chunkBytes,
  neutralName,
  type Attachment,
  type AttachmentLine,
  type AttachmentType,
  type Upload,
} from '../domain/attachment';
import { liveStates, type PetitionState } from '../domain/lifecycle';
import type { Actor, Delivery } from '../domain/people';
import { maySee, mayTake } from '../domain/permissions';
import { modes, type Mode } from '../domain/petition';
import { Refusal } from '../domain/refusal';
import { keptInCustody } from '../store/custody';
import { recordDelivery } from '../store/inbound-events';
import { AttachmentChunkEntity, AttachmentEntity, PetitionEntity } from '../store/entities';
import { wholeSecond } from '../domain/audit-chain';
import { sniff } from './attachment-kinds';
import { stripped } from './attachment-stripping';
import { caseViewsOf, loadCase } from './case-view';
import { admit, takeStep, type StepResult } from './case-step';
import type { Core } from './core';
import { amongIds, type IdLookups } from './id-lookups';
import { ownCaseLookups } from './own-cases';

/** A file opened for someone who may see its case. */
export interface OpenedAttachment {
  name: string;
  mediaType: AttachmentType;
  bytes: Buffer;
}

/** The longest file name kept, in characters (the column's 191). */
const nameLimit = 191;

/**
 * The name a file is kept under: the one it came with, without a path or control characters,
 * ending in the extension its bytes call for (a `报告.exe` that is a PDF is kept as `报告.exe.pdf`).
 * R6: a confidential or anonymous case's files are named neutrally (`附件-3.jpg`), since a name
 * such as `张三-工资条.jpg` says who sent it.
 */
function keptName(upload: string, type: AttachmentType, mode: Mode, position: number): string {
  const extension = attachmentTypes[type];
  // Control and format characters go: a right-to-left override makes `gpj.exe` look like a picture.
  const given = (upload.split(/[\\/]/).pop() ?? '').replace(/[\p{Cc}\p{Cf}]/gu, '').trim();
  if (keptInCustody(mode) || given === '') {
    return neutralName(position, type);
  }
  const alike = extension === 'jpg' ? ['jpg', 'jpeg'] : [extension];
  const ending = given.split('.').pop()?.toLowerCase() ?? '';
  const named = alike.includes(ending) ? given : `${given}.${extension}`;
  return [...named].length <= nameLimit ? named : [...named].slice(-nameLimit).join('');
}

/** The bytes in parts of at most `chunkBytes`, each written as one row. */
function parts(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunkBytes)
    out.push(bytes.subarray(at, at + chunkBytes));
  return out;
}

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * R30: a file kept with a case, by someone who may attach to it (the people it is from, those
 * who work it). Its size and kind are checked first; for a confidential or anonymous case a
 * picture loses its metadata and the file its name (R6). The file's row, its parts and the
 * trail's `attached` event with the kept bytes' hash are written in the step's one transaction.
 * A file a platform may offer again (a button clicked twice, a follow-up run again) comes with
 * the delivery that gives it: recorded in the same transaction, so it is kept once, and a bot
 * stopped before the commit leaves no record claiming it was.
 */
export async function attach(
  core: Core,
  actor: Actor,
  number: string,
  upload: Upload,
  given?: Delivery,
): Promise<StepResult> {
  checkAttachmentSize(core, upload.bytes.length);
  if (upload.bytes.length === 0) throw new Refusal('refusal.attachment_empty');
  // Who may attach is asked before the file is looked at, so a case one may not see answers as
  // a missing one whatever its mode (R15), and nobody else's file is re-encoded at our cost.
  const found = await loadCase(core.store.manager, core.store, number, false);
  admit(actor, found, 'attach');
  const type = await sniff(upload.bytes);
  // Re-encoding a picture takes a while: done before the step, so the case is not locked
  // meanwhile. A case's mode is fixed at filing, so the step sees the mode read here.
  const bytes = keptInCustody(found.petition.mode)
    ? await stripped(type, upload.bytes)
    : upload.bytes;
  return takeStep(core, actor, number, 'attach', async ({ m, view, now }) => {
    const { petition } = view;
    if (given && !(await recordDelivery(m, given.source, given.key, now))) {
      throw new Refusal('refusal.attachment_given_before', { number: petition.number });
    }
    const count = await m.countBy(AttachmentEntity, { petitionId: petition.id });
    if (count >= attachmentsPerCase) {
      throw new Refusal('refusal.attachment_count', {
        number: petition.number,
        limit: attachmentsPerCase,
      });
    }
    const row = await keep(m, petition.id, {
      name: keptName(upload.name, type, petition.mode, count + 1),
      mediaType: type,
      bytes,
      createdAt: wholeSecond(now),
    });
    const { name, mediaType, sha256 } = row;
    return { event: { type: 'attached', data: { name, mediaType, bytes: row.bytes, sha256 } } };
  });
}

async function keep(
  m: EntityManager,
  petitionId: number,
  file: { name: string; mediaType: AttachmentType; bytes: Buffer; createdAt: Date },
): Promise<Attachment> {
  const row = {
    petitionId,
    name: file.name,
    mediaType: file.mediaType,
    bytes: file.bytes.length,
    sha256: sha256Of(file.bytes),
    createdAt: file.createdAt,
  };
  const { identifiers } = await m.insert(AttachmentEntity, row);
  const id = identifiers[0].id as number;
  for (const [part, data] of parts(file.bytes).entries()) {
    await m.insert(AttachmentChunkEntity, { attachmentId: id, part, data });
  }
  return { ...row, id };
}

/** R30: a file over ATTACHMENT_MAX_BYTES is refused, naming the limit. */
export function checkAttachmentSize(core: Core, bytes: number): void {
  if (bytes > core.attachmentMaxBytes) {
    throw new Refusal('refusal.attachment_too_large', {
      limit: megabytes(core.attachmentMaxBytes),
    });
  }
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/** The case, for someone who may see it; refused as a missing case otherwise (R6, R15). */
async function seenCase(core: Core, actor: Actor, number: string) {
  const view = await loadCase(core.store.manager, core.store, number, false);
  if (!maySee(actor, view))
    throw new Refusal('refusal.not_found', { number: view.petition.number });
  return view.petition;
}

/** R30: the files kept with a case, oldest first, for someone who may see the case. */
export async function attachmentsOf(
  core: Core,
  actor: Actor,
  number: string,
): Promise<AttachmentLine[]> {
  const petition = await seenCase(core, actor, number);
  const rows = await core.store.manager.find(AttachmentEntity, {
    where: { petitionId: petition.id },
    order: { id: 'ASC' },
  });
  return rows.map(({ petitionId: _case, ...line }) => line);
}

/** R30: one file's bytes, put together from its parts, for someone who may see its case. */
export async function openAttachment(
  core: Core,
  actor: Actor,
  number: string,
  id: number,
): Promise<OpenedAttachment> {
  const petition = await seenCase(core, actor, number);
  const m = core.store.manager;
  const row = await m.findOneBy(AttachmentEntity, { id, petitionId: petition.id });
  if (!row) throw new Refusal('refusal.attachment_not_found', { number: petition.number, id });
  const chunks = await m.find(AttachmentChunkEntity, {
    where: { attachmentId: row.id },
    order: { part: 'ASC' },
  });
  const bytes = Buffer.concat(chunks.map((c) => c.data));
  // R24: a file changed outside the bot is not handed out as the one the trail recorded.
  if (sha256Of(bytes) !== row.sha256) {
    throw new Refusal('refusal.attachment_changed', { number: petition.number, name: row.name });
  }
  return { name: row.name, mediaType: row.mediaType, bytes };
}

/** A case a file may be attached to, as the "which case?" answer offers it. */
export interface AttachTarget {
  number: string;
  state: PetitionState;
  categoryId: string;
  filedAt: Date;
}

/** How many cases the "which case?" answer offers, newest first. */
export const targetsOffered = 10;

/** R30: the cases a person filed (as petitioner or liaison, in custody too) and those they own. */
function targetLookups(core: Core, actor: Actor): IdLookups {
  const own = ownCaseLookups(core, actor.person.id, modes, ['petitioner', 'filer']);
  return {
    lookups: [...own.lookups, 'SELECT id FROM petitions WHERE owner_id = :owner'],
    params: { ...own.params, owner: actor.person.id },
  };
}

/**
 * R30: the live cases this person may attach a file to, newest first: those they filed (as
 * petitioner or liaison, in custody too) and those they own, each checked against the rules.
 */
export async function attachTargets(core: Core, actor: Actor): Promise<AttachTarget[]> {
  const m = core.store.manager;
  const petitions = await m
    .getRepository(PetitionEntity)
    .createQueryBuilder('p')
    .where('p.state IN (:...live)', { live: liveStates })
    // One union of index lookups, not alternatives joined by OR, which made the database walk
    // the whole register for someone with a few cases. Every mode is asked for, so the mode
    // condition of `ownCases` holds for every petition and is left out.
    .andWhere(...amongIds('targets', targetLookups(core, actor)))
    .orderBy('p.id', 'DESC')
    .limit(targetsOffered)
    .getMany();
  const views = await caseViewsOf(m, core.store, petitions);
  return views
    .filter((view) => mayTake('attach', actor, view))
    .map(({ petition: { number, state, categoryId, filedAt } }) => ({
      number,
      state,
      categoryId,
      filedAt,
    }));
}

/** R23: a case's files and their parts go with it at destruction, in the destroy step. */
export async function eraseAttachments(m: EntityManager, petitionId: number): Promise<void> {
  const ids = (await m.find(AttachmentEntity, { select: { id: true }, where: { petitionId } })).map(
    (a) => a.id,
  );
  if (ids.length > 0) await m.delete(AttachmentChunkEntity, { attachmentId: In(ids) });
  await m.delete(AttachmentEntity, { petitionId });
}
