/**
 * The only place where SQLite and PostgreSQL differ. Everything else speaks Kysely and runs unchanged
 * on both.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { CompiledQuery, Kysely, PostgresDialect, SqliteAdapter, SqliteDialect, sql, type Dialect } from 'kysely';
import { SqliteReadWriteDriver } from './sqlite-read-write-driver.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseTarget {
  dialect: DialectName;
  /** sqlite: a file path or ':memory:'; postgres: a connection URL */
  location: string;
  /** postgres only: the schema to work in (tests get one each) */
  schema?: string;
}

export function describeTarget(target: DatabaseTarget): string {
  if (target.dialect === 'sqlite') return `SQLite ${target.location}`;
  const url = new URL(target.location);
  return `PostgreSQL ${url.host}${url.pathname}${target.schema ? ` (schema ${target.schema})` : ''}`;
}

/** The raw SQLite handle behind each Kysely instance's adapter, for bulkInsert's fast path. */
const sqliteHandles = new WeakMap<object, SqliteDatabase.Database>();

class SqliteDialectWithHandle extends SqliteDialect {
  constructor(
    private readonly handle: SqliteDatabase.Database,
    private readonly readHandle: SqliteDatabase.Database | null,
  ) {
    super({ database: handle });
  }

  override createDriver() {
    return new SqliteReadWriteDriver(this.handle, this.readHandle);
  }

  override createAdapter() {
    const adapter = new TransactionalDdlSqliteAdapter();
    sqliteHandles.set(adapter, this.handle);
    return adapter;
  }
}

/**
 * SQLite's DDL is transactional, but Kysely's adapter says otherwise, so its migrator would run
 * migrations outside a transaction and a migration failing half-way would leave half a schema.
 * Saying so makes the migrator run all pending migrations in one transaction, as on PostgreSQL.
 */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

export function createDialect(target: DatabaseTarget): Dialect {
  if (target.dialect === 'sqlite') {
    const writer = openSqlite(target.location);
    return new SqliteDialectWithHandle(
      writer,
      target.location === ':memory:' ? null : openSqliteReader(target.location),
    );
  }
  const pool = new pg.Pool({
    connectionString: target.location,
    max: 10,
    ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
  });
  return new PostgresDialect({ pool });
}

/** The writer connection with the pragmas every wennuan SQLite file is used with (the bench opens files this way too). */
export function openSqlite(location: string): SqliteDatabase.Database {
  if (location !== ':memory:') fs.mkdirSync(path.dirname(location), { recursive: true });
  const database = new SqliteDatabase(location);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // 64 MiB of page cache (the default is 2 MiB): the registry's indexes stay in memory during imports
  database.pragma('cache_size = -65536');
  database.pragma('temp_store = memory');
  database.pragma('threads = 2');
  // ANALYZE samples each index instead of reading it whole (milliseconds, not seconds, at 1M rows)
  database.pragma('analysis_limit = 1000');
  return database;
}

/** The second connection, for reads outside transactions (see SqliteReadWriteDriver). */
function openSqliteReader(location: string): SqliteDatabase.Database {
  const database = new SqliteDatabase(location);
  database.pragma('query_only = 1');
  database.pragma('busy_timeout = 5000');
  database.pragma('cache_size = -16384');
  database.pragma('temp_store = memory');
  return database;
}

// PostgreSQL returns bigint/numeric as strings; our counts and fen fit in JS numbers (< 2^53).
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export function dialectOf(db: Kysely<unknown>): DialectName {
  const adapter = db.getExecutor().adapter;
  return adapter.constructor.name.startsWith('Postgres') ? 'postgres' : 'sqlite';
}

/** Case-insensitive LIKE: ILIKE on PostgreSQL, LIKE (already case-insensitive for ASCII) on SQLite. */
export function likeOperator(db: Kysely<unknown>): 'ilike' | 'like' {
  return dialectOf(db) === 'postgres' ? 'ilike' : 'like';
}

