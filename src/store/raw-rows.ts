import type { EntityManager, EntitySchema } from 'typeorm';

/**
 * Rows of several entities read in one hand-written statement (a join TypeORM's entity schemas
 * do not model), converted column by column as TypeORM converts a `find`'s: the hot paths that
 * would otherwise send one statement per table.
 */

/** `alias.column AS alias__column, …` for every column the entity maps. */
export function selectList<T extends object>(
  m: EntityManager,
  entity: EntitySchema<T>,
  alias: string,
): string {
  return m.connection
    .getMetadata(entity)
    .columns.map((c) => `${alias}.${c.databaseName} AS ${alias}__${c.databaseName}`)
    .join(', ');
}

/** The entity a raw row holds under `alias` (see `selectList`); null when the join found none. */
export function hydrated<T extends object>(
  m: EntityManager,
  entity: EntitySchema<T>,
  alias: string,
  raw: Record<string, unknown>,
): T | null {
  const { columns, primaryColumns } = m.connection.getMetadata(entity);
  const key = (databaseName: string) => `${alias}__${databaseName}`;
  if (primaryColumns.every((c) => raw[key(c.databaseName)] == null)) return null;
  const { driver } = m.connection;
  return Object.fromEntries(
    columns.map((c) => [c.propertyName, driver.prepareHydratedValue(raw[key(c.databaseName)], c)]),
  ) as T;
}

/**
 * Writes rows in one hand-written INSERT, each value converted by the driver as the entity maps
 * it: the query builder's cost grows with every bound value, and a filing or a sweep writes on
 * every hot path. Columns are those of the first row; with `keep`, a row whose unique `keep`
 * column is taken already is left as it was (not INSERT IGNORE: MySQL's IGNORE would also
 * silence real errors such as a truncated value). Returns the id the database gave the row, for
 * an insert of one row into a table with a generated id.
 */
export async function insertRows<T extends object>(
  m: EntityManager,
  entity: EntitySchema<T>,
  rows: Partial<T>[],
  keep?: string,
): Promise<number> {
  if (rows.length === 0) return 0;
  const { driver } = m.connection;
  const metadata = m.connection.getMetadata(entity);
  const columns = metadata.columns.filter((c) => c.propertyName in rows[0]);
  const params = rows.flatMap((row) =>
    columns.map((c) =>
      driver.preparePersistentValue((row as Record<string, unknown>)[c.propertyName], c),
    ),
  );
  const names = columns.map((c) => driver.escape(c.databaseName)).join(', ');
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const conflict = !keep
    ? ''
    : driver.options.type === 'mysql'
      ? ` ON DUPLICATE KEY UPDATE ${driver.escape(keep)} = ${driver.escape(keep)}`
      : ` ON CONFLICT (${driver.escape(keep)}) DO NOTHING`;
  const result = (await m.query(
    `INSERT INTO ${driver.escape(metadata.tableName)} (${names}) VALUES ${rows.map(() => tuple).join(', ')}${conflict}`,
    params,
  )) as { insertId?: number } | number;
  return Number(typeof result === 'number' ? result : result.insertId);
}
