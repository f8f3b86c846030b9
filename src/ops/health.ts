/**
 * What an operator (or a monitor) asks of a running installation: does the database answer, is
 * its schema the one this program expects, how much disk is left where the data lives, and when
 * the last backup was made. Nothing in it is personal data, so it needs no sign-in.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { migrations } from '../db/migrations/index.ts';
import type { Kysely } from 'kysely';
import { dialectOf } from '../db/dialect.ts';

export interface HealthReport {
  ok: boolean;
  database: { dialect: string; ok: boolean; latencyMs: number | null; error?: string };
  migrations: { level: string | null; pending: number } | null;
  disk: { dataDir: string; freeBytes: number; lowOnSpace: boolean } | null;
  lastBackup: { file: string; at: string; olderThanADay: boolean } | null;
}

/** Below this, writes may soon fail: a warning for the operator, well before the disk is full. */
const LOW_SPACE_BYTES = 1024 ** 3;

export async function healthReport(
  db: Db,
  options: { dataDir: string; backupDir?: string | null; now?: Date },
): Promise<HealthReport> {
  const database = await probeDatabase(db);
  const migrations = database.ok ? await migrationLevel(db) : null;
  const disk = freeSpace(options.dataDir);
  const lastBackup = options.backupDir ? newestBackup(options.backupDir, options.now ?? new Date()) : null;
  return {
    ok: database.ok && (migrations?.pending ?? 1) === 0 && !disk?.lowOnSpace,
    database,
    migrations,
    disk,
    lastBackup,
  };
}

async function probeDatabase(db: Db): Promise<HealthReport['database']> {
  const started = performance.now();
  try {
    await db.selectFrom('unit').select('id').limit(1).execute();
    return {
      dialect: dialectOf(db as unknown as Kysely<any>),
      ok: true,
      latencyMs: Number((performance.now() - started).toFixed(1)),
    };
  } catch (error) {
    return {
      dialect: dialectOf(db as unknown as Kysely<any>),
      ok: false,
      latencyMs: null,
      error: (error as Error).message,
    };
  }
}

/**
 * Read from the migration table itself: Kysely's migrator first lists the columns of every table in
 * every schema, which is slow on a big database and fails when a schema is dropped meanwhile.
 */
async function migrationLevel(db: Db): Promise<HealthReport['migrations']> {
  try {
    const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
    const applied = new Set(rows.rows.map((row) => row.name));
    const known = Object.keys(migrations);
    return {
      level: [...applied].sort().at(-1) ?? null,
      pending: known.filter((name) => !applied.has(name)).length,
    };
  } catch {
    return null;
  }
}

function freeSpace(dataDir: string): HealthReport['disk'] {
  try {
    const stats = fs.statfsSync(dataDir);
    const freeBytes = stats.bavail * stats.bsize;
    return { dataDir, freeBytes, lowOnSpace: freeBytes < LOW_SPACE_BYTES };
  } catch {
    return null;
  }
}

function newestBackup(backupDir: string, now: Date): HealthReport['lastBackup'] {
  let names: string[];
  try {
    names = fs.readdirSync(backupDir).filter((name) => /^wennuan-backup-.*\.tar\.gz$/.test(name));
  } catch {
    return null;
  }
  const newest = names
    .map((name) => ({ name, mtime: fs.statSync(path.join(backupDir, name)).mtime }))
    .sort((a, b) => b.mtime.getTime() - a.mtime.getTime())[0];
  if (!newest) return null;
  return {
    file: newest.name,
    at: newest.mtime.toISOString(),
    olderThanADay: now.getTime() - newest.mtime.getTime() > 86_400_000,
  };
}