/**
 * A lock on the rows a select reads, held to the end of the transaction, on PostgreSQL: `share`
 * lets other sharers go on and holds back an update of the rows, `update` holds back both. SQLite
 * needs none: a transaction holds the one write connection until it ends.
 */
export function withRowLock<Query extends { forShare(): Query; forUpdate(): Query }>(
  db: Kysely<any>,
  query: Query,
  mode: 'share' | 'update',
): Query {
  if (dialectOf(db) !== 'postgres') return query;
  return mode === 'share' ? query.forShare() : query.forUpdate();
}

export async function createSchemaIfMissing(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create schema if not exists "${schema.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema.replace(/"/g, '')}" cascade`);
  } finally {
    await client.end();
  }
}

export { sql };

/**
 * Reserves `count` consecutive-or-not ids for `table` so rows can be inserted with known ids (bulk
 * imports link households and people without relying on RETURNING order, which neither database
 * guarantees). SQLite: call it inside a transaction that has already written, so the write lock is
 * held and nobody else can take ids meanwhile. PostgreSQL: the identity sequence hands them out.
 */
export async function allocateIds(db: Kysely<any>, table: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  if (dialectOf(db) === 'postgres') {
    const result = await sql<{
      id: number;
    }>`select nextval(pg_get_serial_sequence(${table}, 'id'))::bigint as id from generate_series(1, ${count})`.execute(
      db,
    );
    return result.rows.map((row) => Number(row.id));
  }
  const result = await sql<{ max_id: number | null }>`select max(id) as max_id from ${sql.table(table)}`.execute(db);
  const start = (result.rows[0]?.max_id ?? 0) + 1;
  return Array.from({ length: count }, (_, index) => start + index);
}

const statementCache = new WeakMap<SqliteDatabase.Database, Map<string, SqliteDatabase.Statement>>();

/**
 * Inserts many rows of one shape. PostgreSQL: one array parameter per column, unnested by the server
 * (`insert … select * from unnest($1::int8[], …)`), several times faster than a multi-row VALUES of
 * tens of thousands of parameters for the driver to send and the server to parse. SQLite: one cached prepared statement run per row on the same connection (inside the caller's
 * transaction, since Kysely's SQLite driver has a single connection) — several times faster than
 * building and preparing a 30,000-parameter statement per chunk.
 */
export async function bulkInsert(db: Kysely<any>, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  await bulkInsertValues(
    db,
    table,
    columns,
    rows.map((row) => columns.map((column) => row[column] ?? null)),
  );
}

/** bulkInsert of rows given as value lists in the order of `columns`: no object per row to make and take apart. */
export async function bulkInsertValues(
  db: Kysely<any>,
  table: string,
  columns: readonly string[],
  rows: unknown[][],
): Promise<void> {
  if (rows.length === 0) return;
  // Only inside a transaction: it holds Kysely's connection lock, so no other query can interleave.
  const handle = db.isTransaction ? sqliteHandles.get(db.getExecutor().adapter) : undefined;
  if (handle) {
    const sqlText = `insert into "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`;
    let cache = statementCache.get(handle);
    if (!cache) statementCache.set(handle, (cache = new Map()));
    let statement = cache.get(sqlText);
    if (!statement) cache.set(sqlText, (statement = handle.prepare(sqlText)));
    for (const row of rows) statement.run(row);
    return;
  }
  if (dialectOf(db) === 'postgres') return insertByUnnest(db, table, columns, rows);
  const perChunk = Math.max(1, Math.floor(30_000 / columns.length));
  for (let i = 0; i < rows.length; i += perChunk) {
    await db
      .insertInto(table)
      .values(
        rows
          .slice(i, i + perChunk)
          .map((values) => Object.fromEntries(columns.map((column, index) => [column, values[index]]))),
      )
      .execute();
  }
}

const UNNEST_CHUNK_ROWS = 5000;

