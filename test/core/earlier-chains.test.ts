import { loadOrganisation } from '../../src/config/org';
import { currentChainVersion } from '../../src/domain/audit-chain';
import { actorByKeyOrName } from '../../src/services/actors';
import { createCore, type Core } from '../../src/services/core';
import { reprojectIfChanged } from '../../src/services/deadline-projection';
import { file } from '../../src/services/file';
import { note } from '../../src/services/progress';
import { caseFile } from '../../src/services/read-models';
import { verifyAuditTrail } from '../../src/store/audit-verifier';
import {
  DeadlineProjectionEntity,
  PetitionEntity,
  PetitionEventEntity,
} from '../../src/store/entities';
import { Store } from '../../src/store/store';
import { TestClock } from '../support/clock';
import { eachDatabase } from '../support/databases';
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
      core = createCore(new Store(ds, db().url, key), org, new TestClock('2037-02-01T02:00:00Z'));
    });

    test('every chain, seal and destruction record still verifies after migrating', async () => {
      expect(await verifyAuditTrail(core.store.manager, key)).toBeNull();
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
