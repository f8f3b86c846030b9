import { Kysely, Migrator, type Transaction } from 'kysely';
import { createDialect, type DatabaseTarget } from './dialect.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
/** A handle that is either the database or a transaction: repositories accept both. */
export type DbOrTx = Kysely<Database> | Transaction<Database>;

export function openDatabase(target: DatabaseTarget): Db {
  return new Kysely<Database>({ dialect: createDialect(target) });
}

/** `schema`: the PostgreSQL schema the migration tables live in, when not the default one. */
export async function migrateToLatest(db: Db, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${reason}`, { cause: error });
  }
}

export function nowIso(): string {
  return new Date().toISOString();
}
