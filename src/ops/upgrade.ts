/**
 * An upgrade never runs on the only copy: before the migrations a program brings are applied to a
 * database that already holds data, a backup of it is made (the data key is left out of it: it
 * stays where it is, in DATA_DIR or WENNUAN_DATA_KEY). `--no-backup` skips it on purpose. The
 * migrations themselves run in one transaction (database.ts), so a failure leaves the old schema.
 */
import type { Migration } from 'kysely';
import { migrateToLatest, pendingMigrations, type Db } from '../db/database.ts';
import type { DatabaseTarget } from '../db/dialect.ts';
import { migrations } from '../db/migrations/index.ts';
import { createBackup, type DataKeyMaterial } from './backup.ts';

export interface UpgradeOptions {
  target: DatabaseTarget;
  dataDir: string;
  keys: DataKeyMaterial;
  backupDir: string;
  /** true: upgrade without a backup, as the operator asked */
  skipBackup: boolean;
  known?: Record<string, Migration>;
}

export interface UpgradeResult {
  applied: string[];
  /** the backup made before, if any: none for a new database or when nothing was pending */
  backupFile: string | null;
}

export async function migrateWithBackup(db: Db, options: UpgradeOptions): Promise<UpgradeResult> {
  const known = options.known ?? migrations;
  const { pending, applied } = await pendingMigrations(db, options.target.schema, known);
  if (pending.length === 0) return { applied: [], backupFile: null };
  const holdsData = applied.length > 0;
  const backupFile =
    holdsData && !options.skipBackup
      ? (
          await createBackup({
            target: options.target,
            dataDir: options.dataDir,
            keys: options.keys,
            passphrase: null,
            toDir: options.backupDir,
          })
        ).file
      : null;
  await migrateToLatest(db, options.target.schema, known);
  return { applied: pending, backupFile };
}
