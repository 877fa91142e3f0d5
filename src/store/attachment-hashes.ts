import { createHash } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { AttachmentChunkEntity, AttachmentEntity } from './entities';

/**
 * R24 R30: the cases among these with a file whose parts no longer hash to the sha256 its row
 * (and the trail's `attached` event) recorded: a part changed, added or taken out. Each file's
 * parts are read on their own, so what is held at once is one file, never a batch's.
 */
export async function casesWithChangedFiles(
  m: EntityManager,
  petitionIds: number[],
): Promise<Set<number>> {
  const changed = new Set<number>();
  if (petitionIds.length === 0) return changed;
  const files = await m.find(AttachmentEntity, {
    where: { petitionId: In(petitionIds) },
    order: { id: 'ASC' },
  });
  for (const file of files) {
    if (changed.has(file.petitionId)) continue;
    const parts = await m.find(AttachmentChunkEntity, {
      where: { attachmentId: file.id },
      order: { part: 'ASC' },
    });
    const hash = createHash('sha256');
    for (const p of parts) hash.update(p.data);
    const numbered = parts.every((p, i) => p.part === i);
    if (!numbered || hash.digest('hex') !== file.sha256) changed.add(file.petitionId);
  }
  return changed;
}

/**
 * R23 R30: a file whose parts are kept without its row, so without a case (bytes a destruction
 * left behind, or put in outside the bot): its id, the lowest such; null when there is none.
 */
export async function strayFile(m: EntityManager): Promise<number | null> {
  const row = await m
    .createQueryBuilder()
    .select('MIN(c.attachment_id)', 'id')
    .from('attachment_chunks', 'c')
    .leftJoin('attachments', 'a', 'a.id = c.attachment_id')
    .where('a.id IS NULL')
    .getRawOne<{ id: number | string | null }>();
  return row?.id == null ? null : Number(row.id);
}
