import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';

/**
 * The three nodes of one MariaDB Galera cluster, as `scripts/galera.sh urls` prints them
 * (`mysql://root@127.0.0.1:3311/test,…`); none when the variable is unset or empty.
 */
export function galeraNodes(list = process.env.TEST_GALERA_URLS ?? ''): string[] {
  const nodes = list
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  if (nodes.length !== 0 && nodes.length !== 3) {
    throw new Error(`TEST_GALERA_URLS names ${nodes.length} nodes; it takes the cluster's three`);
  }
  return nodes;
}

/** One database of the cluster, reached through each node in turn. */
export interface ClusterDatabase {
  /** The database's URL on each node, in the order the nodes were given. */
  urls: string[];
  drop(): Promise<void>;
}

async function onNode(url: string, sql: string): Promise<unknown> {
  const connection = await createConnection({ uri: url });
  try {
    const [rows] = await connection.query(sql);
    return rows;
  } finally {
    await connection.end();
  }
}

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

/**
 * Creates the database on the first node; Galera replicates the DDL to the others, which are
 * waited for, so an instance started on any node finds it.
 */
export async function clusterDatabase(
  nodes: string[],
  name = `pg_${randomBytes(5).toString('hex')}`,
): Promise<ClusterDatabase> {
  await onNode(nodes[0], `DROP DATABASE IF EXISTS ${name}`);
  await onNode(
    nodes[0],
    `CREATE DATABASE ${name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
  );
  for (const node of nodes) {
    for (let tries = 0; ; tries++) {
      const rows = (await onNode(node, `SHOW DATABASES LIKE '${name}'`)) as unknown[];
      if (rows.length === 1) break;
      if (tries > 100) throw new Error(`${name} did not reach the node at ${node}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return {
    urls: nodes.map((node) => withDatabase(node, name)),
    drop: async () => {
      await onNode(nodes[0], `DROP DATABASE IF EXISTS ${name}`);
    },
  };
}

/** What Galera counts on one node: certification failures and transactions aborted for a replicated write. */
export async function conflictsOn(url: string): Promise<number> {
  const rows = (await onNode(
    url,
    "SELECT SUM(VARIABLE_VALUE) AS n FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME IN ('wsrep_local_cert_failures', 'wsrep_local_bf_aborts')",
  )) as { n: string | number }[];
  return Number(rows[0].n);
}
