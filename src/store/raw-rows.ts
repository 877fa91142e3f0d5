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
