import { placeLegalHold, recordPaperCopy, releaseLegalHold } from '../../src/services/archive';
import { actorByKeyOrName } from '../../src/services/actors';
import { decideDisclosure, requestDisclosure } from '../../src/services/disclosure';
import { assignLeader, flagMajor } from '../../src/services/major';
import type { Core } from '../../src/services/core';
import { relay } from '../../src/services/relay';
import { label, reasoned } from './form-fields';
import type { Interaction } from './interaction';

/** A person named in a form: their id in the organisation file, or their name. */
async function person(core: Core, keyOrName: string | undefined) {
  return actorByKeyOrName(core, keyOrName ?? '');
}

/**
 * The steps around the handling: a major case and its leader (R14), disclosure of a confidential
 * identity (R6), a message relayed to the petitioner, and the archive's paper copy and legal hold (R23).
 */
export const oversightInteractions = {
  major: reasoned(['flagMajor'], (core, actor, number, reason) =>
    flagMajor(core, actor, number, 'manual', reason),
  ),
  leader: {
    steps: ['assignLeader'],
    fields: (c) => [{ id: 'leader', label: label(c, 'leader'), kind: 'text', max: 191 }],
    take: async (core, actor, number, v) =>
      assignLeader(core, actor, number, (await person(core, v.leader)).person.id),
  },
  disclose: reasoned(['requestDisclosure'], requestDisclosure),
  grant: reasoned(['decideDisclosure'], (core, actor, number, reason, origin) =>
    decideDisclosure(core, actor, number, origin.request, true, reason),
  ),
  deny: reasoned(['decideDisclosure'], (core, actor, number, reason, origin) =>
    decideDisclosure(core, actor, number, origin.request, false, reason),
  ),
  msg: reasoned(['relay'], relay, false, 'message'),
  paper: reasoned(['recordPaperCopy'], recordPaperCopy, false, 'location'),
  hold: reasoned(['placeLegalHold'], placeLegalHold),
  release: reasoned(['releaseLegalHold'], releaseLegalHold),
} satisfies Record<string, Interaction>;
