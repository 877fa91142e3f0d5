import type { RunCoordinator } from 'node-cron';
import { isDuplicateKey } from '../store/duplicate-key';
import { JobFireEntity } from '../store/entities';
import type { Store } from '../store/store';

/**
 * node-cron's distributed mode asks this before every fire. The first instance to insert the
 * fire key (`name:fireTimeISO`) runs it; the others' inserts hit the primary key and they stand
 * down. The row is also the record of the run (R18: a run that did not happen shows in health).
 */
export class DatabaseRunCoordinator implements RunCoordinator {
  constructor(
    private readonly store: Store,
    private readonly owner: string,
    private readonly now: () => Date,
  ) {}

  async shouldRun(key: string): Promise<boolean> {
    try {
      await this.store.transaction((m) =>
        m.insert(JobFireEntity, {
          fireKey: key,
          jobName: key.slice(0, key.indexOf(':')),
          owner: this.owner,
          firedAt: this.now(),
          finishedAt: null,
          outcome: null,
          error: null,
        }),
      );
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  }

  async finish(key: string, outcome: 'ok' | 'failed', error?: string): Promise<void> {
    await this.store.transaction((m) =>
      m.update(
        JobFireEntity,
        { fireKey: key, owner: this.owner },
        { finishedAt: this.now(), outcome, error: error ?? null },
      ),
    );
  }
}
