/**
 * A consistent copy of the database while the server keeps writing, and putting one back.
 *
 * - SQLite: `VACUUM INTO` from a read-only connection of its own: one read transaction in WAL mode,
 *   so the copy is one committed state while the server's connection keeps writing.
 * - PostgreSQL: `pg_dump` in custom format, reading the snapshot of a REPEATABLE READ transaction
 *   that also counts the rows, so the counts in the manifest describe exactly what was dumped.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import type { DatabaseTarget } from '../db/dialect.ts';

export interface DatabaseSnapshot {
  /** file name inside the backup */
  file: 'database.sqlite' | 'database.pgdump';
  tables: Record<string, number>;
  /** the last migration applied: a restore refuses a schema newer than the program knows */
  schemaVersion: string | null;
}

export class SnapshotError extends Error {}

export async function snapshotDatabase(target: DatabaseTarget, destination: string): Promise<DatabaseSnapshot> {
  return target.dialect === 'sqlite'
    ? snapshotSqlite(target.location, destination)
    : snapshotPostgres(target, destination);
}

async function snapshotSqlite(location: string, destination: string): Promise<DatabaseSnapshot> {
  if (!fs.existsSync(location)) throw new SnapshotError(`there is no database at ${location}`);
  const source = new SqliteDatabase(location, { readonly: true, fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    // one statement inside one read transaction: a snapshot of the last commit, never restarted
    // by the server's writes (the page-stepping backup API restarts whenever another connection
    // writes between its steps, and under steady writes may never finish)
    source.prepare('vacuum into ?').run(destination);
  } finally {
    source.close();
  }
  const copy = new SqliteDatabase(destination);
  try {
    // the copy is self-contained: no WAL beside it
    copy.pragma('journal_mode = DELETE');
    return { file: 'database.sqlite', ...describeSqlite(copy) };
  } finally {
    copy.close();
  }
}

function describeSqlite(database: SqliteDatabase.Database): Omit<DatabaseSnapshot, 'file'> {
  const names = database
    .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`)
    .all() as { name: string }[];
  const tables: Record<string, number> = {};
  for (const { name } of names) {
    tables[name] = (database.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n;
  }
  const schemaVersion = names.some((table) => table.name === 'kysely_migration')
    ? ((database.prepare('select max(name) as name from kysely_migration').get() as { name: string | null }).name ??
      null)
    : null;
  return { tables, schemaVersion };
}

async function snapshotPostgres(target: DatabaseTarget, destination: string): Promise<DatabaseSnapshot> {
  await assertClientTool('pg_dump');
  const client = await connect(target);
  try {
    await client.query('begin isolation level repeatable read read only');
    const snapshotId = (await client.query<{ id: string }>('select pg_export_snapshot() as id')).rows[0]!.id;
    const described = await describePostgres(client);
    await run('pg_dump', [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      `--snapshot=${snapshotId}`,
      ...(target.schema ? [`--schema=${target.schema}`] : []),
      `--file=${destination}`,
      `--dbname=${target.location}`,
    ]);
    await client.query('commit');
    return { file: 'database.pgdump', ...described };
  } finally {
    await client.end();
  }
}

async function describePostgres(client: pg.Client): Promise<Omit<DatabaseSnapshot, 'file'>> {
  const names = (
    await client.query<{ name: string }>(
      `select table_name as name from information_schema.tables
       where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
    )
  ).rows.map((row) => row.name);
  const tables: Record<string, number> = {};
  for (const name of names) {
    tables[name] = Number((await client.query<{ n: string }>(`select count(*) as n from "${name}"`)).rows[0]!.n);
  }
  const schemaVersion = names.includes('kysely_migration')
    ? ((await client.query<{ name: string | null }>('select max(name) as name from kysely_migration')).rows[0]!.name ??
      null)
    : null;
  return { tables, schemaVersion };
}

/** What is in a database now, for the verification after a restore. */
export async function describeDatabase(target: DatabaseTarget): Promise<Omit<DatabaseSnapshot, 'file'>> {
  if (target.dialect === 'sqlite') {
    const database = new SqliteDatabase(target.location, { readonly: true, fileMustExist: true });
    try {
      return describeSqlite(database);
    } finally {
      database.close();
    }
  }
  const client = await connect(target);
  try {
    return await describePostgres(client);
  } finally {
    await client.end();
  }
}

/** A restore goes only into a database with no tables: it never overwrites data. */
export async function isDatabaseEmpty(target: DatabaseTarget): Promise<boolean> {
  if (target.dialect === 'sqlite') {
    if (!fs.existsSync(target.location)) return true;
    return Object.keys(describeSqliteFile(target.location).tables).length === 0;
  }
  const client = await connect(target);
  try {
    const rows = await client.query(
      `select 1 from information_schema.tables where table_schema = current_schema() limit 1`,
    );
    return rows.rowCount === 0;
  } finally {
    await client.end();
  }
}

function describeSqliteFile(location: string) {
  const database = new SqliteDatabase(location, { readonly: true, fileMustExist: true });
  try {
    return describeSqlite(database);
  } finally {
    database.close();
  }
}

export async function restoreDatabase(target: DatabaseTarget, file: string): Promise<void> {
  if (target.dialect === 'sqlite') {
    fs.mkdirSync(pathDirectory(target.location), { recursive: true });
    for (const leftover of [target.location, `${target.location}-wal`, `${target.location}-shm`])
      fs.rmSync(leftover, { force: true });
    // copied beside the target, then renamed: the database appears whole or not at all
    const partial = `${target.location}.restoring`;
    fs.copyFileSync(file, partial);
    fs.renameSync(partial, target.location);
    return;
  }
  await assertClientTool('pg_restore');
  await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${target.location}`, file]);
}

function pathDirectory(location: string): string {
  const index = location.lastIndexOf('/');
  return index > 0 ? location.slice(0, index) : '.';
}

async function connect(target: DatabaseTarget): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: target.location,
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  });
  await client.connect();
  return client;
}

async function assertClientTool(tool: 'pg_dump' | 'pg_restore'): Promise<void> {
  try {
    await run(tool, ['--version']);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      throw new SnapshotError(
        `${tool} was not found: install the PostgreSQL client tools of the server's major version ` +
          `(Debian/Ubuntu: apt install postgresql-client; other systems: the postgresql client package), then try again`,
      );
    throw error;
  }
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new SnapshotError(`${command} failed (exit ${code}): ${stderr.trim().slice(0, 2000)}`));
    });
  });
}
