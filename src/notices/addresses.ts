import type { EntityManager } from 'typeorm';
import type { Organisation } from '../config/org';
import type { IdentityKind, Platform } from '../domain/people';
import { DepartmentEntity, IdentityEntity, type NoticeRow } from '../store/entities';
import { personBehind } from '../store/custody';
import type { Store } from '../store/store';
import type { Address, DeliveryPort } from './delivery-port';
import type { Recipient } from './notice';
import type { Limit } from './rate-buckets';

/** The identity a platform's direct messages are addressed to. */
const directIdentity: Record<Platform, IdentityKind> = { slack: 'slack', lark: 'lark_open_id' };

/** Where a notice goes: the first running platform that has an address for its recipient. */
export interface Target {
  port: DeliveryPort;
  address: Address;
  limits: Limit[];
}

/** Turns a notice's recipient into an address on one of the running platforms. */
export class Addresses {
  constructor(
    private readonly store: Store,
    private readonly org: Organisation,
    private readonly ports: DeliveryPort[],
  ) {}

  async targetOf(m: EntityManager, notice: NoticeRow): Promise<Target | null> {
    const to: Recipient = { kind: notice.recipientKind, id: notice.recipient };
    for (const port of this.ports) {
      const address = await this.addressOn(m, port.platform, to);
      if (address) return { port, address, limits: port.limits(address) };
    }
    return null;
  }

  private async addressOn(
    m: EntityManager,
    platform: Platform,
    to: Recipient,
  ): Promise<Address | null> {
    if (to.kind === 'person' || to.kind === 'relay') {
      // R6: a relay id turns into its person here, at send time, and nowhere that is stored.
      const personId =
        to.kind === 'relay' ? await personBehind(m, this.store.custody, to.id) : Number(to.id);
      if (personId === null) return null;
      const identity = await m.findOneBy(IdentityEntity, {
        personId,
        kind: directIdentity[platform],
      });
      return identity ? { kind: 'user', id: identity.externalId } : null;
    }
    if (to.kind === 'department_channel') {
      const department = await m.findOneBy(DepartmentEntity, { id: to.id });
      const id = platform === 'slack' ? department?.slackChannel : department?.larkChat;
      return id ? { kind: 'channel', id } : null;
    }
    const channels = this.org.channels as Record<
      string,
      { slack?: string; lark?: string } | undefined
    >;
    const id = channels[to.id]?.[platform];
    return id ? { kind: 'channel', id } : null;
  }
}
