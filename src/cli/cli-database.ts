/** Commands open the same database the server uses (DATA_DIR / DATABASE_URL), as the system actor. */
import { migrateToLatest, openDatabase, type Db } from '../db/database.ts';
import { loadConfig } from '../server/config.ts';
import { DomainError } from '../modules/shared/errors.ts';

export async function withCliDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = openDatabase(config.database);
  try {
    await migrateToLatest(db);
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/** An error becomes one clear English line (plus field details) on stderr and exit code 1. */
export function reportCliError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const details = error instanceof DomainError ? error.details.filter((detail) => detail.message !== message) : [];
  process.stderr.write(
    `error: ${message}\n${details.map((detail) => `  ${detail.field ?? ''}: ${detail.message}\n`).join('')}`,
  );
  process.exitCode = 1;
}
