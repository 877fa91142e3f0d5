import { actedBefore, actOnce } from '../../src/services/act-once';
import { createCore, type Core } from '../../src/services/core';
import { TestClock } from '../support/clock';
import { eachDatabase, migratedStore } from '../support/databases';
import { exampleOrg } from '../support/world';

eachDatabase('R26 each chat event acted on once', (db) => {
  let core: Core;
  beforeAll(async () => {
    core = createCore(await migratedStore(db()), exampleOrg, new TestClock('2026-11-02T01:00:00Z'));
  });

  /** Work that counts how often it ran and answers with that count. */
  function counted() {
    let runs = 0;
    return { work: async () => ++runs, runs: () => runs };
  }

  test('a redelivered event is not acted on again', async () => {
    const { work, runs } = counted();
    expect(await actOnce(core, 'slack', 'Ev01', work)).toBe(1);
    expect(await actOnce(core, 'slack', 'Ev01', work)).toBe(actedBefore);
    expect(runs()).toBe(1);
  });

  test('the same event id from the other platform is another event', async () => {
    const { work } = counted();
    expect(await actOnce(core, 'slack', 'Ev02', work)).toBe(1);
    expect(await actOnce(core, 'lark', 'Ev02', work)).toBe(2);
  });

  test('an event whose handling failed is acted on when it is delivered again', async () => {
    const failure = new Error('the chat platform timed out');
    await expect(actOnce(core, 'lark', 'form:n1', () => Promise.reject(failure))).rejects.toBe(
      failure,
    );
    const { work } = counted();
    expect(await actOnce(core, 'lark', 'form:n1', work)).toBe(1);
    expect(await actOnce(core, 'lark', 'form:n1', work)).toBe(actedBefore);
  });

  test('an event without an id cannot be recognised again, so it is acted on each time', async () => {
    const { work } = counted();
    await actOnce(core, 'slack', undefined, work);
    await actOnce(core, 'slack', undefined, work);
    expect(await actOnce(core, 'slack', '', work)).toBe(3);
  });
});
