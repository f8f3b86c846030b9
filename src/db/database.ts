import { Kysely, Migrator, type Migration, type Transaction } from 'kysely';
import { createDialect, type DatabaseTarget } from './dialect.ts';
import { migrations } from './migrations/index.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
/** A handle that is either the database or a transaction: repositories accept both. */
export type DbOrTx = Kysely<Database> | Transaction<Database>;

export function openDatabase(target: DatabaseTarget): Db {
  return new Kysely<Database>({ dialect: createDialect(target) });
}

/**
 * `schema`: the PostgreSQL schema the migration tables live in, when not the default one. All
 * pending migrations run in one transaction on both databases: one that fails leaves the schema
 * and the data as they were.
 */
export async function migrateToLatest(
  db: Db,
  schema?: string,
  known: Record<string, Migration> = migrations,
): Promise<void> {
  const migrator = migratorOf(db, schema, known);
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${reason}`, { cause: error });
  }
}

/** The migrations this program knows, split into those the database has had and those still to run. */
export async function pendingMigrations(
  db: Db,
  schema?: string,
  known: Record<string, Migration> = migrations,
): Promise<{ pending: string[]; applied: string[] }> {
  const all = await migratorOf(db, schema, known).getMigrations();
  return {
    pending: all.filter((migration) => !migration.executedAt).map((migration) => migration.name),
    applied: all.filter((migration) => migration.executedAt).map((migration) => migration.name),
  };
}

function migratorOf(db: Db, schema: string | undefined, known: Record<string, Migration>): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => known },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

export function nowIso(): string {
  return new Date().toISOString();
}