async function insertByUnnest(
  db: Kysely<any>,
  table: string,
  columns: readonly string[],
  rows: unknown[][],
): Promise<void> {
  const types = await columnTypes(db, table);
  const arrayTypes = columns.map((column) => {
    const type = types.get(column);
    if (!type) throw new Error(`bulkInsert: ${table}.${column} is not a column`);
    return `${type}[]`;
  });
  const columnList = columns.map((column) => `"${column}"`).join(', ');
  const unnestList = arrayTypes.map((type, index) => `$${index + 1}::${type}`).join(', ');
  const text = `insert into "${table}" (${columnList}) select * from unnest(${unnestList})`;
  for (let start = 0; start < rows.length; start += UNNEST_CHUNK_ROWS) {
    const chunk = rows.slice(start, start + UNNEST_CHUNK_ROWS);
    const parameters = columns.map((_, index) => chunk.map((row) => row[index] ?? null));
    await db.executeQuery(CompiledQuery.raw(text, parameters));
  }
}

/** Column name → type name (int8, varchar, text …) of a table in the current schema, read once. */
const columnTypeCache = new WeakMap<object, Map<string, Map<string, string>>>();

async function columnTypes(db: Kysely<any>, table: string): Promise<Map<string, string>> {
  const adapter = db.getExecutor().adapter;
  let tables = columnTypeCache.get(adapter);
  if (!tables) columnTypeCache.set(adapter, (tables = new Map()));
  let types = tables.get(table);
  if (!types) {
    const result = await sql<{ column_name: string; udt_name: string }>`
      select column_name, udt_name from information_schema.columns
      where table_schema = current_schema() and table_name = ${table}`.execute(db);
    types = new Map(result.rows.map((row) => [row.column_name, row.udt_name]));
    tables.set(table, types);
  }
  return types;
}

/**
 * Refreshes the query planner's statistics after a bulk change. Without them SQLite plans a name
 * search in a million-person registry through the unit index and sorts everything (seconds) instead
 * of reading the name index in order (well under a millisecond).
 */
export async function refreshStatistics(db: Kysely<any>, tables: string[]): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql.raw(`analyze ${tables.map((table) => `"${table}"`).join(', ')}`).execute(db);
    return;
  }
  for (const table of tables) await sql.raw(`analyze "${table}"`).execute(db);
}

/** Cheap at start: SQLite re-analyzes only the tables whose size changed a lot since last time; on
 * PostgreSQL the small unit tree is analyzed (every scoped query joins it). */
export async function optimizeOnStart(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'sqlite') await sql`pragma optimize = 0x10002`.execute(db);
  else await sql`analyze unit`.execute(db);
}

/**
 * Inside one long import transaction PostgreSQL still plans with the statistics of the table as it
 * was (often empty), and picks sequential scans for the per-batch lookups — quadratic over a million
 * rows. The rows being added are indexed; tell the planner to use the indexes for this transaction.
 */
export async function preferIndexesForBulkWork(trx: Kysely<any>): Promise<void> {
  if (dialectOf(trx) === 'postgres') await sql`set local enable_seqscan = off`.execute(trx);
}

/**
 * A first load into empty tables, with their secondary indexes built once at the end instead of
 * maintained row by row: SQLite sorts each index in one pass, where a million random-key inserts
 * into a dozen B-trees cost most of an import. Only on SQLite, where DDL is part of the transaction
 * (a failed load leaves the indexes as they were) and the import holds the only connection anyway;
 * on PostgreSQL dropping an index locks the table against every reader until the commit. Unique
 * constraints stay in place and keep checking every row.
 */
export async function withIndexesBuiltAfterLoad<T>(
  trx: Kysely<any>,
  tables: readonly string[],
  load: () => Promise<T>,
): Promise<T> {
  if (dialectOf(trx) === 'postgres') return load();
  const indexes = await sql<{ name: string; sql: string }>`
    select name, sql from sqlite_master
    where type = 'index' and sql is not null and tbl_name in (${sql.join([...tables])})`.execute(trx);
  for (const index of indexes.rows) await sql.raw(`drop index "${index.name}"`).execute(trx);
  const result = await load();
  for (const index of indexes.rows) await sql.raw(index.sql).execute(trx);
  return result;
}
