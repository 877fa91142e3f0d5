import { createConnection } from 'mysql2/promise';
import { registerChatUser } from '../../src/services/actors';
import { createCore } from '../../src/services/core';
import { createDataSource } from '../../src/store/data-source';
import { Store } from '../../src/store/store';
import { clusterDatabase, conflictsOn, galeraNodes, type ClusterDatabase } from '../support/galera';
import { refused, ThreeInstances, type FilingAnswer } from './three-instances';

/**
 * R26 on a real multi-primary cluster: a 3-node MariaDB Galera cluster (`scripts/galera.sh
 * start`, then TEST_GALERA_URLS from `scripts/galera.sh urls`), three bot instances each on
 * its own node. TEST_GALERA_FILINGS sizes the run (CI: the default; `npm run bench:galera`
 * measures 600).
 */
const nodes = galeraNodes();
const filings = Number(process.env.TEST_GALERA_FILINGS ?? 45);
const skipped =
  '(skipped: TEST_GALERA_URLS does not name a Galera cluster; see README, "Clusters")';

(nodes.length ? describe : describe.skip)(
  `R26 three instances on three nodes of a Galera cluster${nodes.length ? '' : ` ${skipped}`}`,
  () => {
    let database: ClusterDatabase;
    let cluster: ThreeInstances;
    let answers: FilingAnswer[] = [];
    beforeAll(async () => {
      database = await clusterDatabase(nodes);
      cluster = new ThreeInstances(database.urls);
      await cluster.start();
    }, 120_000);
    afterAll(async () => {
      await cluster?.stop();
      await database?.drop();
    });

    const count = async (sql: string) =>
      Number((await cluster.rows<{ n: number | string }>(sql))[0].n);

    test('R26 R2 filings opened on one instance and submitted to the next are all answered and stored, each under its own number', async () => {
      answers = await cluster.file(filings, 12);
      expect(answers.filter(refused)).toEqual([]);
      const numbers = await cluster.rows<{ number: string }>('SELECT number FROM petitions');
      expect(numbers).toHaveLength(filings);
      expect(new Set(numbers.map((r) => r.number)).size).toBe(filings);
      expect(numbers.every((r) => /^XF-\d{4}-\d{6}$/.test(r.number))).toBe(true);
    }, 300_000);

    test('R26 a person registered on first contact through one node, then met through another a moment later, is not registered there again', async () => {
      const opener = cluster.bots[0].bot.core;
      // The other node's instance, as a core of its own: no timer of an instance writes beside it.
      const ds = await createDataSource(database.urls[1]).initialize();
      try {
        const submitter = createCore(new Store(ds, database.urls[1]), opener.org, opener.clock);
        const registering = jest.spyOn(submitter.store, 'transaction');
        for (let i = 0; i < 100; i++) {
          const user = `U0FIRSTSIGHT${i}`;
          const profile = { name: user, workspace: 'T0', home: 'T0' };
          const registered = await registerChatUser(opener, 'slack', user, profile);
          const met = await registerChatUser(submitter, 'slack', user, profile);
          expect(met.person.id).toBe(registered.person.id);
        }
        expect(registering).not.toHaveBeenCalled();
      } finally {
        await ds.destroy();
      }
    });

    test('R26 every notice of the filings is delivered once, whichever of the three dispatchers claimed it', async () => {
      await cluster.deliverAll();
      const notices = await cluster.rows<{ state: string; n: number | string }>(
        'SELECT state, COUNT(*) AS n FROM notices GROUP BY state',
      );
      const sent = await count("SELECT COUNT(*) AS n FROM notices WHERE state = 'sent'");
      expect(notices.map((r) => r.state)).toEqual(['sent']);
      expect(cluster.slack.of('chat.postMessage')).toHaveLength(sent);
      const receipts = await cluster.rows<{ number: string; slack: string }>(
        "SELECT p.number, i.external_id AS slack FROM petitions p JOIN petition_parties pp ON pp.petition_id = p.id JOIN identities i ON i.person_id = pp.petitioner_id AND i.kind = 'slack'",
      );
      expect(receipts).toHaveLength(filings);
      for (const { number, slack } of receipts) {
        const toFiler = cluster.slack
          .of('chat.postMessage')
          .filter((m) => m.channel === `D${slack}` && String(m.text).includes(number));
        expect(toFiler).toHaveLength(1);
      }
      expect(new Set(receipts.map((r) => r.slack))).toEqual(new Set(answers.map((a) => a.user)));
    });

    test('R26 R18 the reminder sweep fired on all three instances at once runs on one, and a later fire the same day repeats no reminder', async () => {
      const before = await count('SELECT COUNT(*) AS n FROM notices');
      cluster.clock.advanceDays(7);
      const offered = await cluster.fireEverywhere('reminders');
      expect(offered.filter((n) => n > 0)).toHaveLength(1);
      cluster.clock.advanceDays(0.05);
      expect((await cluster.fireEverywhere('reminders')).reduce((a, b) => a + b)).toBe(0);
      const reminders = (await count('SELECT COUNT(*) AS n FROM notices')) - before;
      expect(reminders).toBeGreaterThanOrEqual(filings);
      expect(
        await count(
          'SELECT COUNT(*) AS n FROM (SELECT petition_id, kind, recipient FROM notices GROUP BY petition_id, kind, recipient HAVING COUNT(*) > 1) d',
        ),
      ).toBe(0);
      expect(await count("SELECT COUNT(*) AS n FROM job_fires WHERE job_name = 'reminders'")).toBe(
        2,
      );
      const postedBefore = cluster.slack.of('chat.postMessage').length;
      await cluster.deliverAll();
      expect(cluster.slack.of('chat.postMessage').length - postedBefore).toBe(reminders);
    });

    test('R26 R20 the leader digest fired on all three instances at once, and again, reaches each leader once', async () => {
      const offered = await cluster.fireEverywhere('leader-digest');
      expect(offered.filter((n) => n > 0)).toHaveLength(1);
      cluster.clock.advanceDays(0.05);
      await cluster.fireEverywhere('leader-digest');
      const leaders = await count(
        "SELECT COUNT(DISTINCT r.person_id) AS n FROM role_assignments r JOIN people p ON p.id = r.person_id AND p.active WHERE r.role = 'leader'",
      );
      const digests = await cluster.rows<{ recipient: string; n: number | string }>(
        "SELECT recipient, COUNT(*) AS n FROM notices WHERE kind = 'leader_digest' GROUP BY recipient",
      );
      expect(leaders).toBeGreaterThan(0);
      expect(digests).toHaveLength(leaders);
      expect(digests.every((d) => Number(d.n) === 1)).toBe(true);
      const postedBefore = cluster.slack.of('chat.postMessage').length;
      await cluster.deliverAll();
      expect(cluster.slack.of('chat.postMessage').length - postedBefore).toBe(leaders);
    });

    test('R26 R2 once the three instances stop, every number any of them took is a petition or void', async () => {
      await cluster.stop();
      expect(await cluster.missingNumber()).toBeNull();
    });

    test('R26 new cases written on three nodes at once, each then given its audit head, are not aborted by one another', async () => {
      const sources = await Promise.all(
        database.urls.map((url) => createDataSource(url).initialize()),
      );
      try {
        const stores = sources.map((ds, i) => new Store(ds, database.urls[i]));
        const before = await Promise.all(nodes.map(conflictsOn));
        const now = new Date('2026-11-02T02:00:00Z');
        // What a filing writes to its case: the row, then the head of its trail beside it.
        const writeCase = (store: Store, n: string) =>
          store.writingNew(async (m) => {
            const { insertId } = (await m.query(
              "INSERT INTO petitions (number, category_id, lead_department_id, mode, state, content, people_concerned, filed_at, updated_at) VALUES (?, 'management.rules', 'office', 'named', 'submitted', ?, 1, ?, ?)",
              [`HEAD-${n}`, `第 ${n} 条建议`, now, now],
            )) as { insertId: number };
            await m.query('UPDATE petitions SET audit_seq = 1, audit_head = ? WHERE id = ?', [
              'f'.repeat(64),
              insertId,
            ]);
          });
        await Promise.all(
          stores.flatMap((store, node) =>
            Array.from({ length: 6 }, async (_, lane) => {
              for (let i = 0; i < 50; i++) await writeCase(store, `${node}-${lane}-${i}`);
            }),
          ),
        );
        const after = await Promise.all(nodes.map(conflictsOn));
        expect(after.map((n, i) => n - before[i])).toEqual([0, 0, 0]);
        expect(stores.map((store) => store.conflictsRetried)).toEqual([0, 0, 0]);
      } finally {
        await Promise.all(sources.map((ds) => ds.destroy()));
      }
    });

    test('R26 a transaction that loses certification at COMMIT to a write on another node, run after run, is run again until it commits', async () => {
      const [here, there] = database.urls;
      const ds = await createDataSource(here).initialize();
      const other = await createConnection({ uri: there });
      try {
        const store = new Store(ds, here);
        await ds.query(
          "INSERT INTO case_counters (name, last_value) VALUES ('galera-race', 0) ON DUPLICATE KEY UPDATE last_value = 0",
        );
        await new Promise((resolve) => setTimeout(resolve, 200));
        // More lost races in a row than the five immediate reruns that lost a filer's petition.
        const losses = 8;
        let runs = 0;
        await store.transaction(async (m) => {
          runs++;
          await m.query(
            "UPDATE case_counters SET last_value = last_value + 1 WHERE name = 'galera-race'",
          );
          if (runs <= losses) {
            await other.query(
              "UPDATE case_counters SET last_value = last_value + 100 WHERE name = 'galera-race'",
            );
          }
        });
        expect(runs).toBe(losses + 1);
        expect(store.conflictsRetried).toBe(losses);
        await other.query('SET SESSION wsrep_sync_wait = 1');
        const [rows] = await other.query(
          "SELECT last_value FROM case_counters WHERE name = 'galera-race'",
        );
        // Every other node's write stands, and ours once.
        expect(rows).toEqual([{ last_value: losses * 100 + 1 }]);
      } finally {
        await other.end();
        await ds.destroy();
      }
    });
  },
);

test('R26 TEST_GALERA_URLS names a cluster of three, or nothing', () => {
  expect(galeraNodes('')).toEqual([]);
  expect(galeraNodes('mysql://a/test, mysql://b/test,mysql://c/test')).toHaveLength(3);
  expect(() => galeraNodes('mysql://a/test,mysql://b/test')).toThrow(
    "TEST_GALERA_URLS names 2 nodes; it takes the cluster's three",
  );
});
