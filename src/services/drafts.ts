import { randomBytes } from 'node:crypto';
import { LessThan } from 'typeorm';
import type { Actor } from '../domain/people';
import { Refusal } from '../domain/refusal';
import { FilingDraftEntity } from '../store/entities';
import type { Core } from './core';
import { textLimit } from './input';

/** How long a message offered for filing is kept for its sender. */
const keptForMs = 86_400_000;

/**
 * R1: keeps a direct message for its sender to file, and returns the draft's id for the button
 * that offers it. Drafts older than a day go at the same time.
 */
export async function keepDraft(core: Core, actor: Actor, text: string): Promise<string> {
  const now = core.clock.now();
  const id = randomBytes(16).toString('hex');
  await core.store.transaction(async (m) => {
    await m.delete(FilingDraftEntity, { createdAt: LessThan(new Date(now.getTime() - keptForMs)) });
    await m.insert(FilingDraftEntity, {
      id,
      personId: actor.person.id,
      content: text.slice(0, textLimit),
      createdAt: now,
    });
  });
  return id;
}

/** The text of the sender's own draft; refused once it is used, a day old, or someone else's. */
export async function draftText(core: Core, actor: Actor, id: string): Promise<string> {
  const draft = await core.store.manager.findOneBy(FilingDraftEntity, { id });
  const fresh = draft && core.clock.now().getTime() - draft.createdAt.getTime() <= keptForMs;
  if (!draft || !fresh || draft.personId !== actor.person.id) {
    throw new Refusal('refusal.draft_gone');
  }
  return draft.content;
}

/** The filing used the draft: it goes. */
export async function dropDraft(core: Core, actor: Actor, id: string): Promise<void> {
  await core.store.manager.delete(FilingDraftEntity, { id, personId: actor.person.id });
}
