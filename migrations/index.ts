import { InitialSchema1764201600000 } from './1764201600000-InitialSchema';
import { AuditHead1764288000000 } from './1764288000000-AuditHead';
import { Archive1764460800000 } from './1764460800000-Archive';
import { AuditSeal1764547200000 } from './1764547200000-AuditSeal';
import { ChainVersion1764806400000 } from './1764806400000-ChainVersion';
import { DropJobLeases1764892800000 } from './1764892800000-DropJobLeases';
import { IdentityKind1764892800001 } from './1764892800001-IdentityKind';
import { ColumnSizes1765065600000 } from './1765065600000-ColumnSizes';
import { DeadlineProjection1765152000000 } from './1765152000000-DeadlineProjection';
import { RepeatedMatters1765238400000 } from './1765238400000-RepeatedMatters';
import { DeliveryLanes1765300000000 } from './1765300000000-DeliveryLanes';
import { NumberBlocks1765500000000 } from './1765500000000-NumberBlocks';
import { IdentityCustody1765600000000 } from './1765600000000-IdentityCustody';
import { ReminderDays1765700000000 } from './1765700000000-ReminderDays';
import { PetitionTerms1765700000001 } from './1765700000001-PetitionTerms';
import { FilingDrafts1765800000000 } from './1765800000000-FilingDrafts';
import { PolicyRegister1766100000000 } from './1766100000000-PolicyRegister';
import { Attachments1766200000000 } from './1766200000000-Attachments';
import { DropAttachmentNote1766200000001 } from './1766200000001-DropAttachmentNote';
import { TermTallies1766400000000 } from './1766400000000-TermTallies';
import { DecidedOnIndex1766400000001 } from './1766400000001-DecidedOnIndex';
import { DepartureDay1766500000000 } from './1766500000000-DepartureDay';
import { PetitionModeIndex1766600000000 } from './1766600000000-PetitionModeIndex';
import { InboundEventReceivedIndex1766700000000 } from './1766700000000-InboundEventReceivedIndex';

/** Every migration in order; the DataSource takes classes, so the list works from ts and dist alike. */
export const migrations = [
  InitialSchema1764201600000,
  AuditHead1764288000000,
  Archive1764460800000,
  AuditSeal1764547200000,
  ChainVersion1764806400000,
  DropJobLeases1764892800000,
  IdentityKind1764892800001,
  ColumnSizes1765065600000,
  DeadlineProjection1765152000000,
  RepeatedMatters1765238400000,
  DeliveryLanes1765300000000,
  NumberBlocks1765500000000,
  IdentityCustody1765600000000,
  ReminderDays1765700000000,
  PetitionTerms1765700000001,
  FilingDrafts1765800000000,
  PolicyRegister1766100000000,
  Attachments1766200000000,
  DropAttachmentNote1766200000001,
  TermTallies1766400000000,
  DecidedOnIndex1766400000001,
  DepartureDay1766500000000,
  PetitionModeIndex1766600000000,
  InboundEventReceivedIndex1766700000000,
];
