import { loadOrganisation, type Organisation } from '../../src/config/org';
import type { Actor } from '../../src/domain/people';
import type { Petition } from '../../src/domain/petition';

import { actorByKeyOrName } from '../../src/services/actors';
import { createCore, type Core } from '../../src/services/core';
import { file, type FilingForm } from '../../src/services/file';
import type { OutgoingNotice } from '../../src/notices/notice';
import { readNotice } from '../../src/notices/notice-reader';
import { NoticeEntity, PersonEntity, type NoticeRow } from '../../src/store/entities';
import { syncOrganisation } from '../../src/store/org-sync';
import { Store } from '../../src/store/store';
import { TestClock } from './clock';
import { migratedStore, testIdentityKey, type TestDatabase } from './databases';

export const exampleOrg: Organisation = loadOrganisation('org.example.yaml');

/** The example organisation where one person may file any number of petitions unflagged. */
export const patientOrg: Organisation = {
  ...exampleOrg,
  thresholds: { ...exampleOrg.thresholds, repeatPetitions: 1000 },
};

/**
 * The example organisation with 2027's official days given (R31): 2027-01-01 a holiday. The
 * days are made up; the tests are about the mechanism, not the State Council's calendar.
 */
export const with2027: Organisation = {
  ...patientOrg,
  organisation: {
    ...patientOrg.organisation,
    calendar: {
      ...patientOrg.organisation.calendar,
      officialYears: { '2027': { holidays: ['2027-01-01'], workdays: [] } },
    },
  },
};

/** A complete written reply (R11), delivered in person on the given day. */
export function writtenReply(deliveredOn: string) {
  return {
    investigation: '核查排班。',
    facts: '夜班补贴按旧标准发放。',
    basis: '公司薪酬管理办法。',
    conclusion: '维持现行标准。',
    deliveryMethod: 'in_person' as const,
    deliveredOn,
  };
}

/**
 * The example organisation on a migrated test database, with a clock the test moves. People are
 * named by their id in org.example.yaml: hu.bin is an employee, zhao.min an HR handler,
 * yang.lei the HR head, zhang.wei the leader over HR, chen.jing custodian and review board.
 */
export class World {
  private constructor(
    readonly core: Core,
    readonly clock: TestClock,
  ) {}

  static async open(
    db: TestDatabase,
    org: Organisation = exampleOrg,
    iso = '2026-11-02T02:00:00Z',
  ): Promise<World> {
    return World.onStore(await migratedStore(db), org, iso);
  }

  /** The world on a migrated database opened elsewhere (another setup's URL). */
  static async onStore(
    store: Store,
    org: Organisation = exampleOrg,
    iso = '2026-11-02T02:00:00Z',
  ): Promise<World> {
    const clock = new TestClock(iso);
    await syncOrganisation(store, org, clock.now());
    return new World(createCore(store, org, clock), clock);
  }

  get store(): Store {
    return this.core.store;
  }

  as(key: string): Promise<Actor> {
    return actorByKeyOrName(this.core, key);
  }

  async idOf(key: string): Promise<number> {
    return (await this.store.manager.findOneByOrFail(PersonEntity, { orgKey: key })).id;
  }

  async file(key: string, form: Partial<FilingForm> = {}): Promise<Petition> {
    return file(this.core, await this.as(key), {
      categoryId: 'labour.salary',
      content: '十月加班费未按规定发放，车间二十多人的工资条都少了加班费。',
      contact: '13800000000',
      commitment: true,
      ...form,
    });
  }

  async notices(
    number: string,
    kind?: string,
  ): Promise<(NoticeRow & { data: OutgoingNotice['params'] })[]> {
    const rows = await this.store.manager
      .getRepository(NoticeEntity)
      .createQueryBuilder('n')
      .innerJoin('petitions', 'p', 'p.id = n.petition_id')
      .where('p.number = :number', { number })
      .orderBy('n.id')
      .getMany();
    return rows
      .filter((n) => kind === undefined || n.kind === kind)
      .map((n) => ({ ...n, data: readNotice(n).params }));
  }

  /** Person ids a notice of this kind went to. */
  async toldAbout(number: string, kind: string): Promise<string[]> {
    return (await this.notices(number, kind)).map((n) => `${n.recipientKind}:${n.recipient}`);
  }
}

/**
 * R26: a second bot instance on the world's database: on MariaDB one with a DataSource and
 * connection pool of its own. The embedded SQLite database serves one instance, whose requests
 * still arrive at once, so there it is the world's own.
 */
export async function secondInstance(world: World, db: TestDatabase): Promise<Core> {
  if (db.kind !== 'mysql') return world.core;
  const store = new Store(await db.open(), db.url, null, testIdentityKey);
  return createCore(store, world.core.org, world.clock);
}
