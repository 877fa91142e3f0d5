import { loadOrganisation } from '../../src/config/org';
import { currentChainVersion } from '../../src/domain/audit-chain';
import { actorByKeyOrName } from '../../src/services/actors';
import { createCore, type Core } from '../../src/services/core';
import { reprojectIfChanged } from '../../src/services/deadline-projection';
import { file } from '../../src/services/file';
import { note } from '../../src/services/progress';
import { caseFile } from '../../src/services/read-models';
import { readNotice } from '../../src/notices/notice-reader';
import { verifyAuditTrail } from '../../src/store/audit-verifier';
import { beforeBlocks } from '../../src/store/number-format';
import {
  DeadlineProjectionEntity,
  NoticeEntity,
  NumberBlockEntity,
  PetitionEntity,
  PetitionEventEntity,
} from '../../src/store/entities';
import { Store } from '../../src/store/store';
import { TestClock } from '../support/clock';
import { eachDatabase, testIdentityKey } from '../support/databases';
import { earlierDatabase } from '../support/fixtures';

/** The key the fixture databases were sealed with (test/fixtures/README.md). */
const key = 'fixture-seal-key-0123456789abcdef0123';
const org = loadOrganisation('org.example.yaml');

eachDatabase(
  'R24 chains and seals written by the release of 2026-12-01',
  (db) => {
    let core: Core;
    beforeAll(async () => {
      const ds = await db().open();
      await ds.runMigrations({ transaction: 'each' });
      core = createCore(
        new Store(ds, db().url, key, testIdentityKey),
        org,
        new TestClock('2037-02-01T02:00:00Z'),
      );
    });

    test('every chain, seal and destruction record still verifies after migrating', async () => {
      expect(await verifyAuditTrail(core.store.manager, key)).toBeNull();
    });

    test('R2 the numbers it gave out from its counter row are one closed block, accounted for', async () => {
      const blocks = await core.store.manager.find(NumberBlockEntity);
      expect(
        blocks.map((b) => [b.name, b.firstValue, b.lastValue, b.holder, b.closedAt !== null]),
      ).toEqual([['XF-2026', 1, 4, beforeBlocks, true]]);
    });

    test('R9 the first start projects the deadlines of every case not destroyed, once', async () => {
      expect(await reprojectIfChanged(core)).toBe(3);
      expect(await reprojectIfChanged(core)).toBe(0);
      const rows = await core.store.manager.find(DeadlineProjectionEntity, {
        order: { petitionId: 'ASC' },
      });
      expect(rows.map((r) => [r.petitionId, r.handlingDue ?? r.acceptanceDue])).toEqual([
        [1, null],
        [2, '2026-12-22'],
        [4, '2026-12-03'],
      ]);
    });

    test('every trail still reads: the whole history of the re-reviewed case, in order', async () => {
      const admin = await actorByKeyOrName(core, 'wang.fang');
      const { history, state } = await caseFile(core, admin, 'XF-2026-000001');
      expect(state).toBe('archived');
      expect(history.map((e) => e.type)).toEqual([
        'filed',
        'accepted',
        'extension_requested',
        'extension_approved',
        'replied',
        'rated',
        'appealed',
        'reviewed',
        'appealed',
        'reviewed',
        'paper_copy_recorded',
        'legal_hold_placed',
        'archived',
      ]);
    });

    test('R13 its reviews and appeals, stored with levels 1 and 2, read as review and re-review', async () => {
      const admin = await actorByKeyOrName(core, 'wang.fang');
      const { history } = await caseFile(core, admin, 'XF-2026-000001');
      const levels = history
        .filter((e) => e.type === 'appealed' || e.type === 'reviewed')
        .map((e) => [e.type, e.details.find((d) => d.field === 'level')?.value]);
      expect(levels).toEqual([
        ['appealed', 'review'],
        ['reviewed', 'review'],
        ['appealed', 're_review'],
        ['reviewed', 're_review'],
      ]);
    });

    test('R26 every notice in its outbox reads: reports and digests as values, levels as words', async () => {
      const notices = (await core.store.manager.find(NoticeEntity, { order: { id: 'ASC' } })).map(
        readNotice,
      );
      const reports = notices.flatMap((n) =>
        n.kind === 'weekly_summary' ? [n.params.report] : [],
      );
      const digests = notices.flatMap((n) => (n.kind === 'leader_digest' ? [n.params.digest] : []));
      const levels = notices.flatMap((n) => (n.kind === 'reviewed' ? [n.params.level] : []));
      expect(reports.map((r) => `${r.first} ${r.scope}`).sort()).toEqual([
        '2036-12-01 company',
        '2036-12-01 hr',
        '2036-12-01 office',
        '2036-12-01 production',
        '2036-12-29 company',
        '2036-12-29 hr',
        '2036-12-29 office',
        '2036-12-29 production',
      ]);
      expect(
        digests.map((d) => `${d.first} ${d.owned.map((o) => o.number).join()}`).sort(),
      ).toEqual([
        '2036-12-01 XF-2026-000002',
        '2036-12-01 XF-2026-000004',
        '2036-12-29 XF-2026-000002',
        '2036-12-29 XF-2026-000004',
      ]);
      expect(new Set(levels)).toEqual(new Set(['review', 're_review']));
    });

    test('R13: the re-reviewed case stays final: a filing naming it is refused', async () => {
      const petitioner = await actorByKeyOrName(core, 'hu.bin');
      await expect(
        file(core, petitioner, {
          categoryId: 'labour.salary',
          content: '加班费问题再次反映。',
          commitment: true,
          relatesTo: 'XF-2026-000001',
        }),
      ).rejects.toMatchObject({ key: 'refusal.final_matter' });
    });

    test('a step taken today on an earlier case extends its chain, which still verifies sealed', async () => {
      const owner = await actorByKeyOrName(core, 'xu.li');
      await note(core, owner, 'XF-2026-000002', '现场查看通风设备。');
      expect(await verifyAuditTrail(core.store.manager, key)).toBeNull();
      const { id } = await core.store.manager.findOneByOrFail(PetitionEntity, {
        number: 'XF-2026-000002',
      });
      const events = await core.store.manager.find(PetitionEventEntity, {
        where: { petitionId: id },
        order: { seq: 'ASC' },
      });
      // Its earlier events keep the format they were hashed in; the new one is in today's.
      expect(new Set(events.slice(0, -1).map((e) => e.chainVersion))).toEqual(new Set([1]));
      expect(events.at(-1)?.chainVersion).toBe(currentChainVersion);
    });
  },
  (kind) => earlierDatabase(kind, 'main-2026-12-01'),
);
