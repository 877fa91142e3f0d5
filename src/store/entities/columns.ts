import type { EntitySchemaColumnOptions } from 'typeorm';

/** Column mappings shared by the entity schemas; the tables themselves are made by migrations. */
export const col = {
  serial: { type: 'integer', primary: true, generated: 'increment' } as EntitySchemaColumnOptions,
  int: (name: string, nullable = false): EntitySchemaColumnOptions => ({
    name,
    type: 'int',
    nullable,
  }),
  text: (name: string, nullable = false): EntitySchemaColumnOptions => ({
    name,
    type: 'varchar',
    nullable,
  }),
  longText: (name: string, nullable = false): EntitySchemaColumnOptions => ({
    name,
    type: 'text',
    nullable,
  }),
  flag: (name: string): EntitySchemaColumnOptions => ({ name, type: 'boolean' }),
  instant: (name: string, nullable = false): EntitySchemaColumnOptions => ({
    name,
    type: 'datetime',
    nullable,
  }),
};
