/** Helpers for migrations only; like migrations, they never import application code. */
import type { ColumnDefinitionBuilder, Kysely } from 'kysely';

export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name.startsWith('Postgres');
}

/** A database-generated integer primary key, and the column type that references one. */
// SQLite: "integer primary key" is the rowid itself, the fastest key it has.
export function idColumn(db: Kysely<any>) {
  return isPostgres(db)
    ? { type: 'bigint' as const, build: (c: ColumnDefinitionBuilder) => c.primaryKey().generatedByDefaultAsIdentity() }
    : { type: 'integer' as const, build: (c: ColumnDefinitionBuilder) => c.primaryKey() };
}
